import BangfuCore
import Foundation
import Testing

/// `bangfu batch create|compute|show|list` end to end on a small archive.
@Suite(.serialized)
struct BatchCommandTests {
    static let policy = CommandRunner.qingdaoPolicy

    func id(_ year: Int, _ n: Int) -> String { CommandRunner.idNumber(year, n) }

    func archive() throws -> CommandRunner { try CommandRunner.withSmallArchive() }

    @Test func aLivingBatchComputesTheSeedAmountsWithReasons() throws {
        let runner = try archive()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", Self.policy, "--date", "2024-01-20", "--name", "2024年春节生活救助", "--budget", "10000"])
        #expect(created.status == 0, "\(created.stderr)")
        let batchID = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(batchID) != nil)
        let computed = try runner.run(["batch", "compute", batchID])
        #expect(computed.status == 0, "\(computed.stderr)")
        let shown = try runner.run(["batch", "show", batchID, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "computed")
        #expect(json["dibao_monthly_fen"] as? Int == 104_500)
        #expect(json["budget_fen"] as? Int == 1_000_000)
        // 6000 for the deep household (002:2199–2203); the relative one is cut to 2668 by the cap.
        #expect(json["total_fen"] as? Int == 866_800)
        #expect(json["over_budget"] as? Bool == false)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 2, "the 脱困 archive is no candidate")
        // spec §6.1's keys, and issue 19's transfer keys (null before payment).
        #expect(Set(entries[0].keys) == [
            "id_number", "name", "archive_no", "student_id_number", "eligible", "amount_fen", "reasons",
            "transfer_state", "transfer_date", "transfer_reason", "transfer_round",
        ])
        #expect(entries[0]["transfer_state"] is NSNull)
        #expect(entries[0]["amount_fen"] as? Int == 600_000)
        #expect((entries[0]["reasons"] as? [String])?.first == "深度困难：6个月×低保1045元=6270元，按1000元取整为6000元")
        #expect(entries[1]["amount_fen"] as? Int == 266_800)
        #expect(entries[1]["student_id_number"] is NSNull)
        let list = try runner.run(["batch", "list", "--format", "json"])
        #expect(list.stdout.contains("\"total_fen\": 866800"))
    }

    @Test func anOverBudgetBatchStillComputesAndSaysSo() throws {
        let runner = try archive()
        let batchID = try runner.run(["batch", "create", "--kind", "education", "--policy", Self.policy, "--date", "2024-09-10", "--name", "助学", "--budget", "5000"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let computed = try runner.run(["batch", "compute", batchID])
        #expect(computed.status == 0)
        #expect(computed.stdout.contains("超出预算"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try runner.run(["batch", "show", batchID, "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(json["over_budget"] as? Bool == true)
        let entries = try #require(json["entries"] as? [[String: Any]])
        // Undergraduate first (higher stages first), 10000 for a deep household; then 3000.
        #expect(entries.map { $0["amount_fen"] as? Int } == [1_000_000, 300_000])
        #expect(entries[0]["student_id_number"] as? String == id(2005, 4))
    }

    @Test func recomputingReplacesTheEntries() throws {
        let runner = try archive()
        let batchID = try runner.run(["batch", "create", "--kind", "warmth", "--policy", Self.policy, "--date", "2024-01-25", "--name", "送温暖"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try runner.run(["batch", "compute", batchID])
        _ = try runner.run(["batch", "compute", batchID])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try runner.run(["batch", "show", batchID, "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect((json["entries"] as? [Any])?.count == 2)
    }

    @Test func aStudentListedInTwoArchivesIsPaidOnceUpToTheLimit() throws {
        let runner = try archive()
        let members = "档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注\nQD-002,王小明,\(id(2005, 4)),外孙,大学本科,,\n"
        #expect(try runner.run(["import", "members", try runner.file("m2.csv", members)]).status == 0)
        let batchID = try runner.computedBatch("education", date: "2024-09-10")
        let entries = try #require(try runner.batchJSON(batchID)["entries"] as? [[String: Any]])
        let his = entries.filter { $0["student_id_number"] as? String == id(2005, 4) }
        // 10000 through the deep household first; the relative one's 8000 is then used up.
        #expect(his.map { $0["amount_fen"] as? Int } == [1_000_000, 0])
        #expect((his[1]["reasons"] as? [String])?.contains { $0.hasPrefix("本年已获助学10000元") } == true)
    }

    @Test func badBatchRequestsAreRefused() throws {
        let runner = try archive()
        #expect(try runner.run(["batch", "compute", "99"]).status == 1)
        #expect(try runner.run(["batch", "create", "--kind", "bonus", "--policy", Self.policy, "--date", "2024-01-25", "--name", "x"]).status == 2)
        // A date that does not exist is an invalid value of the option, said in Chinese: exit
        // 2, as in `policy show --date` and as an unknown `--kind` (issue 13).
        let leap = try runner.run(["batch", "create", "--kind", "living", "--policy", Self.policy, "--date", "2024-02-30", "--name", "x"])
        #expect(leap.status == 2)
        #expect(leap.stderr.contains("--date 的值「2024-02-30」不是有效的日期"))
        #expect(try runner.run(["batch", "create", "--kind", "living", "--policy", "/nonexistent.toml", "--date", "2024-01-25", "--name", "x"]).status == 1)
        #expect(try runner.run(["batch", "create", "--kind", "living", "--policy", Self.policy, "--date", "2024-01-25", "--name", " "]).status == 2)
        // Before the first 低保 nothing can be computed, so the batch is refused at once.
        let early = try runner.run(["batch", "create", "--kind", "living", "--policy", Self.policy, "--date", "2020-01-25", "--name", "x"])
        #expect(early.status == 1)
        #expect(early.stdout.isEmpty)
        #expect(early.stderr.contains("没有生效的低保标准"))
        // Nor a model workers' 生活 batch before its standard line is in force (2024-09-01).
        let line = try runner.run(["batch", "create", "--kind", "model-worker-living", "--policy", Self.policy, "--date", "2024-06-01", "--name", "x"])
        #expect(line.status == 1)
        #expect(line.stderr.contains("劳模标准线自 2024-09-01 起执行"))
        #expect(try runner.run(["batch", "list", "--format", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func aDraftBatchShowsTheDibaoItWillUse() throws {
        let runner = try archive()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", Self.policy, "--date", "2024-07-01", "--name", "中秋"])
        let batch = try runner.batchJSON(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(batch["status"] as? String == "draft")
        #expect(batch["dibao_monthly_fen"] as? Int == 111_500, "the 低保 from 2024-07-01 (002:2227)")
    }
}
