import Testing

@testable import BangfuCore

/// Auditing a form filled by hand: the seeds' inconsistencies are found, their correct rows pass.
struct FilledFormCheckTests {
    static func row(_ name: String, _ target: String, _ actual: String, weight: String, reported: String) -> FilledFormCheck.Row {
        FilledFormCheck.Row(
            name: name, target: target, actual: actual, weight: ExactDecimal(weight)!, reportedScore: ExactDecimal(reported)!)
    }

    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)!.normalized }

    // MARK: - reading the cells

    @Test func aTargetWithItsSignIsReadAsOpNumberAndUnit() {
        let target = WrittenValue("≤3万元/人")  // 002:4816
        #expect(target.op == .atMost)
        #expect(target.number == ExactDecimal(3))
        #expect(target.unit == "万元/人")
        #expect(WrittenValue("≥1500").op == .atLeast)
        #expect(WrittenValue("≦3000元").op == .atMost)  // 002:5212
        #expect(WrittenValue(">=98%").number == ExactDecimal(98))
    }

    @Test func aNumberWithoutSignHasNoOp() {
        let value = WrittenValue("140.4万元")  // 000:114
        #expect(value.op == nil)
        #expect(value.number == Self.decimal("140.4"))
        #expect(value.unit == "万元")
        #expect(WrittenValue("100.00%").number == ExactDecimal(100))
    }

    @Test func thousandsCommasAreReadOnlyBetweenGroupsOfThree() {
        #expect(WrittenValue("1,249").number == ExactDecimal(1249))
        #expect(WrittenValue("12,49").number == nil)
    }

    @Test func aDatePhraseIsTextNotANumberWithAUnit() {
        #expect(WrittenValue("2023年底前").number == nil)  // 000:263
        #expect(WrittenValue("12月中旬前已发放完成").number == nil)  // 002:4858
        #expect(WrittenValue("是否改善").number == nil)  // 000:96
    }

    // MARK: - rows

    @Test func theSeedsOneThousandTwoHundredFortyNineRowIsFound() {
        // 000:94 「“两节”期间帮扶困难职工 1500 1249 20 18」 (the goal, 000:58: 计划慰问困难职工1500人).
        let outcome = FilledFormCheck.check(Self.row("“两节”期间帮扶困难职工", "≥1500", "1249", weight: "20", reported: "18"))
        #expect(outcome == .differs(score: Self.decimal("16.65"), explanation: "1249/1500×20=16.65，表中得分18"))
    }

    @Test func theSeedsSeventyFourRowIsFound() {
        // 000:569 「生活困难劳模帮扶100人以上 100人 74人 10 7」: 7.4, not 7.
        let outcome = FilledFormCheck.check(Self.row("生活困难劳模帮扶100人以上", "≥100人", "74人", weight: "10", reported: "7"))
        #expect(outcome == .differs(score: Self.decimal("7.4"), explanation: "74/100×10=7.4，表中得分7"))
    }

    @Test func theSeedsOneHundredEighteenRowIsFound() {
        // 002:4830 「≥120人 118 5 5」.
        let outcome = FilledFormCheck.check(Self.row("生活困难救助人数", "≥120人", "118", weight: "5", reported: "5"))
        #expect(outcome == .differs(score: Self.decimal("4.92"), explanation: "118/120×5=4.92，表中得分5"))
    }

    @Test func aRowAboveItsTargetWithFullMarksAgrees() {
        // 000:571 「特困劳模帮扶100人以上 100人 107人 10 10」.
        #expect(FilledFormCheck.check(Self.row("特困劳模帮扶100人以上", "≥100人", "107人", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
    }

    @Test func anEqualRowThatIsEqualAgrees() {
        // 000:110–114 「140.4万元 140.4万元 10 10」.
        #expect(FilledFormCheck.check(Self.row("对困难职工发放送温暖帮扶经费140.4万元", "140.4万元", "140.4万元", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
    }

    @Test func aReverseRowAboveItsTargetShowsTargetOverActual() {
        let outcome = FilledFormCheck.check(Self.row("人均费用", "≤3000元", "3500元", weight: "5", reported: "5"))
        #expect(outcome == .differs(score: Self.decimal("4.29"), explanation: "3000/3500×5=4.29，表中得分5"))
    }

    @Test func aReverseRowWithTargetZeroAndAnActualScoresZero() {
        let outcome = FilledFormCheck.check(Self.row("重复救助率", "≤0%", "1%", weight: "10", reported: "10"))
        #expect(outcome == .differs(score: .zero, explanation: "指标值为0而实际完成值为1，得0，表中得分10"))
    }

    @Test func anEqualRowThatIsNotEqualScoresZero() {
        let outcome = FilledFormCheck.check(Self.row("对象达标率", "100%", "99%", weight: "10", reported: "10"))
        #expect(outcome == .differs(score: .zero, explanation: "99≠100，得0，表中得分10"))
    }

    @Test func yuanAreComparedWithTenThousandYuan() {
        // 002:4811 「≤260万元 260万元」, the actual written in yuan.
        #expect(FilledFormCheck.check(Self.row("年度帮扶资金使用额", "≤260万元", "2600000元", weight: "5", reported: "5")) == .agrees(score: ExactDecimal(5)))
    }

    @Test func aWrittenScoreWithinOneHundredthAgrees() {
        #expect(FilledFormCheck.check(Self.row("x", "≥1500", "1249", weight: "20", reported: "16.64")) == .agrees(score: Self.decimal("16.65")))
        #expect(FilledFormCheck.check(Self.row("x", "≥1500", "1249", weight: "20", reported: "16.66")) == .agrees(score: Self.decimal("16.65")))
        if case .differs = FilledFormCheck.check(Self.row("x", "≥1500", "1249", weight: "20", reported: "16.67")) {} else {
            Issue.record("16.67 is 0.02 from 16.65")
        }
    }

    // MARK: - rows that cannot be recomputed

    @Test func aQualitativeRowIsCheckedAgainstItsTiersRange() {
        // 000:96–99 「是否改善 是 10 10」: 「是」 is 达成, whose range is 10–8.
        #expect(FilledFormCheck.check(Self.row("困难职工在节日期间过上幸福的节日生活", "是否改善", "是", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
        let low = FilledFormCheck.check(Self.row("困难职工在节日期间过上幸福的节日生活", "是否改善", "是", weight: "10", reported: "7"))
        #expect(low == .differs(score: nil, explanation: TierScale.project.misfit(ExactDecimal(7), weight: ExactDecimal(10), tier: .achieved)))
    }

    @Test func aTierWrittenAsTheActualOfANumericRowIsCheckedAgainstItsRange() {
        // 000:255–259 「帮扶全市部分困难职工 ≥30 达成预期指标 20 18」: 90 % is inside 达成.
        #expect(FilledFormCheck.check(Self.row("帮扶全市部分困难职工", "≥30", "达成预期指标", weight: "20", reported: "18")) == .agrees(score: ExactDecimal(18)))
    }

    @Test func aWordlessQualitativeRowIsNotRecomputed() {
        // 002:5412–5416 「符合救助条件 100%」: no tier can be read from the words.
        let outcome = FilledFormCheck.check(Self.row("帮扶救助困难劳模对象达标率", "符合救助条件", "100%", weight: "4", reported: "4"))
        guard case .unchecked(let reason) = outcome else {
            Issue.record("expected unchecked, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("定性指标"))
    }

    @Test func anActualBoundThatMeetsTheTargetByItselfAgrees() {
        // 002:4816 「≤3万元/人 ≤3万元/人 5 5」, 002:1210 「≥95% ≥95% 10 10」.
        #expect(FilledFormCheck.check(Self.row("补助发放标准", "≤3万元/人", "≤3万元/人", weight: "5", reported: "5")) == .agrees(score: ExactDecimal(5)))
        #expect(FilledFormCheck.check(Self.row("补助对象满意度", "≥95%", "≥95%", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
    }

    @Test func anActualBoundLooserThanTheTargetIsScoredAtItsLeastFavourableValue() {
        // 002:5406 「帮扶救助困难劳模补助标准 ≤2.8万元 ≤3万元 4 4」 (部门整体支出绩效自评表).
        let outcome = FilledFormCheck.check(Self.row("帮扶救助困难劳模补助标准", "≤2.8万元", "≤3万元", weight: "4", reported: "4"))
        #expect(outcome == .differs(
            score: Self.decimal("3.73"),
            explanation: "实际完成值「≤3万元」是范围，宽于年度指标值「≤2.8万元」，不能说明已达到指标值；按最不利值计：2.8/3×4=3.73，表中得分4"))
    }

    // MARK: - targets as the forms write them

    @Test func anUnsignedTargetTakesTheSignItsNameSays() {
        // 000:569 「生活困难劳模帮扶100人以上 100人 74人 10 7」, the target as the seed writes it.
        let row = Self.row("生活困难劳模帮扶100人以上", "100人", "74人", weight: "10", reported: "7")
        #expect(row.op == .atLeast)
        #expect(FilledFormCheck.check(row) == .differs(score: Self.decimal("7.4"), explanation: "74/100×10=7.4，表中得分7"))
        #expect(FilledFormCheck.readings(of: row) == ["年度指标值未写比较符，指标名称含「以上」，按≥计"])
        // 000:405 「市总机关及下属事业单位在职职工 46人 46人」: no word, an "=" row.
        #expect(Self.row("市总机关及下属事业单位在职职工", "46人", "46人", weight: "10", reported: "10").op == .equal)
    }

    @Test func tenThousandIsTenThousandYuan() {
        // 000:110–114 「140.4万 元 140.4万元」 and 002:5429 「≤280万元 280万」.
        let row = Self.row("对困难职工发放送温暖帮扶经费140.4万元", "140.4万", "140.4万元", weight: "10", reported: "10")
        #expect(FilledFormCheck.check(row) == .agrees(score: ExactDecimal(10)))
        #expect(FilledFormCheck.readings(of: row) == ["实际完成值的单位「万元」与年度指标值的单位「万」按同一单位计"])
        #expect(FilledFormCheck.check(Self.row("送温暖资金使用", "≤280万元", "280万", weight: "4", reported: "4")) == .agrees(score: ExactDecimal(4)))
    }

    @Test func yuanIsYuanPerPersonOnAPerPersonRowOnly() {
        // 002:5214–5218 「劳模人均走访慰问费用 1000元/人 1000元 5 5」.
        #expect(FilledFormCheck.check(Self.row("劳模人均走访慰问费用", "1000元/人", "1000元", weight: "5", reported: "5")) == .agrees(score: ExactDecimal(5)))
        guard case .unchecked = FilledFormCheck.check(Self.row("走访慰问费用", "1000元/人", "1000元", weight: "5", reported: "5")) else {
            Issue.record("元 and 元/人 differ on a row that is not per person")
            return
        }
    }

    @Test func deadlinesInWordsMakeAnOnTimeRow() {
        // 002:5255–5258 「走访完成时间 3月底前完成 2月底前完成 10 10」; 000:101–105 春节前 both.
        #expect(FilledFormCheck.check(Self.row("走访完成时间", "3月底前完成", "2月底前完成", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
        #expect(FilledFormCheck.check(Self.row("在2023年春节前完成送温暖任务", "春节前完成", "春节前完成", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
        #expect(FilledFormCheck.check(Self.row("补助金发放时限", "当年度11月中旬前发放完成", "11月中旬前已发放完成", weight: "10", reported: "10")) == .agrees(score: ExactDecimal(10)))
    }

    @Test func aDeadlineMetLateMayNotScoreFullMarks() {
        let outcome = FilledFormCheck.check(Self.row("走访完成时间", "2月底前完成", "3月底前完成", weight: "10", reported: "10"))
        #expect(outcome == .differs(score: nil, explanation: "实际完成时间「3月底前完成」晚于年度指标值的期限「2月底前完成」，不应得满分，表中得分10"))
    }

    @Test func differentUnitsAreNotCompared() {
        let outcome = FilledFormCheck.check(Self.row("救助人数", "≥100人", "90户", weight: "10", reported: "10"))
        guard case .unchecked(let reason) = outcome else {
            Issue.record("expected unchecked, got \(outcome)")
            return
        }
        #expect(reason.contains("单位"))
    }

    @Test func aQualitativeScoreAboveItsWeightIsFound() {
        let outcome = FilledFormCheck.check(Self.row("困难职工满意度", "满意", "满意", weight: "10", reported: "12"))
        #expect(outcome == .differs(score: nil, explanation: "表中得分12超过分值10（得分不能超过分值）"))
    }

    @Test func theSeedFormOfTwoFestivalsHasExactlyOneFindingAndEveryOtherRowAgrees() {
        // 000:94–160, the 两节送温暖帮扶专项 form as import/sample/self-evaluation-000.csv holds it.
        let rows = [
            Self.row("“两节”期间帮扶困难职工", "≥1500", "1249", weight: "20", reported: "18"),
            Self.row("困难职工在节日期间过上幸福的节日生活", "是否改善", "是", weight: "10", reported: "10"),
            Self.row("在2023年春节前完成送温暖任务", "春节前完成", "春节前完成", weight: "10", reported: "10"),
            Self.row("对困难职工发放送温暖帮扶经费140.4万元", "140.4万元", "140.4万元", weight: "10", reported: "10"),
            Self.row("困难职工满意度", "满意", "满意", weight: "10", reported: "10"),
        ]
        let findings = FilledFormCheck.findings(in: rows)
        #expect(findings.map(\.row.name) == ["“两节”期间帮扶困难职工"])
        #expect(rows.dropFirst().allSatisfy { if case .agrees = FilledFormCheck.check($0, year: 2023) { true } else { false } })
    }
}
