import BangfuCore
import Foundation
import Testing

/// `bangfu duplicates` (spec §5, §6.2): each finding code on a small hand-made data set,
/// none on clean data, and the rate.
@Suite(.serialized)
struct DuplicatesCommandTests {
    func id(_ year: Int, _ n: Int) -> String { CommandRunner.idNumber(year, n) }

    /// Two clean archives, a model worker, and union aid within every limit.
    func cleanArchive() throws -> CommandRunner {
        let runner = try CommandRunner()
        let households = """
            档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
            QD-001,王建国,\(id(1975, 1)),青岛港,港工会,深度困难,2022-03-15,3,12000,,重特大疾病,13812345678,工行,6222020200112233446,在档
            QD-002,李秀英,\(id(1978, 2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,下岗失业,13912345678,建行,6217000010012345678,在档
            """
        let members = """
            档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注
            QD-001,王建国,\(id(1975, 1)),本人,无,,
            QD-001,王小明,\(id(2005, 4)),子女,大学本科,中国海洋大学,
            QD-002,李秀英,\(id(1978, 2)),本人,无,,
            """
        let workers = """
            姓名,身份证号,荣誉级别,荣誉称号,工作单位,本人年收入,困难类型,特殊困难原因,联系电话,开户银行,银行账号
            张志强,\(id(1960, 7)),市级,青岛市劳动模范,青岛啤酒,30000,生活困难,,13812345670,中国银行,6216610000000000017
            """
        let aid = """
            身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号
            \(id(1975, 1)),王建国,生活救助,6000,2024-01-25,工会,
            \(id(1975, 1)),王建国,助学救助,8000,2024-09-20,工会,\(id(2005, 4))
            \(id(1960, 7)),张志强,劳模生活困难补助,12000,2024-11-20,工会,
            \(id(1978, 2)),李秀英,医疗救助,3000,2024-05-10,工会,
            \(id(1978, 2)),李秀英,生活救助,2000,2023-12-20,民政,
            """
        for (kind, text) in [("households", households), ("members", members), ("model-workers", workers), ("aid", aid)] {
            let imported = try runner.run(["import", kind, try runner.file("\(kind).csv", text)])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        return runner
    }

    func report(_ runner: CommandRunner, policy: Bool = true) throws -> (rate: Double, findings: [[String: Any]]) {
        let result = try runner.run(["duplicates", "--year", "2024", "--format", "json"] + (policy ? ["--policy", CommandRunner.qingdaoPolicy] : []))
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // spec §6.2's keys, and the review queue's beside them (issue 16).
        #expect(Set(json.keys) == [
            "year", "duplicate_aid_rate", "findings", "confirmed_duplicate_aid_rate", "open_findings", "confirmed_findings", "dismissed_findings",
        ])
        #expect(json["year"] as? Int == 2024)
        return (try #require(json["duplicate_aid_rate"] as? Double), try #require(json["findings"] as? [[String: Any]]))
    }

    func addAid(_ runner: CommandRunner, _ rows: String) throws {
        let text = "身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号\n" + rows
        let imported = try runner.run(["import", "aid", try runner.file("more-\(UUID().uuidString).csv", text)])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test func cleanDataHasNoFindings() throws {
        let (rate, findings) = try report(try cleanArchive())
        #expect(findings.isEmpty, "\(findings)")
        #expect(rate == 0)
    }

    @Test func aHouseholdPastItsYearlyLivingLimitIsFoundWithItsPayments() throws {
        let runner = try cleanArchive()
        // Deep household: 12 × 1115 = 13380 at most in 2024; 6000 + 8000 = 14000.
        try addAid(runner, "\(id(1975, 1)),王建国,生活救助,8000,2024-07-25,工会,\n")
        let (rate, findings) = try report(runner)
        #expect(findings.count == 1)
        #expect(findings[0]["code"] as? String == "over_annual_limit")
        let detail = try #require(findings[0]["detail"] as? String)
        #expect(detail.contains("档案QD-001（户主王建国）2024年工会生活救助合计14,000.00元，超过年度上限13,380.00元"))
        #expect(detail.contains("2024-07-25 王建国 8,000.00元（工会）"))
        // 2 of the year's 5 union records (4 + the one added) are involved.
        #expect(rate == 0.4)
    }

    @Test func aStudentPastTheYearlyEducationLimitIsFound() throws {
        let runner = try cleanArchive()
        try addAid(runner, "\(id(1975, 1)),王建国,助学救助,3000,2024-10-08,工会,\(id(2005, 4))\n")
        let (_, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["over_annual_limit"])
        #expect(findings[0]["id_numbers"] as? [String] == [id(2005, 4)])
        #expect((findings[0]["detail"] as? String)?.contains("学生王小明") == true)
    }

    @Test func aModelWorkerPastTheYearlyLimitIsFound() throws {
        // Regression: the limit was bound as text, and SQLite ranks every number below text.
        let runner = try cleanArchive()
        try addAid(runner, "\(id(1960, 7)),张志强,劳模特殊困难帮扶,20000,2024-12-01,工会,\n")
        let (_, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["over_annual_limit"])
        #expect((findings[0]["detail"] as? String)?.contains("劳模张志强（\(id(1960, 7))）2024年工会劳模补助合计32,000.00元，超过每人每年上限30,000.00元") == true)
    }

    @Test func aStudentListedInTwoArchivesIsOneFindingPerCode() throws {
        let runner = try cleanArchive()
        let members = "档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注\nQD-002,王小明,\(id(2005, 4)),外孙,大学本科,,\n"
        #expect(try runner.run(["import", "members", try runner.file("m3.csv", members)]).status == 0)
        try addAid(runner, "\(id(1975, 1)),王建国,助学救助,3000,2024-10-08,工会,\(id(2005, 4))\n")
        let (_, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["over_annual_limit", "two_households"])
    }

    @Test func withoutAPolicyTheLimitsAreNotChecked() throws {
        let runner = try cleanArchive()
        try addAid(runner, "\(id(1975, 1)),王建国,生活救助,8000,2024-07-25,工会,\n")
        #expect(try report(runner, policy: false).findings.isEmpty)
        #expect(try runner.run(["duplicates", "--year", "2024"]).stdout.contains("未检查超年度上限"))
        #expect(try runner.run(["duplicates", "--year", "2024", "--format", "json"]).stderr.contains("annual limits not checked"))
    }

    @Test func aPersonInTwoArchivesIsFound() throws {
        let runner = try cleanArchive()
        let members = "档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注\nQD-002,王小明,\(id(2005, 4)),外孙,大学本科,,\n"
        #expect(try runner.run(["import", "members", try runner.file("m2.csv", members)]).status == 0)
        let (rate, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["two_households"])
        #expect((findings[0]["detail"] as? String) == "王小明（\(id(2005, 4))）同时登记在2个档案中：档案QD-001、档案QD-002")
        // The 助学 paid for him is the involved record: 1 of the year's 4 union records.
        #expect(rate == 0.25)
    }

    @Test func unionAndAnotherAgencyPayingTheSamePurposeIsFound() throws {
        let runner = try cleanArchive()
        try addAid(runner, "\(id(1978, 2)),李秀英,医疗救助,1500,2024-06-01,民政,\n")
        let (rate, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["cross_agency"])
        let detail = try #require(findings[0]["detail"] as? String)
        #expect(detail.hasPrefix("档案QD-002的家庭同年既获工会医疗救助，又获民政医疗救助"))
        #expect(detail.contains("2024-06-01 李秀英 1,500.00元（民政）"))
        #expect(rate == 0, "cross_agency does not count in the rate (spec §5)")
    }

    @Test func aSharedBankAccountIsFound() throws {
        let runner = try cleanArchive()
        let workers = """
            姓名,身份证号,荣誉级别,荣誉称号,工作单位,本人年收入,困难类型,特殊困难原因,联系电话,开户银行,银行账号
            刘洋,\(id(1962, 8)),市级,青岛市劳动模范,青岛港,30000,无,,13812345671,工行,6222020200112233446
            """
        #expect(try runner.run(["import", "model-workers", try runner.file("w2.csv", workers)]).status == 0)
        let (_, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["shared_account"])
        #expect(Set(findings[0]["id_numbers"] as? [String] ?? []) == [id(1975, 1), id(1962, 8)])
    }

    @Test func oneIDNumberWithTwoNamesIsFound() throws {
        let runner = try cleanArchive()
        try addAid(runner, "\(id(1978, 2)),李秀华,送温暖慰问,500,2024-02-01,妇联,\n")
        let (_, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["id_name_mismatch"])
        #expect((findings[0]["detail"] as? String)?.contains("李秀华（救助记录 2024-02-01 妇联）") == true)
    }

    @Test func onePersonTwiceInOneBatchIsFound() throws {
        let runner = try cleanArchive()
        // The head of QD-001 is also on the model-worker roll: the 送温暖 batch takes him twice.
        let workers = """
            姓名,身份证号,荣誉级别,荣誉称号,工作单位,本人年收入,困难类型,特殊困难原因,联系电话,开户银行,银行账号
            王建国,\(id(1975, 1)),市级,青岛市劳动模范,青岛港,30000,无,,13812345678,工行,6222020200112233446
            """
        #expect(try runner.run(["import", "model-workers", try runner.file("w3.csv", workers)]).status == 0)
        let batch = try runner.computedBatch("warmth", date: "2024-01-25", name: "春节送温暖")
        try runner.approve(batch)
        #expect(try runner.run(["batch", "pay", batch, "--date", "2024-01-28"]).status == 0)
        let (rate, findings) = try report(runner)
        #expect(findings.map { $0["code"] as? String } == ["same_batch"])
        #expect((findings[0]["detail"] as? String)?.hasPrefix("批次\(batch)「春节送温暖」中王建国（\(id(1975, 1))）出现2次") == true)
        // 2 of 4 imported + 4 paid = 8 union records.
        #expect(rate == 0.25)
    }

    @Test func theFindingsCanBeSavedAsAWorkbook() throws {
        let runner = try cleanArchive()
        try addAid(runner, "\(id(1978, 2)),李秀英,医疗救助,1500,2024-06-01,民政,\n")
        let out = runner.folder.appendingPathComponent("dup.xlsx").path
        #expect(try runner.run(["duplicates", "--year", "2024", "--out", out]).status == 0)
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: out)).readData(ofLength: 2)
        #expect(head == Data("PK".utf8))
    }
}
