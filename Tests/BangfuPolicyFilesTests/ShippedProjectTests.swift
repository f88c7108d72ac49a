import BangfuCore
import Foundation
import Testing

@testable import BangfuPolicyFiles

/// `policies/projects/*.toml` as shipped: the four Qingdao 2024 projects of seed 002, with
/// the rows and weights of their filled 自评表.
@Suite struct ShippedProjectTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies/projects")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static let files = [
        "qingdao-2024-city-model-workers.toml", "qingdao-2024-warmth.toml", "qingdao-2024-province-workers.toml",
        "qingdao-2024-province-model-workers.toml",
    ]

    @Test func theFolderHoldsTheFourProjects() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(names) == Set(Self.files))
    }

    @Test(arguments: files)
    func eachShippedFileLoadsWithWeightsSummingToAHundred(file: String) throws {
        let project = try ProjectFile.load(path: Self.path(file))
        #expect(project.weightSum == Rational(100))
        #expect(project.executionWeight == ExactDecimal(10))
        #expect(project.year == 2024)
    }

    @Test func theProjectsCarryTheNamesBudgetsAndRowCountsOfTheSeed() throws {
        let projects = try Self.files.map { try ProjectFile.load(path: Self.path($0)) }
        #expect(projects.map(\.name) == ["市劳模困难救助", "元旦春节送温暖", "省财政困难职工帮扶", "省劳模困难救助"])
        // 002:4748, 002:5141, 002:1270, 002:1081.
        #expect(projects.map(\.budget) == [.yuan(2_600_000), .yuan(2_800_000), .yuan(700_000), .yuan(352_700)])
        // 002:4805–4887 nine rows, 002:5206–5284 nine, 002:1338–1400 seven, 002:1138–1210 eight.
        #expect(projects.map(\.indicators.count) == [9, 9, 7, 8])
    }

    @Test func theCityModelWorkersRowsAreTheSeedsRows() throws {
        let project = try ProjectFile.load(path: Self.path("qingdao-2024-city-model-workers.toml"))
        #expect(project.indicators.map(\.name) == [
            "年度帮扶资金使用额", "补助发放标准", "生活困难救助人数", "特殊困难救助人数", "帮扶救助困难劳模对象达标率", "重复救助率",
            "补助金发放时限", "补助政策知晓度", "补助对象满意度",
        ])
        #expect(project.indicators.map(\.targetText) == ["≤260万元", "≤3万元/人", "≥120人", "≥150人", "100%", "≤0%", "≥100%", "≥98%", "≥95%"])
        #expect(project.indicators.map { $0.weight.description } == ["5", "5", "5", "5", "10", "10", "10", "30", "10"])
    }

    @Test func theCityModelWorkersFormRecomputedFromTheSeedsActualsScoresNinetyNinePointNinetyTwo() throws {
        // The seed's actuals (002:4811–4887) as the records would give them; the form said 100
        // (002:4891), but 118 of ≥120 (002:4830) scores 118/120 × 5 = 4.92.
        let project = try ProjectFile.load(path: Self.path("qingdao-2024-city-model-workers.toml"))
        let measured: [MetricQuery: Rational] = [
            MetricQuery(.amountPaid): Rational(2_600_000),
            MetricQuery(.maxAmountPerPerson): Rational(30_000),
            MetricQuery(.modelWorkersAided, kind: .modelWorkerLiving): Rational(118),
            MetricQuery(.modelWorkersAided, kind: .modelWorkerSpecial): Rational(168),
            MetricQuery(.eligibilityAccuracy): .one,
            MetricQuery(.duplicateAidRate): .zero,
            MetricQuery(.onTimeRate, deadline: CalendarDate("2024-12-20")): .one,
        ]
        #expect(Set(project.metricQueries) == Set(measured.keys))
        let evaluation = SelfEvaluation.evaluate(project: project, executed: .yuan(2_600_000), measured: measured)
        #expect(evaluation.rows[2].score == ExactDecimal(units: 492, scale: 2))
        #expect(evaluation.totalScore == ExactDecimal(units: 9992, scale: 2))
        #expect(evaluation.grade == .excellent)
    }

    @Test func theQualitativeRowsOfTheProvincialFormsAreAchieved() throws {
        // 002:1199 「显著改善 显著改善 30 30」, 002:1387 「明显改善 明显改善 30 30」.
        for file in ["qingdao-2024-province-model-workers.toml", "qingdao-2024-province-workers.toml"] {
            let project = try ProjectFile.load(path: Self.path(file))
            let row = try #require(project.indicators.first { $0.op == .qualitative })
            #expect(SelfEvaluation.evaluate(row, measured: nil).score == ExactDecimal(30))
        }
    }

    @Test(arguments: files)
    func everyRowAndTheBudgetCiteTheSeed(file: String) throws {
        let lines = try String(contentsOfFile: Self.path(file), encoding: .utf8).components(separatedBy: "\n")
        for (index, line) in lines.enumerated() where line == "[[indicator]]" {
            #expect(lines[index + 1].hasPrefix("# 002:"), "row at line \(index + 1) of \(file)")
        }
        let budget = try #require(lines.first { $0.hasPrefix("budget = ") })
        #expect(budget.contains("# 002:"))
    }

    @Test(arguments: files)
    func everyPlaceholderSaysSo(file: String) throws {
        // A manual value the seed reports only as a bound (「≥98%」) and a deadline the seed gives
        // as 「中旬前」 or not at all sit under the marker.
        let lines = try String(contentsOfFile: Self.path(file), encoding: .utf8).components(separatedBy: "\n")
        for (index, line) in lines.enumerated() where line.hasPrefix("source = ") && line.contains("未给出调查数据") {
            #expect(lines[..<index].suffix(3).contains { $0.contains("占位值 PLACEHOLDER") }, "line \(index + 1) of \(file)")
        }
        for (index, line) in lines.enumerated() where line.hasPrefix("deadline = ") && !line.contains("2024-03-31") {
            #expect(lines[..<index].suffix(2).contains { $0.contains("占位值 PLACEHOLDER") }, "line \(index + 1) of \(file)")
        }
    }
}
