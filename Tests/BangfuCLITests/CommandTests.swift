import BangfuCore
import Foundation
import Testing

/// The command line as spec §1 promises it: exit codes, messages, JSON shapes.
@Suite(.serialized)
struct CommandTests {
    let households = """
        档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
        QD-001,王建国,11010519491231002X,青岛港集团,港集团工会,深度困难,2022-03-15,3,"24,000.00",12000,重特大疾病,13812345678,中国工商银行,6222020200112233446,在档
        QD-002,李秀英,\(IDNumber(region: 370203, birth: CalendarDate(year: 1978, month: 5, day: 6)!, sequence: 22).value),海尔集团,海尔工会,相对困难,2023年1月5日,2,30000.5,,下岗失业,13912345678,中国建设银行,6222020200112233446,脱困
        """

    var members: String {
        """
        档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注
        QD-001,王建国,11010519491231002X,本人,无,,
        QD-001,王小明,\(IDNumber(region: 370202, birth: CalendarDate(year: 2006, month: 9, day: 1)!, sequence: 31).value),子女,大学本科,中国海洋大学,
        """
    }

    @Test func initIsIdempotent() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["init"]).status == 0)
        let again = try runner.run(["init"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("数据库已就绪"))
    }

    @Test func householdsListPrintsSpecJSON() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["import", "households", try runner.file("h.csv", households)]).status == 0)
        let imported = try runner.run(["import", "members", try runner.file("m.csv", members)])
        #expect(imported.status == 0, "\(imported.stderr)")
        let listed = try runner.run(["households", "list", "--format", "json"])
        #expect(listed.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 2)
        let first = json[0]
        #expect(Set(first.keys) == ["archive_no", "head_name", "head_id_number", "category", "size", "annual_income_fen", "status", "members"])
        #expect(first["archive_no"] as? String == "QD-001")
        #expect(first["category"] as? String == "deep")
        #expect(first["annual_income_fen"] as? Int == 2_400_000)
        let members = try #require(first["members"] as? [[String: Any]])
        #expect(members.count == 2)
        #expect(Set(members[0].keys) == ["name", "id_number", "relation", "school_stage"])
        #expect(members[1]["school_stage"] as? String == "undergraduate")
        #expect(json[1]["status"] as? String == "exited")
        #expect(json[1]["annual_income_fen"] as? Int == 3_000_050)
    }

    @Test func aBadFileExitsOneNamingRowAndColumnInChineseAndEnglish() throws {
        let runner = try CommandRunner()
        let bad = households.replacingOccurrences(of: "30000.5", with: "三万")
        let result = try runner.run(["import", "households", try runner.file("bad.csv", bad)])
        #expect(result.status == 1)
        #expect(result.stderr.contains("第3行 I列「家庭年纯收入」值「三万」"))
        #expect(result.stderr.contains("row 3, column I"))
        let listed = try runner.run(["households", "list", "--format", "json"])
        #expect(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func usageErrorsExitTwo() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["households", "list", "--format", "xml"]).status == 2)
        #expect(try runner.run(["frobnicate"], withDatabase: false).status == 2)
        #expect(try runner.run(["import", "households"]).status == 2)
    }

    @Test func aGroupWithoutItsCommandIsAUsageErrorButHelpIsNot() throws {
        let runner = try CommandRunner()
        for group in [[], ["batch"], ["import"], ["households"]] {
            let result = try runner.run(group, withDatabase: false)
            #expect(result.status == 2, "bangfu \(group.joined(separator: " "))")
            #expect(result.stderr.contains("缺少子命令"))
            #expect(result.stdout.isEmpty)
        }
        #expect(try runner.run(["batch", "--help"], withDatabase: false).status == 0)
        #expect(try runner.run(["--help"], withDatabase: false).status == 0)
    }

    @Test func aMissingFileIsAUserError() throws {
        let runner = try CommandRunner()
        let result = try runner.run(["import", "aid", "/nonexistent/aid.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("无法读取文件"))
    }

    @Test func theDatabaseComesFromBangfuDBWhenNoOptionIsGiven() throws {
        let runner = try CommandRunner()
        let path = runner.folder.appendingPathComponent("env.sqlite").path
        #expect(try runner.run(["init"], withDatabase: false, environment: ["BANGFU_DB": path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func dbIsAGlobalOptionBeforeTheSubcommand() throws {
        // spec §1: `--db PATH` is global, so it may come before the command.
        let runner = try CommandRunner()
        let path = runner.folder.appendingPathComponent("global.sqlite").path
        #expect(try runner.run(["--db", path, "init"], withDatabase: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
        let listed = try runner.run(["--db=\(path)", "batch", "list", "--format", "json"], withDatabase: false)
        #expect(listed.status == 0)
        #expect(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func modelWorkersListPrintsSpecJSON() throws {
        let runner = try CommandRunner()
        let file = """
            姓名,身份证号,荣誉级别,荣誉称号,工作单位,本人年收入,困难类型,特殊困难原因,联系电话,开户银行,银行账号
            张志强,11010519491231002X,省部级,山东省劳动模范,青岛啤酒,"36,000",特殊困难,重大疾病,13812345678,中国银行,6222020200112233446
            """
        #expect(try runner.run(["import", "model-workers", try runner.file("w.csv", file)]).status == 0)
        let listed = try runner.run(["model-workers", "list", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 1)
        #expect(json[0]["level"] as? String == "provincial")
        #expect(json[0]["hardship"] as? String == "special")
        #expect(json[0]["special_cause"] as? String == "major_illness")
        #expect(json[0]["annual_income_fen"] as? Int == 3_600_000)
    }

    @Test func csvListingReimportsUnchanged() throws {
        let runner = try CommandRunner()
        _ = try runner.run(["import", "households", try runner.file("h.csv", households)])
        let csv = try runner.run(["households", "list", "--format", "csv"])
        let other = try CommandRunner()
        let reimported = try other.run(["import", "households", try other.file("again.csv", csv.stdout)])
        #expect(reimported.status == 0, "\(reimported.stderr)")
        let first = try runner.run(["households", "list", "--format", "json"]).stdout
        let second = try other.run(["households", "list", "--format", "json"]).stdout
        #expect(first == second)
    }
}
