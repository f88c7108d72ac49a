/// An exact fraction `numerator / denominator`, for the quotients of the self-evaluation:
/// 1249 ÷ 1500 × 20, an execution rate of 285 ÷ 286. Never a floating-point value, so a
/// score is rounded once, at the end, from the exact quotient.
///
/// Always in lowest terms with a positive denominator, so `==` compares values. The
/// arithmetic cancels common factors before multiplying; it traps on overflow like `Int`,
/// which the bounds of the inputs rule out: project files hold at most 12 integer digits
/// and 4 decimals, and the records give counts, yuan amounts and shares of counts.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numerator, carrying the sign.
    public let numerator: Int
    /// The denominator, always above zero.
    public let denominator: Int

    /// `numerator / denominator` in lowest terms; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a fraction's denominator cannot be zero")
        let divisor = Self.gcd(numerator, denominator)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// The exact value of a decimal: 2.1 is 21/10.
    public init(_ decimal: ExactDecimal) {
        var power = 1
        for _ in 0..<decimal.scale { power *= 10 }
        self.init(decimal.units, power)
    }

    /// An amount of money in yuan: 1 fen is 1/100.
    public init(yuan money: Money) { self.init(money.fen, 100) }

    /// Nothing.
    public static let zero = Rational(0)
    /// One whole: a rate of 100 %.
    public static let one = Rational(1)

    /// Whether the value is 0.
    public var isZero: Bool { numerator == 0 }
    /// Whether the value is below 0.
    public var isNegative: Bool { numerator < 0 }

    /// The absolute value.
    public var magnitude: Rational { isNegative ? -self : self }

    /// Rounded half away from zero (四舍五入) to `places` decimals, with trailing zeros
    /// dropped: 1249/1500 × 20 → 16.65, 37/5 → 7.4, 10 → 10.
    public func rounded(toPlaces places: Int) -> ExactDecimal {
        precondition((0...9).contains(places), "places must be 0...9")
        var power = 1
        for _ in 0..<places { power *= 10 }
        // |numerator| × 10^places may not fit in an Int: divide the full-width product.
        let magnitude = UInt(numerator.magnitude)
        let product = magnitude.multipliedFullWidth(by: UInt(power))
        let (quotient, remainder) = UInt(denominator).dividingFullWidth((product.high, product.low))
        let roundedUp = remainder >= UInt(denominator) - remainder
        var units = Int(quotient + (roundedUp ? 1 : 0))
        if numerator < 0 { units = -units }
        var scale = places
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        return ExactDecimal(units: units, scale: scale)
    }

    /// The value itself as a decimal, when its expansion ends within 9 places (8668, 0.8668,
    /// 1/8 = 0.125); nil for 2/3 and the like.
    public var finiteDecimal: ExactDecimal? {
        var rest = denominator, places = 0
        for factor in [2, 5] {
            var count = 0
            while rest % factor == 0 {
                rest /= factor
                count += 1
            }
            places = max(places, count)
        }
        return rest == 1 && places <= 9 ? rounded(toPlaces: places) : nil
    }

    /// `16.65`, `7.4`, `4.92`: rounded to two decimals, as the form shows a score.
    public var description: String { rounded(toPlaces: 2).description }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        let divisor = gcd(lhs.denominator, rhs.denominator)
        let left = lhs.numerator * (rhs.denominator / divisor)
        let right = rhs.numerator * (lhs.denominator / divisor)
        return Rational(left + right, lhs.denominator / divisor * rhs.denominator)
    }

    public static prefix func - (value: Rational) -> Rational { Rational(-value.numerator, value.denominator) }

    public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + -rhs }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        let first = gcd(lhs.numerator, rhs.denominator)
        let second = gcd(rhs.numerator, lhs.denominator)
        return Rational(
            (lhs.numerator / first) * (rhs.numerator / second), (lhs.denominator / second) * (rhs.denominator / first))
    }

    /// `lhs ÷ rhs`; `rhs` must not be zero.
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(!rhs.isZero, "division by zero")
        return lhs * Rational(rhs.denominator, rhs.numerator)
    }

    /// Compared through full-width products, so comparing never overflows.
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    /// The greatest common divisor of `a` and `b`, at least 1.
    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude
        var y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int(x)
    }
}

extension ExactDecimal {
    /// Nothing: no points.
    public static let zero = ExactDecimal(0)

    /// The same value with trailing decimal zeros dropped (`7.40` → `7.4`, `10.00` → `10`),
    /// so that equal values compare equal with `==`.
    public var normalized: ExactDecimal {
        var units = self.units
        var scale = self.scale
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        return ExactDecimal(units: units, scale: scale)
    }
}
