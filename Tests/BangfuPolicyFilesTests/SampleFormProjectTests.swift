import BangfuCore
import Foundation
import Testing

@testable import BangfuPolicyFiles

/// The project files of `import/sample/forms/`: seed forms whose 全年执行数 is given by hand.
@Suite struct SampleFormProjectTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("import/sample/forms")

    static func load(_ name: String) throws -> Project { try ProjectFile.load(path: folder.appendingPathComponent(name).path) }

    @Test func theSocialInsuranceSubsidyIsScoredOnItsExecutedAmountWithoutAnyBatch() throws {
        // 000:349 「55万元 55万元 55万元 10 100% 10」; no batch of Bangfu pays it.
        let project = try Self.load("anqing-2023-social-insurance.toml")
        #expect(project.executedByHand?.amount == .yuan(550_000))
        let evaluation = SelfEvaluation.evaluate(project: project, executed: .zero, measured: [:])
        #expect(evaluation.executed == .yuan(550_000))
        #expect(evaluation.executionScore == ExactDecimal(10))
        #expect(evaluation.executedDifference == nil)
        #expect(evaluation.executionSourceText?.contains("没有该项目已发放的批次") == true)
        // 000:471 「总分 100 98」: every row as written, 满意 scored 8 of 10 (000:469).
        #expect(evaluation.totalScore == ExactDecimal(98))
        #expect(evaluation.rows.allSatisfy { $0.flags.isEmpty })
    }

    @Test func batchesBesideAnExecutedAmountAreShownWithTheDifference() throws {
        let project = try Self.load("anqing-2023-social-insurance.toml")
        let evaluation = SelfEvaluation.evaluate(project: project, executed: .yuan(500_000), measured: [:])
        #expect(evaluation.executed == .yuan(550_000))
        #expect(evaluation.paidThroughBatches == .yuan(500_000))
        #expect(evaluation.executedDifference == .yuan(50_000))
        #expect(evaluation.executionSourceText?.contains("已发放批次合计 500,000.00 元，差额 50,000.00 元") == true)
    }

    @Test func theWorkersPalaceSubsidyScoresItsFormsHundred() throws {
        // 002:4945 90 万元 executed of 90; every row at or past its target (002:5014–5083).
        let project = try Self.load("qingdao-2024-workers-palace.toml")
        let evaluation = SelfEvaluation.evaluate(project: project, executed: .zero, measured: [:])
        #expect(evaluation.executionRateText == "100%")
        #expect(evaluation.totalScore == ExactDecimal(100))
        // 002:5038 「≥2个 4个」 is 100 % over: the row must be explained.
        #expect(evaluation.rows.filter { $0.deviationNote != nil }.map(\.indicator.name) == ["保障阵地数量"])
    }

    @Test func aProjectWithoutAnExecutedAmountIsScoredOnItsBatches() throws {
        let project = try ProjectFile.parse(ProjectText.valid, file: "project.toml")
        #expect(project.executedByHand == nil)
        let evaluation = SelfEvaluation.evaluate(project: project, executed: .yuan(1_300_000), measured: [:])
        #expect(evaluation.executed == .yuan(1_300_000))
        #expect(evaluation.executionSourceText == nil)
    }

    @Test func anExecutedAmountWithoutItsSourceIsRefused() throws {
        let text = ProjectText.valid.replacingOccurrences(of: "execution_weight = 10", with: "execution_weight = 10\nexecuted = 2500000")
        let error = try ProjectText.error(parsing: text)
        #expect(error == .missingKey(ProjectText.at("project.executed_source", 1)))
    }
}

/// Project files written as the forms write their targets.
@Suite struct ProjectTargetsAsWrittenTests {
    static func parse(_ old: String, _ new: String) throws -> Project {
        try ProjectFile.parse(try ProjectText.replacing(old, with: new), file: "project.toml")
    }

    @Test func aRowWithoutOpTakesTheSignItsNameSaysAndShowsTheChoice() throws {
        // 000:569 「生活困难劳模帮扶100人以上 100人」.
        let project = try Self.parse("name = \"生活困难救助人数\"\nop = \">=\"", "name = \"生活困难劳模帮扶100人以上\"")
        #expect(project.indicators[0].op == .atLeast)
        #expect(project.indicators[0].reading == "未写 op，指标名称含「以上」，按≥计")
    }

    @Test func aRowWithoutOpWhoseNameSaysNoSignIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("name = \"生活困难救助人数\"\nop = \">=\"", with: "name = \"生活困难救助人数\""))
        #expect(error == .missingKey(ProjectText.at("indicator[1].op", 7)))
    }

    @Test func aDeadlineInTheTargetsWordsBecomesTheOnTimeRowsDeadline() throws {
        // 002:1174–1178 「补助金发放时限 当年度11月中旬前发放完成」.
        let project = try Self.parse("target = 100\nunit = \"%\"\nweight = 10\nmetric = \"on_time_rate\"\ndeadline = 2024-12-20",
                                     "target = \"当年度11月中旬前发放完成\"\nunit = \"%\"\nweight = 10\nmetric = \"on_time_rate\"")
        let row = project.indicators[1]
        #expect(row.metricQuery == MetricQuery(.onTimeRate, deadline: CalendarDate("2024-11-20")))
        #expect(row.target == .number(ExactDecimal(100)))
        #expect(row.targetText == "当年度11月中旬前发放完成")
        #expect(row.reading == "年度指标值「当年度11月中旬前发放完成」读作截止日 2024-11-20（中旬止于20日），按期发放率应达100%")
    }

    @Test func wordsWithoutADeadlineAreRefusedOnAnOnTimeRow() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing(
            "target = 100\nunit = \"%\"\nweight = 10\nmetric = \"on_time_rate\"\ndeadline = 2024-12-20",
            with: "target = \"及时发放\"\nunit = \"%\"\nweight = 10\nmetric = \"on_time_rate\""))
        #expect(error == .unreadableDeadline(ProjectText.at("indicator[2].target", 23), value: "及时发放"))
    }

    @Test func aBoundValueIsKeptAsABoundAndScoredFullWhenItMeetsTheTarget() throws {
        // 002:1210 「补助对象满意度 ≥95% ≥95% 10 10」.
        let project = try Self.parse("value = 96", "value = \"≥95%\"")
        #expect(project.indicators[3].source == .manual(value: .bound(.atLeast, ExactDecimal(95)), source: "问卷调查"))
        let row = SelfEvaluation.evaluate(project.indicators[3], measured: nil)
        #expect(row.actualText == "≥95%")
        #expect(row.score == ExactDecimal(10))
        #expect(row.flags.isEmpty)
    }

    @Test func aBoundLooserThanTheTargetIsFlaggedAndScoredAtTheBound() throws {
        let project = try Self.parse("value = 96", "value = \"≥90%\"")
        let row = SelfEvaluation.evaluate(project.indicators[3], measured: nil)
        #expect(row.score == ExactDecimal("9.47")!.normalized)
        #expect(row.flags == ["实际完成值「≥90%」是范围，宽于年度指标值「≥95%」，不能说明已达到指标值；按范围的最不利值90%计分"])
    }

    @Test func aBoundInAnotherUnitIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = 96", with: "value = \"≥95人\""))
        #expect(error == .badBound(ProjectText.at("indicator[4].value", 47), value: "≥95人", unit: "%"))
    }

    @Test func theDepartmentsScaleIsNamedInTheProjectFile() throws {
        let project = try Self.parse("execution_weight = 10", "execution_weight = 10\nscale = \"department\"")
        #expect(project.scale == .department)
        let error = try ProjectText.error(parsing: try ProjectText.replacing("execution_weight = 10", with: "execution_weight = 10\nscale = \"部门\""))
        #expect(error == .badScale(ProjectText.at("project.scale", 6), value: "部门"))
    }
}

/// The 绩效自评报告 drafted from the same evaluation as the form.
@Suite struct EvaluationReportTests {
    @Test func theHeadcountInTheReportIsTheFormsNeverAnother() throws {
        // 000:405 gives 46 in the form and 000:713 25 in the report; the draft can only say 46.
        let project = try SampleFormProjectTests.load("anqing-2023-social-insurance.toml")
        let report = EvaluationReport.draft(SelfEvaluation.evaluate(project: project, executed: .zero, measured: [:]))
        #expect(report.title == "2023年度在职职工社保补助绩效自评报告")
        #expect(report.text.contains("「市总机关及下属事业单位在职职工」：年度指标值46人，实际完成值46人，分值10分，得分10分"))
        #expect(!report.text.contains("25人"))
        // 000:683–695: 98 分, 优; 产出 50, 效益 30, 满意度 8, 预算执行率 10.
        #expect(report.text.contains("本项目自评得分98分，评价等级“优”。其中：预算执行率10分（分值10分）；产出指标50分（分值50分）；效益指标30分（分值30分）；满意度指标8分（分值10分）。"))
        #expect(report.text.contains("全年执行数来源：市财政拨付的在职职工社保补助"))
    }

    @Test func aDeviationOnTheFormIsADeviationInTheReportWithAPlaceholderForItsReason() throws {
        // 002:5038 「保障阵地数量 ≥2个 4个」.
        let project = try SampleFormProjectTests.load("qingdao-2024-workers-palace.toml")
        let report = EvaluationReport.draft(SelfEvaluation.evaluate(project: project, executed: .zero, measured: [:]))
        let deviations = try #require(report.sections.first { $0.heading == "五、偏差原因分析" })
        #expect(deviations.paragraphs.count == 1)
        #expect(deviations.paragraphs[0].hasPrefix("「保障阵地数量」：实际完成值4个比年度指标值2个高100%"))
        #expect(deviations.paragraphs[0].hasSuffix("【待填写：偏差原因】"))
    }

    @Test func theEditableTextIsUTF8WithABOMAndWindowsLineEnds() throws {
        let project = try SampleFormProjectTests.load("anqing-2023-social-insurance.toml")
        let bytes = EvaluationReport.editableBytes(EvaluationReport.draft(SelfEvaluation.evaluate(project: project, executed: .zero, measured: [:])))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("2023年度在职职工社保补助绩效自评报告\r\n\r\n一、项目基本情况\r\n"))
    }
}

/// Spec §7: a rate metric's `%` row whose target is 1 or less gets a warning.
@Suite struct PercentTargetWarningTests {
    @Test func aRateTargetOfOneOnAPercentRowIsProbablyAShareWrittenAsAFraction() throws {
        let text = try ProjectText.replacing("target = 100\nunit = \"%\"\nweight = 10\nmetric = \"on_time_rate\"", with: "target = 1\nunit = \"%\"\nweight = 10\nmetric = \"on_time_rate\"")
        let project = try ProjectFile.parse(text, file: "project.toml")
        #expect(ProjectFile.warnings(for: project, file: "project.toml") == [
            .percentTargetLooksLikeFraction(file: "project.toml", indicator: "补助金发放时限", target: "1")
        ])
    }

    @Test func aTargetOfZeroPercentIsNone() throws {
        // 002:4849 「重复救助率 ≤0% 0」: no duplicate aid at all, not a fraction.
        let project = try ProjectFile.load(path: ShippedProjectTests.path("qingdao-2024-city-model-workers.toml"))
        #expect(ProjectFile.warnings(for: project, file: "x").isEmpty)
    }
}
