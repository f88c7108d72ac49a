import Testing

@testable import BangfuCore

/// The scoring rules of spec §7, on the seeds' own numbers where they have them.
struct IndicatorScoringTests {
    static func score(_ op: IndicatorOp, target: Int, actual: Rational, weight: Int) -> ExactDecimal {
        IndicatorScoring.rounded(IndicatorScoring.numeric(op: op, target: Rational(target), actual: actual, weight: ExactDecimal(weight)))
    }

    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)!.normalized }

    // MARK: - ≥ rows

    @Test func aPositiveRowBelowTargetScoresActualOverTargetTimesWeight() {
        // 000:94 「1500 1249 20 18」: the rule gives 1249/1500 × 20 = 16.65.
        #expect(Self.score(.atLeast, target: 1500, actual: Rational(1249), weight: 20) == Self.decimal("16.65"))
    }

    @Test func seventyFourOfAHundredScoresSevenPointFourOfTen() {
        // 000:569 「生活困难劳模帮扶100人以上 100人 74人 10 7」: the rule gives 7.4.
        #expect(Self.score(.atLeast, target: 100, actual: Rational(74), weight: 10) == Self.decimal("7.4"))
    }

    @Test func oneHundredEighteenAgainstOneHundredTwentyScoresFourPointNinetyTwoOfFive() {
        // 002:4830 「≥120人 118 5 5」: the form gave full marks; 118/120 × 5 = 4.9166… → 4.92.
        #expect(Self.score(.atLeast, target: 120, actual: Rational(118), weight: 5) == Self.decimal("4.92"))
    }

    @Test func aPositiveRowAboveTargetIsCappedAtItsWeight() {
        // 002:4835 「≥150人 168人 5 5」.
        #expect(Self.score(.atLeast, target: 150, actual: Rational(168), weight: 5) == ExactDecimal(5))
    }

    @Test func aPositiveRowWithTargetZeroScoresFullMarks() {
        #expect(Self.score(.atLeast, target: 0, actual: .zero, weight: 10) == ExactDecimal(10))
        #expect(Self.score(.atLeast, target: 0, actual: Rational(3), weight: 10) == ExactDecimal(10))
    }

    @Test func aPositiveRowWithNothingDoneScoresZero() {
        #expect(Self.score(.atLeast, target: 100, actual: .zero, weight: 10) == .zero)
    }

    // MARK: - ≤ rows

    @Test func aReverseRowAtItsTargetScoresFullMarks() {
        // 002:4811 「≤260万元 260万元 5 5」.
        #expect(Self.score(.atMost, target: 260, actual: Rational(260), weight: 5) == ExactDecimal(5))
    }

    @Test func aReverseRowBelowItsTargetIsCappedAtItsWeight() {
        // 002:5212 「≦3000元 1100 5 5」.
        #expect(Self.score(.atMost, target: 3000, actual: Rational(1100), weight: 5) == ExactDecimal(5))
    }

    @Test func aReverseRowAboveItsTargetScoresTargetOverActualTimesWeight() {
        // 3000/3500 × 5 = 4.2857… → 4.29.
        #expect(Self.score(.atMost, target: 3000, actual: Rational(3500), weight: 5) == Self.decimal("4.29"))
    }

    @Test func aReverseRowWithTargetZeroAndActualZeroScoresFullMarks() {
        // 002:4849 「重复救助率 ≤0% 0 10 10」.
        #expect(Self.score(.atMost, target: 0, actual: .zero, weight: 10) == ExactDecimal(10))
    }

    @Test func aReverseRowWithTargetZeroAndAnyActualScoresZero() {
        #expect(Self.score(.atMost, target: 0, actual: Rational(1, 100), weight: 10) == .zero)
    }

    // MARK: - = rows

    @Test func anEqualRowScoresFullMarksOnlyWhenEqual() {
        // 002:4844 「100% 100% 10 10」.
        #expect(Self.score(.equal, target: 100, actual: Rational(100), weight: 10) == ExactDecimal(10))
        #expect(Self.score(.equal, target: 100, actual: Rational(995, 10), weight: 10) == .zero)
        #expect(Self.score(.equal, target: 100, actual: Rational(101), weight: 10) == .zero)
    }

    // MARK: - qualitative rows

    @Test func theThreeTiersScoreAHundredEightyAndSixtyPercent() {
        #expect(IndicatorScoring.qualitative(.achieved, weight: ExactDecimal(30)) == Rational(30))  // 002:1199 显著改善 30 30
        #expect(IndicatorScoring.qualitative(.partlyAchieved, weight: ExactDecimal(10)) == Rational(8))
        #expect(IndicatorScoring.qualitative(.notAchieved, weight: ExactDecimal(10)) == Rational(6))
    }

    @Test func anExplicitQualitativeScoreIsKept() {
        // 000:469 「职工满意度 满意 满意 10 8」.
        #expect(IndicatorScoring.explicit(ExactDecimal(8), weight: ExactDecimal(10)) == Rational(8))
    }

    @Test func anExplicitScoreAboveTheWeightIsCapped() {
        #expect(IndicatorScoring.explicit(ExactDecimal(12), weight: ExactDecimal(10)) == Rational(10))
    }

    // MARK: - execution

    @Test func theExecutionScoreIsExecutedOverBudgetTimesWeight() {
        // 002:4748 「260 260 260 10 1 10」.
        let execution = IndicatorScoring.execution(executed: .yuan(2_600_000), budget: .yuan(2_600_000), weight: ExactDecimal(10))
        #expect(execution.rate == .one)
        #expect(IndicatorScoring.rounded(execution.score) == ExactDecimal(10))
    }

    @Test func aPartlyExecutedBudgetScoresItsShare() {
        // 1249 of 1500 (万元) executed: 83.27 %, 8.33 of 10.
        let execution = IndicatorScoring.execution(executed: .yuan(12_490_000), budget: .yuan(15_000_000), weight: ExactDecimal(10))
        #expect(IndicatorText.percent(execution.rate) == "83.27%")
        #expect(IndicatorScoring.rounded(execution.score) == Self.decimal("8.33"))
    }

    @Test func spendingMoreThanTheBudgetIsCappedAtTheWeight() {
        let execution = IndicatorScoring.execution(executed: .yuan(300), budget: .yuan(260), weight: ExactDecimal(10))
        #expect(execution.rate > .one)
        #expect(execution.score == Rational(10))
    }

    @Test func aZeroBudgetScoresNothingForExecution() {
        let execution = IndicatorScoring.execution(executed: .zero, budget: .zero, weight: ExactDecimal(10))
        #expect(execution.rate == .zero)
        #expect(execution.score == .zero)
    }

    // MARK: - grades

    @Test(arguments: [("100", Grade.excellent), ("90", .excellent), ("89.99", .good), ("80", .good), ("79.99", .fair), ("60", .fair), ("59.99", .poor), ("0", .poor)])
    func theGradeBoundariesAreNinetyEightyAndSixty(total: String, grade: Grade) {
        #expect(IndicatorScoring.grade(Self.decimal(total)) == grade)
    }

    @Test func theGradesAreWrittenInChinese() {
        #expect(Grade.allCases.map(\.rawValue) == ["优", "良", "中", "差"])
    }

    // MARK: - deviation

    @Test func aDeviationOfThirtyPercentMustBeExplained() {
        #expect(IndicatorScoring.deviation(target: Rational(100), actual: Rational(70)).needsExplanation)
        #expect(IndicatorScoring.deviation(target: Rational(100), actual: Rational(130)).needsExplanation)
    }

    @Test func aDeviationBelowThirtyPercentNeedsNoExplanation() {
        // 000:569 74 of 100 is 26 % short; 000:94 1249 of 1500 is 16.7 % short.
        #expect(!IndicatorScoring.deviation(target: Rational(100), actual: Rational(74)).needsExplanation)
        #expect(!IndicatorScoring.deviation(target: Rational(1500), actual: Rational(1249)).needsExplanation)
        #expect(!IndicatorScoring.deviation(target: Rational(100), actual: Rational(12999, 100)).needsExplanation)
    }

    @Test func anyActualAgainstATargetOfZeroIsALargeDeviation() {
        #expect(IndicatorScoring.deviation(target: .zero, actual: Rational(1, 100)) == .fromZeroTarget)
        #expect(IndicatorScoring.deviation(target: .zero, actual: Rational(1, 100)).needsExplanation)
        #expect(!IndicatorScoring.deviation(target: .zero, actual: .zero).needsExplanation)
    }

    @Test func aSmallShareKeepsTwoSignificantDigitsOnTheForm() {
        #expect(IndicatorText.number(Rational(6, 1396), unit: "") == "0.0043")
        #expect(IndicatorText.number(Rational(1, 20), unit: "") == "0.05")
        #expect(IndicatorText.number(Rational(1249, 1500) * Rational(20), unit: "分") == "16.65分")
        #expect(IndicatorText.number(.zero, unit: "%") == "0%")
    }
}
