import Testing

@testable import BangfuCore

/// Exact fractions: lowest terms, arithmetic, and the one rounding the form needs.
struct RationalTests {
    @Test func aFractionIsKeptInLowestTermsWithAPositiveDenominator() {
        let fraction = Rational(6, -4)
        #expect(fraction.numerator == -3)
        #expect(fraction.denominator == 2)
        #expect(Rational(2, 4) == Rational(1, 2))
    }

    @Test func aDecimalBecomesItsExactFraction() {
        #expect(Rational(ExactDecimal(units: 21, scale: 1)) == Rational(21, 10))
        #expect(Rational(yuan: Money(fen: 6_706_00)) == Rational(6706, 1))
    }

    @Test func arithmeticIsExact() {
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(1, 3) - Rational(1, 2) == Rational(-1, 6))
        #expect(Rational(1249, 1500) * Rational(20) == Rational(1249, 75))
        #expect(Rational(3, 4) / Rational(3, 8) == Rational(2))
    }

    @Test func roundingIsHalfUpToTheGivenPlaces() {
        #expect(Rational(1249, 75).rounded(toPlaces: 2) == ExactDecimal(units: 1665, scale: 2))  // 16.6533…
        #expect(Rational(107, 40).rounded(toPlaces: 2) == ExactDecimal(units: 268, scale: 2))  // 2.675 → 2.68
        #expect(Rational(59, 24).rounded(toPlaces: 2) == ExactDecimal(units: 246, scale: 2))  // 2.4583… → 2.46
        #expect(Rational(-107, 40).rounded(toPlaces: 2) == ExactDecimal(units: -268, scale: 2))
    }

    @Test func roundingDropsTrailingZeros() {
        #expect(Rational(37, 5).rounded(toPlaces: 2) == ExactDecimal(units: 74, scale: 1))
        #expect(Rational(10).rounded(toPlaces: 2) == ExactDecimal(10))
        #expect(Rational(10).description == "10")
    }

    @Test func comparingLargeFractionsDoesNotOverflow() {
        let large = Rational(Int.max / 3, 7)
        #expect(large < Rational(Int.max / 3 + 1, 7))
        #expect(Rational(1, Int.max) < Rational(1, Int.max - 1))
    }

    @Test func aNormalizedDecimalHasNoTrailingZeros() {
        #expect(ExactDecimal(units: 740, scale: 2).normalized == ExactDecimal(units: 74, scale: 1))
        #expect(ExactDecimal(units: 1000, scale: 2).normalized == ExactDecimal(10))
    }

    @Test func aFractionWithAnEndingExpansionIsThatDecimalAndOthersAreNone() {
        #expect(Rational(866_800, 1_000_000).finiteDecimal?.description == "0.8668")
        #expect(Rational(8668).finiteDecimal?.description == "8668")
        #expect(Rational(1, 8).finiteDecimal?.description == "0.125")
        #expect(Rational(-3, 4).finiteDecimal?.description == "-0.75")
        #expect(Rational(6, 1396).finiteDecimal == nil)
        #expect(Rational(1, 1024).finiteDecimal == nil, "ten places: written as a double instead")
    }
}
