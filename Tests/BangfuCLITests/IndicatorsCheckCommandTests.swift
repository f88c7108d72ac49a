import Foundation
import Testing

/// `bangfu indicators check FILE.csv` as a user runs it: the seed's inconsistency found,
/// exit 0 with findings, exit 1 for a bad file.
@Suite(.serialized)
struct IndicatorsCheckCommandTests {
    /// import/sample/self-evaluation-000.csv: the 两节送温暖帮扶专项 form of 000:94–160.
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("import/sample/self-evaluation-000.csv").path

    @Test func theSampleFormHasExactlyTheSeedsInconsistentRow() throws {
        // 000:94 「1500 1249 20 18」: the rule gives 16.65.
        let result = try CommandRunner().run(["indicators", "check", Self.sample, "--format", "json"], withDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 1)
        let finding = try #require(json.first)
        #expect(Set(finding.keys) == ["name", "target", "actual", "weight", "reported_score", "score", "explanation"])
        #expect(finding["name"] as? String == "“两节”期间帮扶困难职工")
        #expect(finding["target"] as? String == "≥1500")
        #expect(finding["actual"] as? String == "1249")
        #expect(finding["weight"] as? Int == 20)
        #expect(finding["reported_score"] as? Int == 18)
        #expect(finding["explanation"] as? String == "1249/1500×20=16.65，表中得分18")
        #expect(result.stdout.contains("\"score\": 16.65,"))
    }

    @Test func theTableListsTheFindingAndHowEachRowWasRead() throws {
        // The qualitative rows (000:96–160) are checked against 达成's range, 「春节前完成」 against
        // itself as a deadline (000:101–105): only 000:94 differs.
        let result = try CommandRunner().run(["indicators", "check", Self.sample], withDatabase: false)
        #expect(result.status == 0)
        #expect(result.stdout.contains("共 8 行，1 行得分与规则不符，7 行一致，0 行无法按公式核对"))
        #expect(result.stdout.contains("1249/1500×20=16.65，表中得分18"))
        #expect(result.stdout.contains("第4行「在2023年春节前完成送温暖任务」：时效指标：年度指标值「春节前完成」与实际完成值「春节前完成」按期限比较"))
        #expect(!result.stdout.contains("无法按公式核对："))
    }

    @Test func aFormWhoseScoresAgreeHasNoFindings() throws {
        // 000:571 「100人 107人 10 10」, 000:110–114 「140.4万元 140.4万元 10 10」.
        let runner = try CommandRunner()
        let file = try runner.file("ok.csv", "指标名称,指标值,实际完成值,分值,得分\n特困劳模帮扶100人以上,≥100人,107人,10,10\n送温暖帮扶经费,140.4万元,140.4万元,10,10\n")
        let json = try runner.run(["indicators", "check", file, "--format", "json"], withDatabase: false)
        #expect(json.status == 0)
        #expect(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let table = try runner.run(["indicators", "check", file], withDatabase: false)
        #expect(table.stdout.contains("表中得分均与规则一致"))
    }

    @Test func theCSVFormatListsEachFindingOnALine() throws {
        // 000:569 「100人 74人 10 7」.
        let runner = try CommandRunner()
        let file = try runner.file("f.csv", "指标名称,指标值,实际完成值,分值,得分\n生活困难劳模帮扶100人以上,≥100人,74人,10,7\n")
        let result = try runner.run(["indicators", "check", file, "--format", "csv"], withDatabase: false)
        #expect(result.status == 0)
        #expect(result.stdout == "行,指标名称,指标值,实际完成值,分值,表中得分,应得分,说明\n2,生活困难劳模帮扶100人以上,≥100人,74人,10,7,7.4,74/100×10=7.4，表中得分7\n")
    }

    @Test func aBadScoreCellExitsOneNamingRowAndColumn() throws {
        let runner = try CommandRunner()
        let file = try runner.file("bad.csv", "指标名称,指标值,实际完成值,分值,得分\n“两节”期间帮扶困难职工,≥1500,1249,20,十八\n")
        let result = try runner.run(["indicators", "check", file], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("第2行 E列「得分」值「十八」"))
        #expect(result.stderr.contains("row 2, column E"))
    }

    @Test func aFileWithoutTheColumnsExitsOne() throws {
        let runner = try CommandRunner()
        let file = try runner.file("cols.csv", "指标名称,指标值,得分\nx,≥1,1\n")
        let result = try runner.run(["indicators", "check", file], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains("实际完成值"))
    }

    @Test func aMissingFileExitsOne() throws {
        let result = try CommandRunner().run(["indicators", "check", "/nonexistent/form.csv"], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains("无法读取文件"))
    }
}
