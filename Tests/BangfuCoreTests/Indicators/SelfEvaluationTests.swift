import Testing

@testable import BangfuCore

/// A whole form filled from the records: rows in their units, notes, totals and grade.
struct SelfEvaluationTests {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)!.normalized }

    static func row(
        _ name: String, _ op: IndicatorOp, _ target: Int?, unit: String = "", weight: Int, _ source: IndicatorRow.Source
    ) -> IndicatorRow {
        IndicatorRow(
            level1: "产出指标", level2: "数量指标", name: name, op: op, target: target.map { .number(ExactDecimal($0)) },
            unit: unit, weight: ExactDecimal(weight), source: source)
    }

    /// The rows of 002:4805–4887 (困难劳模救助), with the seed's weights.
    static let cityModelWorkers = Project(
        name: "市劳模困难救助", year: 2024, budget: .yuan(2_600_000),
        indicators: [
            row("年度帮扶资金使用额", .atMost, 260, unit: "万元", weight: 5, .metric(.amountPaid)),  // 002:4811
            row("补助发放标准", .atMost, 3, unit: "万元/人", weight: 5, .metric(.maxAmountPerPerson)),  // 002:4816
            row("生活困难救助人数", .atLeast, 120, unit: "人", weight: 5, .metric(.modelWorkersAided, kind: .modelWorkerLiving)),  // 002:4830
            row("特殊困难救助人数", .atLeast, 150, unit: "人", weight: 5, .metric(.modelWorkersAided, kind: .modelWorkerSpecial)),  // 002:4835
            row("帮扶救助困难劳模对象达标率", .equal, 100, unit: "%", weight: 10, .metric(.eligibilityAccuracy)),  // 002:4844
            row("重复救助率", .atMost, 0, unit: "%", weight: 10, .metric(.duplicateAidRate)),  // 002:4849
            row("补助金发放时限", .atLeast, 100, unit: "%", weight: 10, .metric(.onTimeRate, deadline: CalendarDate("2024-12-20"))),  // 002:4861
            row("补助政策知晓度", .atLeast, 98, unit: "%", weight: 30, .manual(value: .number(ExactDecimal(98)), source: "自评表")),  // 002:4876
            row("补助对象满意度", .atLeast, 95, unit: "%", weight: 10, .manual(value: .number(ExactDecimal(95)), source: "自评表")),  // 002:4887
        ])

    /// The seed's actuals (002:4811–4887) as the records would give them: yuan and shares.
    static let seedActuals: [MetricQuery: Rational] = [
        MetricQuery(.amountPaid): Rational(2_600_000),
        MetricQuery(.maxAmountPerPerson): Rational(30_000),
        MetricQuery(.modelWorkersAided, kind: .modelWorkerLiving): Rational(118),
        MetricQuery(.modelWorkersAided, kind: .modelWorkerSpecial): Rational(168),
        MetricQuery(.eligibilityAccuracy): .one,
        MetricQuery(.duplicateAidRate): .zero,
        MetricQuery(.onTimeRate, deadline: CalendarDate("2024-12-20")): .one,
    ]

    @Test func theSeedFormRecomputedScoresNinetyNinePointNinetyTwo() {
        // 002:4889–4891 gave 100; 118 of ≥120 (002:4830) scores 4.92, not 5.
        let evaluation = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: Self.seedActuals)
        #expect(evaluation.executionScore == ExactDecimal(10))
        #expect(evaluation.rows.map(\.score) == ["5", "5", "4.92", "5", "10", "10", "10", "30", "10"].map(Self.decimal))
        #expect(evaluation.totalScore == Self.decimal("99.92"))
        #expect(evaluation.grade == .excellent)
        #expect(evaluation.missingMetrics.isEmpty)
    }

    @Test func theProjectListsEachMetricQueryOnce() {
        #expect(Self.cityModelWorkers.metricQueries.count == 7)
        #expect(Self.cityModelWorkers.weightSum == Rational(100))
    }

    @Test func yuanAreShownInTheRowsUnit() {
        let evaluation = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: Self.seedActuals)
        #expect(evaluation.rows[0].actualText == "260万元")
        #expect(evaluation.rows[0].targetText == "≤260万元")
        #expect(evaluation.rows[1].actualText == "3万元/人")
        #expect(evaluation.rows[1].targetText == "≤3万元/人")
        #expect(evaluation.rows[2].targetText == "≥120人")
        #expect(evaluation.rows[2].actualText == "118人")
    }

    @Test func sharesAreShownAsPercentagesAndScoredExactly() {
        var measured = Self.seedActuals
        measured[MetricQuery(.onTimeRate, deadline: CalendarDate("2024-12-20"))] = Rational(285, 286)
        let row = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: measured).rows[6]
        #expect(row.actualText == "99.65%")
        #expect(row.score == Self.decimal("9.97"))  // 285/286 × 10 = 9.965… → 9.97
        #expect(row.targetText == "≥100%")
    }

    @Test func anEqualRowPrintsItsTargetWithoutASign() {
        #expect(Self.cityModelWorkers.indicators[4].targetText == "100%")
    }

    @Test func theExecutionRateIsPrintedAsAPercentage() {
        let evaluation = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: Self.seedActuals)
        #expect(evaluation.executionRateText == "100%")
    }

    @Test func theExecutionRateDividesByTheFullYearBudgetNotTheInitialOne() {
        // 000:514 「100万元 67.06万元 67.06万元 10 100% 10」: 年初 100, 全年 67.06, executed 67.06.
        let project = Project(
            name: "困难劳模帮扶专项", year: 2023, budget: Money(yuanText: "670600")!, initialBudget: .yuan(1_000_000),
            indicators: [Self.row("x", .atLeast, 1, weight: 90, .manual(value: .number(ExactDecimal(1)), source: "s"))])
        let evaluation = SelfEvaluation.evaluate(project: project, executed: Money(yuanText: "670600")!, actuals: [:])
        #expect(evaluation.executionRate == .one)
        #expect(evaluation.executionScore == ExactDecimal(10))
    }

    @Test func theTotalIsTheSumOfTheRoundedRowScores() {
        // Each row scores 1/3 → 0.33; the total adds the rounded scores: 10 + 0.33 + 0.33 = 10.66,
        // as the form's rows add up, not 10.67 from the exact sum.
        let third = Self.row("a", .atLeast, 3, weight: 1, .manual(value: .number(ExactDecimal(1)), source: "s"))
        var other = third
        other.name = "b"
        var rest = third
        rest.name = "c"
        rest.weight = ExactDecimal(88)
        rest.source = .manual(value: .number(ExactDecimal(0)), source: "s")
        let project = Project(name: "p", year: 2024, budget: .yuan(100), indicators: [third, other, rest])
        let evaluation = SelfEvaluation.evaluate(project: project, executed: .yuan(100), actuals: [:])
        #expect(evaluation.rows.map(\.score) == [Self.decimal("0.33"), Self.decimal("0.33"), .zero])
        #expect(evaluation.totalScore == Self.decimal("10.66"))
    }

    @Test func actualsKeyedByMetricFillEveryRowOfThatMetric() {
        let actuals: [Metric: ExactDecimal] = [
            .amountPaid: ExactDecimal(2_600_000), .maxAmountPerPerson: ExactDecimal(30_000), .modelWorkersAided: ExactDecimal(286),
            .eligibilityAccuracy: ExactDecimal(1), .duplicateAidRate: .zero, .onTimeRate: ExactDecimal(1),
        ]
        let evaluation = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), actuals: actuals)
        #expect(evaluation.rows[2].actualText == "286人")
        #expect(evaluation.rows[3].actualText == "286人")
        #expect(evaluation.totalScore == ExactDecimal(100))
    }

    @Test func aMissingMetricScoresZeroWithANoteAndIsListed() {
        var measured = Self.seedActuals
        measured[MetricQuery(.duplicateAidRate)] = nil
        let evaluation = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: measured)
        let row = evaluation.rows[5]
        #expect(row.actual == .missing)
        #expect(row.score == .zero)
        #expect(row.actualText == "未取得")
        #expect(row.deviationNote?.contains("未取得实际完成值") == true)
        #expect(evaluation.missingMetrics == [MetricQuery(.duplicateAidRate)])
        #expect(evaluation.totalScore == Self.decimal("89.92"))
        #expect(evaluation.grade == .good)
    }

    // MARK: - deviation notes

    @Test func aRowThirtyPercentOrMoreAboveItsTargetGetsADeviationNote() {
        var measured = Self.seedActuals
        measured[MetricQuery(.modelWorkersAided, kind: .modelWorkerSpecial)] = Rational(200)
        let row = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: measured).rows[3]
        #expect(row.score == ExactDecimal(5))
        #expect(row.deviationNote == "实际完成值200人比年度指标值150人高33.33%，偏离30%及以上，须在“偏差原因分析及改进措施”中说明原因并提出改进措施")
    }

    @Test func aRowLessThanThirtyPercentFromItsTargetHasNoNote() {
        // 002:4830 118 of 120 and 002:4835 168 of 150: 1.7 % and 12 %.
        let evaluation = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: Self.seedActuals)
        #expect(evaluation.rows.allSatisfy { $0.deviationNote == nil })
    }

    @Test func anActualAgainstATargetOfZeroGetsANoteAndNoPoints() {
        var measured = Self.seedActuals
        measured[MetricQuery(.duplicateAidRate)] = Rational(1, 100)
        let row = SelfEvaluation.evaluate(project: Self.cityModelWorkers, executed: .yuan(2_600_000), measured: measured).rows[5]
        #expect(row.actualText == "1%")
        #expect(row.score == .zero)
        #expect(row.deviationNote?.hasPrefix("年度指标值为0，实际完成值1%，偏离较大") == true)
    }

    // MARK: - qualitative and manual rows

    @Test func aQualitativeRowScoresByItsTier() {
        var row = Self.row("困难劳模生活水平改善情况", .qualitative, nil, weight: 30, .manual(value: .text("部分达成"), source: "自评"))
        row.target = .text("显著改善")
        let filled = SelfEvaluation.evaluate(row, measured: nil)
        #expect(filled.score == ExactDecimal(24))
        #expect(filled.actualText == "部分达成")
        #expect(filled.targetText == "显著改善")
        #expect(filled.deviationNote == nil)
    }

    @Test func aQualitativeRowWithAnExplicitScoreTakesIt() {
        // 000:469 「职工满意度 满意 满意 10 8」.
        let row = Self.row("职工满意度", .qualitative, nil, weight: 10, .manual(value: .text("满意"), source: "自评", score: ExactDecimal(8)))
        let filled = SelfEvaluation.evaluate(row, measured: nil)
        #expect(filled.score == ExactDecimal(8))
        #expect(filled.actualText == "满意")
        #expect(filled.targetText == "—")
    }

    @Test func aQualitativeRowWithUnknownTextAndNoScoreScoresZeroWithANote() {
        let row = Self.row("职工满意度", .qualitative, nil, weight: 10, .manual(value: .text("满意"), source: "自评"))
        let filled = SelfEvaluation.evaluate(row, measured: nil)
        #expect(filled.score == .zero)
        #expect(filled.deviationNote?.contains("不是达成、部分达成或未达成") == true)
    }

    @Test func textOnANumericRowScoresZeroWithANote() {
        let row = Self.row("满意度", .atLeast, 95, unit: "%", weight: 10, .manual(value: .text("很满意"), source: "自评"))
        let filled = SelfEvaluation.evaluate(row, measured: nil)
        #expect(filled.score == .zero)
        #expect(filled.deviationNote?.contains("不是数值") == true)
    }

    @Test func aUnitTheMetricCannotTakeScoresZeroWithANote() {
        let row = Self.row("发放金额", .atMost, 260, unit: "人", weight: 10, .metric(.amountPaid))
        let filled = SelfEvaluation.evaluate(row, measured: Rational(2_600_000))
        #expect(filled.score == .zero)
        #expect(filled.deviationNote?.contains("单位「人」") == true)
    }

    @Test func theOpsAreWrittenInChinese() {
        #expect(IndicatorOp.allCases.map(\.symbol) == ["≥", "≤", "=", "定性"])
        #expect(IndicatorOp.allCases.map(\.rawValue) == [">=", "<=", "=", "qualitative"])
    }

    @Test func everyMetricOfSpecSevenHasAChineseDescription() {
        #expect(Metric.allCases.map(\.rawValue) == [
            "households_aided", "persons_aided", "students_aided", "model_workers_aided", "amount_paid", "max_amount_per_person",
            "on_time_rate", "duplicate_aid_rate", "eligibility_accuracy", "standard_accuracy",
        ])
        #expect(Metric.allCases.allSatisfy { !$0.chineseDescription.isEmpty })
    }
}
