import BangfuCore
import Testing

/// The one computation of 生活救助's standard, shared by a batch and `policy show`.
struct LivingStandardTests {
    /// policies/qingdao-2024.toml: deep 6 months a batch, 12 a year, rounded down to 1000
    /// yuan; relative and accident 4 and 8.
    let living = Policy.Living(
        annualMaxMonths: [.deep: 12, .relative: 8, .accident: 8], batchMonths: [.deep: 6, .relative: 4, .accident: 4],
        roundDownTo: Money(fen: 100_000))

    @Test func aBatchIsMonthsOfDibaoRoundedDownAndTheYearIsItsOwnMonths() throws {
        // 低保 1045 (002:2201–2203): 6 × 1045 = 6270 → 6000; 12 × 1045 = 12540.
        let deep = try LivingStandard(living, .deep, dibao: Money(fen: 104_500))
        #expect(deep.raw == Money(fen: 627_000))
        #expect(deep.amount == Money(fen: 600_000))
        #expect(deep.annualMax == Money(fen: 1_254_000))
        // 低保 1115 (002:2227): 4 × 1115 = 4460 → 4000; 8 × 1115 = 8920.
        let relative = try LivingStandard(living, .relative, dibao: Money(fen: 111_500))
        #expect((relative.raw, relative.amount, relative.annualMax) == (Money(fen: 446_000), Money(fen: 400_000), Money(fen: 892_000)))
    }

    @Test func aStandardBeyondSixtyFourBitsIsAnOverflowNotATrap() {
        #expect(throws: AmountOverflow.self) { try LivingStandard(living, .deep, dibao: Money(fen: Int.max / 2)) }
    }
}
