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

    @Test func aQualitativeRowIsNotRecomputed() {
        // 000:96–99 「是否改善 是 10 10」.
        let outcome = FilledFormCheck.check(Self.row("困难职工在节日期间过上幸福的节日生活", "是否改善", "是", weight: "10", reported: "10"))
        guard case .unchecked(let reason) = outcome else {
            Issue.record("expected unchecked, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("定性指标"))
    }

    @Test func anActualThatIsABoundIsNotRecomputed() {
        // 002:4816 「≤3万元/人 ≤3万元/人 5 5」.
        let outcome = FilledFormCheck.check(Self.row("补助发放标准", "≤3万元/人", "≤3万元/人", weight: "5", reported: "5"))
        #expect(outcome == .unchecked(reason: "实际完成值「≤3万元/人」是范围，不是实测值，无法核对"))
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

    @Test func theSeedFormOfTwoFestivalsHasExactlyOneFinding() {
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
    }
}
