import Testing

@testable import BangfuCore

/// The tier ranges of the forms' qualitative rows: 100–80–60 % on a 项目支出 form
/// (000:170–172, 002:1225–1226), 100–80–50 % on the 部门整体 form (002:5475–5476).
struct TierScaleTests {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)!.normalized }

    static func qualitative(value: String, target: String, score: String?) -> IndicatorRow {
        IndicatorRow(
            level1: "满意度指标", level2: "服务对象满意度指标", name: "职工满意度", op: .qualitative, target: .text(target), unit: "",
            weight: ExactDecimal(10), source: .manual(value: .text(value), source: "自评", score: score.map(decimal)))
    }

    @Test func aTierAloneScoresTheTopOfItsRange() {
        #expect(IndicatorScoring.qualitative(.notAchieved, weight: ExactDecimal(10), scale: .project) == Rational(6))
        #expect(IndicatorScoring.qualitative(.notAchieved, weight: ExactDecimal(10), scale: .department) == Rational(5))
        #expect(IndicatorScoring.qualitative(.partlyAchieved, weight: ExactDecimal(3), scale: .department) == Rational(12, 5))
    }

    @Test func eightOfTenForTheExpectedResultFitsAchievedAndIsNotFlagged() {
        // 000:469 「职工满意度 满意 满意 10 8」: 80 % is inside 达成 (「含80%」, 000:172).
        let row = SelfEvaluation.evaluate(Self.qualitative(value: "满意", target: "满意", score: "8"), measured: nil)
        #expect(row.score == ExactDecimal(8))
        #expect(row.flags.isEmpty)
    }

    @Test func aScoreOutsideItsTiersRangeIsFlaggedWithTheRange() {
        let row = SelfEvaluation.evaluate(Self.qualitative(value: "部分达成", target: "满意", score: "9"), measured: nil)
        #expect(row.score == ExactDecimal(9))
        #expect(row.flags == ["得分9不在「部分达成」档的区间（分值10的80%–60%，即8–6分；项目支出绩效自评表注：达成 100%–80%、部分达成 80%–60%、未达成 60%–0%）"])
    }

    @Test func fiveOfTenPartlyAchievedFitsTheDepartmentsScaleOnly() {
        let row = Self.qualitative(value: "部分达成", target: "满意", score: "5")
        #expect(SelfEvaluation.evaluate(row, measured: nil, scale: .department).flags.isEmpty)
        #expect(SelfEvaluation.evaluate(row, measured: nil, scale: .project).flags.count == 1)
    }

    @Test func theFormsWordingsOfTheTiersAreRead() {
        // 000:256 「达成预期指标」, 002:1225 「完成预期指标」「部分完成预期指标并具有一定效果」.
        #expect(QualitativeTier(text: "达成预期指标") == .achieved)
        #expect(QualitativeTier(text: "完成预期指标") == .achieved)
        #expect(QualitativeTier(text: "部分完成预期指标并具有一定效果") == .partlyAchieved)
        #expect(QualitativeTier(text: "未达成预期指标且效果较差") == .notAchieved)
        #expect(QualitativeTier(text: "显著改善") == nil)
        // 000:96–99 「是否改善 是」, 002:1199 「显著改善 显著改善」.
        #expect(QualitativeTier(result: "是", expected: "是否改善") == .achieved)
        #expect(QualitativeTier(result: "显著改善", expected: "显著改善") == .achieved)
        #expect(QualitativeTier(result: "有所改善", expected: "显著改善") == nil)
    }
}
