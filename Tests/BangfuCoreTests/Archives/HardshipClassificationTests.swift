import BangfuCore
import Testing

/// The income check of a 困难类别 (domain.md, Qingdao's self-test tool): exact at the lines,
/// 低保 1045 a head a month (002:2201–2203), 相对困难 below 2 × 低保.
struct HardshipClassificationTests {
    let dibao = Money.yuan(1045)
    let two = ExactDecimal(2)

    @Test func incomeJustUnderDibaoIsDeepAndExactlyAtItIsNot() throws {
        // 3 people × 12 months × 1045 = 37,620 yuan a year.
        let under = try HardshipClassification.check(.deep, annualIncome: Money(fen: 3_761_999), size: 3, dibao: dibao, relativeMultiple: two)
        #expect(under.suggested == .deep)
        #expect(!under.disagrees)
        let at = try HardshipClassification.check(.deep, annualIncome: .yuan(37_620), size: 3, dibao: dibao, relativeMultiple: two)
        #expect(at.suggested == .relative)
        #expect(at.disagrees)
    }

    @Test func theRelativeLineIsTheMultipleOfDibaoExactly() throws {
        // 2 × 1045 × 12 × 3 = 75,240 yuan a year; with 2.1 (002:2203) it would be 79,002.
        let under = try HardshipClassification.check(.relative, annualIncome: Money(fen: 7_523_999), size: 3, dibao: dibao, relativeMultiple: two)
        #expect(!under.disagrees)
        let at = try HardshipClassification.check(.relative, annualIncome: .yuan(75_240), size: 3, dibao: dibao, relativeMultiple: two)
        #expect(at.suggested == nil)
        #expect(at.disagrees)
        let fractional = try HardshipClassification.check(
            .relative, annualIncome: Money(fen: 7_900_199), size: 3, dibao: dibao, relativeMultiple: ExactDecimal(units: 21, scale: 1))
        #expect(!fractional.disagrees)
    }

    @Test func withoutARelativeLineOnlyTheDibaoLineIsDrawn() throws {
        let deepAbove = try HardshipClassification.check(.deep, annualIncome: .yuan(200_000), size: 3, dibao: dibao, relativeMultiple: nil)
        #expect(deepAbove.disagrees)
        #expect(deepAbove.chinese.contains("按收入不属于深度困难"))
        let relativeAbove = try HardshipClassification.check(.relative, annualIncome: .yuan(200_000), size: 3, dibao: dibao, relativeMultiple: nil)
        #expect(!relativeAbove.disagrees)
        let relativeUnder = try HardshipClassification.check(.relative, annualIncome: .yuan(10_000), size: 3, dibao: dibao, relativeMultiple: nil)
        #expect(relativeUnder.disagrees)
    }

    @Test func anAccidentIsNeverContradictedByIncome() throws {
        for income in [Money.yuan(1), .yuan(50_000), .yuan(500_000)] {
            #expect(!(try HardshipClassification.check(.accident, annualIncome: income, size: 2, dibao: dibao, relativeMultiple: two)).disagrees)
        }
    }
}
