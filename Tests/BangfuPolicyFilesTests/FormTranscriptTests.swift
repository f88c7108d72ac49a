import BangfuCore
import Foundation
import Testing

@testable import BangfuPolicyFiles

/// The ten filled forms of the seeds, transcribed cell by cell in `import/sample/forms/*.form.toml`
/// and audited whole: each inconsistency class is found where the seeds have it, and not
/// where they don't. Each `line` in a transcript is the seed's line of that cell.
@Suite struct FormTranscriptTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("import/sample/forms")

    static func load(_ name: String) throws -> FilledForm {
        try FilledFormFile.load(path: folder.appendingPathComponent("\(name).form.toml").path)
    }

    static func audit(_ name: String) throws -> FormAudit.Report { FormAudit.audit(try load(name)) }

    static let anqing = ["anqing-2023-two-festivals", "anqing-2023-warmth-ankang", "anqing-2023-social-insurance", "anqing-2023-model-workers"]
    static let qingdaoProjects = [
        "qingdao-2024-province-model-workers", "qingdao-2024-province-workers", "qingdao-2024-city-model-workers",
        "qingdao-2024-workers-palace", "qingdao-2024-warmth",
    ]

    /// (cell, seed line) of each finding.
    static func cells(_ report: FormAudit.Report) -> [String] { report.findings.map { "\($0.line ?? 0) \($0.cell)" } }

    @Test func theTenFormsAreTranscribedWithTheirRowsAndWeightsAddingToAHundred() throws {
        for name in Self.anqing + Self.qingdaoProjects + ["qingdao-2024-department"] {
            let form = try Self.load(name)
            let weights = form.rows.reduce(Rational(form.budget?.weight ?? .zero)) { $0 + Rational($1.weight) }
            #expect(weights == Rational(100), "\(name)")
        }
        // 000:94–160 eight rows, 000:569–615 nine; 002:5373–5460 twenty-four.
        #expect(try Self.load("anqing-2023-two-festivals").rows.count == 8)
        #expect(try Self.load("anqing-2023-model-workers").rows.count == 9)
        #expect(try Self.load("qingdao-2024-department").rows.count == 24)
    }

    // MARK: - 安庆 2023

    @Test func twoFestivalsFindsOnlyTheOneThousandTwoHundredFortyNineRow() throws {
        // 000:94 「“两节”期间帮扶困难职工 1500 1249 20 18」: a 数量指标's count, 1249/1500×20 = 16.65.
        let report = try Self.audit("anqing-2023-two-festivals")
        #expect(Self.cells(report) == ["94 「“两节”期间帮扶困难职工」的得分"])
        #expect(report.findings[0].detail == "1249/1500×20=16.65，表中得分18")
        #expect(report.findings[0].rule.contains("正向指标"))
        // 000:162 「总分 100 98」 is the sum of the written scores; the rules give 96.65.
        #expect(report.writtenSum == ExactDecimal(98))
        #expect(report.recomputedTotal == ExactDecimal("96.65")!.normalized)
        #expect(report.readings.contains("「“两节”期间帮扶困难职工」：数量指标的年度指标值未写比较符，按正向指标（≥）计"))
    }

    @Test func theAnkangFormsTierWrittenAsTheActualFitsItsRange() throws {
        // 000:255–259 「≥30 达成预期指标 20 18」: 90 % inside 达成; the form is consistent.
        #expect(try Self.audit("anqing-2023-warmth-ankang").findings.isEmpty)
    }

    @Test func theSocialInsuranceFormIsConsistentItsEightOfTenInsideAchieved() throws {
        // 000:469 「满意 满意 10 8」; 000:471 「总分 100 98」.
        let report = try Self.audit("anqing-2023-social-insurance")
        #expect(report.findings.isEmpty)
        #expect(report.recomputedTotal == ExactDecimal(98))
    }

    @Test func theModelWorkersFormFindsTheSeventyFourRowByItsNamesSign() throws {
        // 000:569 「生活困难劳模帮扶100人以上 100人 74人 10 7」: 以上 makes it ≥, 7.4 not 7;
        // 000:514's 年初预算数 100 against 全年预算数 67.06 is no finding (B/A = 100 %).
        let report = try Self.audit("anqing-2023-model-workers")
        #expect(Self.cells(report) == ["569 「生活困难劳模帮扶100人以上」的得分"])
        #expect(report.findings[0].detail == "74/100×10=7.4，表中得分7")
        #expect(report.recomputedTotal == ExactDecimal("97.4")!.normalized)
    }

    // MARK: - 青岛 2024

    @Test func everyQingdaoFormLeavesItsTotalBlank() throws {
        // 002:1214, 1404, 4891, 5087, 5288, 5462: 「总分 100」 and nothing in 得分.
        for name in Self.qingdaoProjects + ["qingdao-2024-department"] {
            let report = try Self.audit(name)
            #expect(report.findings.contains { $0.cell == "总分的得分" && $0.detail.hasPrefix("得分栏为空") }, "\(name)")
        }
        for name in Self.anqing {
            #expect(!(try Self.audit(name)).findings.contains { $0.cell == "总分的得分" }, "\(name)")
        }
    }

    @Test func theProvincialFormsHaveNothingElse() throws {
        // 002:1081 「35.27 35.27 35.27 10 1 10」: a rate written 1 is read as 100 %, no finding.
        #expect(Self.cells(try Self.audit("qingdao-2024-province-model-workers")) == ["1214 总分的得分"])
        #expect(Self.cells(try Self.audit("qingdao-2024-province-workers")) == ["1404 总分的得分"])
    }

    @Test func theCityModelWorkersFormFindsTheRowTheTotalAndTheReportsRates() throws {
        // 002:4830 「≥120人 118 5 5」; 002:1792–1805 「得分率 10%」 for 10 of 10, and so on.
        let report = try Self.audit("qingdao-2024-city-model-workers")
        #expect(Self.cells(report) == [
            "4830 「生活困难救助人数」的得分", "4891 总分的得分", "1792 「决策」的得分率", "1795 「过程」的得分率", "1799 「产出」的得分率",
            "1805 「效益」的得分率",
        ])
        #expect(report.findings[0].detail == "118/120×5=4.92，表中得分5")
        #expect(report.findings[1].detail == "得分栏为空；表中各项得分合计100（按规则重算为99.92）")
        #expect(report.findings[2].detail == "指标分值10分，得10分，得分率应为100%，写作「10%」")
        // 002:4889 「小计 90 90」 is the sum of what is written.
        #expect(!report.findings.contains { $0.cell.hasPrefix("小计") })
    }

    @Test func aDeviationOfThirtyPercentWithNothingInItsColumnIsFound() throws {
        // 002:5038 「保障阵地数量 ≥2个 4个 10 10」, 偏差原因分析 empty; 002:5212 「≦3000元 1100」.
        #expect(Self.cells(try Self.audit("qingdao-2024-workers-palace")) == ["5038 「保障阵地数量」的偏差原因分析", "5087 总分的得分"])
        let warmth = try Self.audit("qingdao-2024-warmth")
        #expect(warmth.findings.first?.detail == "实际完成值1100比年度指标值≦3000元低63.33%，该栏为空")
        // 002:4830's 118 of 120 is 1.67 % off and explained (「2人不符合申报条件」): not a deviation finding.
        #expect(!(try Self.audit("qingdao-2024-city-model-workers")).findings.contains { $0.cell.contains("偏差原因分析") })
    }

    @Test func perPersonCostTimesHeadcountsAbovetheExecutedAmountIsFound() throws {
        // 002:5212–5238: 1100 元 × 2012 人 + 1000 元 × 700 人 = 291.32 万元 > 280 万元 executed (002:5141).
        let finding = try #require(try Self.audit("qingdao-2024-warmth").findings.first { $0.cell == "人均费用×人数" })
        #expect(finding.detail == "1100元×2012人＋1000元×700人＝291.32万元，超过全年执行数280万元")
        #expect(finding.line == 5212)
        // No other seed form has a 人均 row.
        for name in Self.anqing + Self.qingdaoProjects where name != "qingdao-2024-warmth" {
            #expect(!(try Self.audit(name)).findings.contains { $0.cell == "人均费用×人数" }, "\(name)")
        }
    }

    @Test func theDepartmentFormsLooserBoundIsFound() throws {
        // 002:5406 「帮扶救助困难劳模补助标准 ≤2.8万元 ≤3万元 4 4」.
        let report = try Self.audit("qingdao-2024-department")
        #expect(Self.cells(report) == ["5392 「保障阵地数量」的未完成原因分析", "5406 「帮扶救助困难劳模补助标准」的得分", "5462 总分的得分"])
        #expect(report.findings[1].detail.hasSuffix("按最不利值计：2.8/3×4=3.73，表中得分4"))
        #expect(report.recomputedTotal == ExactDecimal("99.73")!.normalized)
    }

    // MARK: - forms that must agree

    @Test func theDepartmentFormDiffersFromItsProjectFormsWhereTheSeedDoes() throws {
        let department = try Self.load("qingdao-2024-department")
        let projects = try Self.qingdaoProjects.map(Self.load)
        let findings = FormAudit.agreement(department: department, projects: projects)
        #expect(findings.map { "\($0.line ?? 0) \($0.cell)" } == [
            "5406 部门整体表「帮扶救助困难劳模补助标准」的年度指标值",  // ≤2.8万元 against 002:4816 ≤3万元/人
            "5412 部门整体表「帮扶救助困难劳模对象达标率」的年度指标值",  // 符合救助条件 against 002:4844 100%
            "5456 部门整体表「文化宫服务职工满意度」的实际完成值",  // ≥95% against 002:5083 98%
            "5460 部门整体表「走访慰问对象满意度」的实际完成值",  // ≥95% against 002:5284 100%
        ])
        #expect(findings[2].detail == "部门整体表写「≥95%」（002:5456），项目表「市工人文化宫运营费补助」的「文化宫服务职工满意度」写「98%」（002:5083）")
    }

    @Test func rowsThatRepeatTheirProjectsValuesAgreeInUnitsThatMeanTheSame() {
        // 002:5373 「≤90万元 90万元」 against 002:5019 「≤90万 90万」; 002:5435 「100.00%」 against 002:5246 「100%」.
        #expect(FormAudit.sameValue("≤90万元", "≤90万"))
        #expect(FormAudit.sameValue("100.00%", "100%"))
        #expect(FormAudit.sameValue("≤3万元/人", "≤3万元/人"))
        #expect(!FormAudit.sameValue("≤2.8万元", "≤3万元/人"))
        #expect(!FormAudit.sameValue("≥95%", "98%"))
    }
}

/// What a transcript may hold, and what it refuses.
@Suite struct FormTranscriptFileTests {
    static let header = "[form]\nkind = \"project\"\nname = \"x\"\nyear = 2024\n"

    @Test func aRowWithoutLevelsTakesTheRowAbovesAsTheFormMergesThem() throws {
        let form = try FilledFormFile.parse(Self.header + """
            rows = [
              { level1 = "产出指标", level2 = "数量指标", name = "a", target = "≥1", actual = "1", weight = 10, score = "10" },
              { name = "b", target = "≥1", actual = "1", weight = 10, score = 10 },
              { level2 = "质量指标", name = "c", target = "100%", actual = "100%", weight = 10, score = "10" },
            ]
            """, file: "f.toml")
        #expect(form.rows.map(\.level1) == ["产出指标", "产出指标", "产出指标"])
        #expect(form.rows.map(\.level2) == ["数量指标", "数量指标", "质量指标"])
        #expect(form.rows[1].score == "10")
        #expect(form.scale == .project)
    }

    @Test func aFirstRowWithoutItsLevelIsRefused() throws {
        #expect(throws: PolicyFileError.self) {
            try FilledFormFile.parse(Self.header + "rows = [ { name = \"a\", target = \"1\", actual = \"1\", weight = 1, score = \"1\" } ]", file: "f.toml")
        }
    }

    @Test func anUnknownKindIsRefusedWithItsKey() throws {
        do {
            _ = try FilledFormFile.parse(Self.header.replacingOccurrences(of: "project", with: "部门") + "rows = []", file: "f.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error == .badFormKind(PolicyFileError.Location(file: "f.toml", keyPath: "form.kind", line: 2), value: "部门"))
        }
    }

    @Test func aDepartmentFormTakesTheDepartmentsTiers() throws {
        let form = try FilledFormFile.parse(
            Self.header.replacingOccurrences(of: "\"project\"", with: "\"department\"")
                + "rows = [ { level1 = \"a\", level2 = \"b\", name = \"c\", target = \"满意\", actual = \"部分达成\", weight = 10, score = \"5\" } ]",
            file: "f.toml")
        #expect(form.scale == .department)
        #expect(FormAudit.audit(form).findings.filter { $0.cell.hasSuffix("的得分") }.isEmpty)
        var asProject = form
        asProject.scale = .project
        #expect(FormAudit.audit(asProject).findings.map(\.cell) == ["「c」的得分"])
    }
}
