import Foundation
import Testing

/// `bangfu indicators check FORM.toml` on the seeds' transcribed forms, and a project whose
/// executed amount is given by hand, as a user runs them.
@Suite(.serialized)
struct FormTranscriptCommandTests {
    static let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("import/sample/forms")

    static func path(_ name: String) -> String { forms.appendingPathComponent(name).path }

    @Test func aWholeFormsFindingsNameTheirCellLineAndRule() throws {
        // 002:4830 「≥120人 118 5 5」, 002:4891 总分 left blank, 002:1792 「得分率 10%」.
        let result = try CommandRunner().run(["indicators", "check", Self.path("qingdao-2024-city-model-workers.form.toml"), "--format", "json"], withDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["form"] as? String == "困难劳模救助")
        #expect(result.stdout.contains("\"written_sum\": 100,"))
        #expect(result.stdout.contains("\"recomputed_total\": 99.92,"))
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 6)
        #expect(Set(findings[0].keys) == ["cell", "line", "rule", "detail"])
        #expect(findings[0]["cell"] as? String == "「生活困难救助人数」的得分")
        #expect(findings[0]["line"] as? Int == 4830)
        #expect((findings[0]["rule"] as? String)?.hasPrefix("正向指标") == true)
    }

    @Test func theTableSaysWhatTheFormsTotalsAreByTheRules() throws {
        // 000:162 「总分 100 98」; 000:94 scored by the rule gives 96.65.
        let result = try CommandRunner().run(["indicators", "check", Self.path("anqing-2023-two-festivals.form.toml")], withDatabase: false)
        #expect(result.status == 0)
        #expect(result.stdout.contains("表中各项得分合计 98，按规则重算 96.65"))
        #expect(result.stdout.contains("1249/1500×20=16.65，表中得分18"))
    }

    @Test func theDepartmentFormIsCheckedAgainstItsProjectForms() throws {
        // 002:5456 「≥95%」 against the 文化宫 form's 98% (002:5083).
        let projects = ["qingdao-2024-workers-palace", "qingdao-2024-city-model-workers", "qingdao-2024-warmth"].map { Self.path("\($0).form.toml") }
        let result = try CommandRunner().run(
            ["indicators", "check", Self.path("qingdao-2024-department.form.toml"), "--format", "csv", "--projects"] + projects, withDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5456,部门整体表「文化宫服务职工满意度」的实际完成值,"))
        #expect(result.stdout.contains("5460,部门整体表「走访慰问对象满意度」的实际完成值,"))
    }

    @Test func projectsAreRefusedForACSVForm() throws {
        let runner = try CommandRunner()
        let file = try runner.file("f.csv", "指标名称,指标值,实际完成值,分值,得分\na,≥1,1,1,1\n")
        let result = try runner.run(["indicators", "check", file, "--projects", Self.path("qingdao-2024-warmth.form.toml")], withDatabase: false)
        #expect(result.status == 2)
    }

    @Test func aBadTranscriptExitsOneNamingItsKey() throws {
        let runner = try CommandRunner()
        let file = try runner.file("bad.toml", "[form]\nkind = \"整体\"\nname = \"x\"\nyear = 2024\nrows = []\n")
        let result = try runner.run(["indicators", "check", file], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains("第2行 键「form.kind」"))
    }

    @Test func aProjectPaidOutsideTheBatchesShowsItsExecutedAmountsSource() throws {
        // 000:349: 55 万元 executed, none of it through Bangfu; 000:471 总分 98.
        let runner = try CommandRunner()
        #expect(try runner.run(["init"]).status == 0)
        let result = try runner.run(["indicators", "--project", Self.path("anqing-2023-social-insurance.toml")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("全年执行数 550,000.00 元，执行率 100%，得分 10/10"))
        #expect(result.stdout.contains("全年执行数为手工填报（来源：市财政拨付的在职职工社保补助"))
        #expect(result.stdout.contains("总分 98，自评等级：优"))
    }
}
