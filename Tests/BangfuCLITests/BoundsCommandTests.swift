import BangfuCore
import Foundation
import Testing

/// Issue 21: huge numbers on the command line, in files or in the database give a clear
/// error and an exit code, never a crash with a backtrace.
@Suite(.serialized)
struct BoundsCommandTests {
    static let policy = CommandRunner.qingdaoPolicy

    func createLiving(_ runner: CommandRunner, date: String = "2024-01-20", budget: String? = nil) throws -> CommandRunner.Result {
        try runner.run(
            ["batch", "create", "--kind", "living", "--policy", Self.policy, "--date", date, "--name", "生活救助"]
                + (budget.map { ["--budget", $0] } ?? []))
    }

    /// The small archive with two union 生活救助 records to its head, whose amounts are then
    /// set in the database to what no file may carry (an older version, a hand edit).
    func archiveWithHugeStoredAid() throws -> CommandRunner {
        let runner = try CommandRunner.withSmallArchive()
        let head = CommandRunner.idNumber(1975, 1)
        let aid = "身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号\n\(head),王建国,生活救助,1000,2024-01-02,工会,\n\(head),王建国,生活救助,2000,2024-01-03,工会,\n"
        #expect(try runner.run(["import", "aid", try runner.file("aid.csv", aid)]).status == 0)
        try #require(try runner.sqlite("UPDATE aid_records SET amount_fen = \(Int.max / 2 + 1)"))
        return runner
    }

    @Test func aHugeBudgetIsAUsageErrorLikeABudgetThatIsNoAmount() throws {
        let runner = try CommandRunner.withSmallArchive()
        for budget in ["99999999999999999999", "100000000001", "abc"] {
            let created = try createLiving(runner, budget: budget)
            #expect(created.status == 2)
            #expect(created.stderr.contains("--budget 应为不超过100,000,000,000元的金额"))
            #expect(!created.stderr.contains("Backtrace"))
            #expect(!created.stderr.contains("Usage:"), "the option is named; the whole program's usage says nothing more")
        }
    }

    @Test func aBatchInTheYear9999IsRefused() throws {
        let runner = try CommandRunner.withSmallArchive()
        let created = try createLiving(runner, date: "9999-12-31")
        #expect(created.status == 2, "an invalid value of an option is a usage error")
        #expect(created.stderr.contains("--date 的值「9999-12-31」年份超出合理范围（应在1900–2100年之间"))
        #expect(try runner.run(["batch", "show", "1"]).status == 1, "no batch was created")
    }

    @Test func aPaymentDatedInTheYear9999IsRefused() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        let paid = try runner.run(["batch", "pay", id, "--date", "9999-01-01"])
        #expect(paid.status == 2)
        #expect(paid.stderr.contains("年份超出合理范围"))
        #expect(try runner.batchJSON(id)["status"] as? String == "approved")
    }

    @Test func aPolicyWithTheLargestIntegerAsBatchMonthsIsRefusedByCheckAndCreate() throws {
        let runner = try CommandRunner.withSmallArchive()
        let text = try String(contentsOfFile: Self.policy, encoding: .utf8)
            .replacingOccurrences(of: "batch_months = { deep = 6", with: "batch_months = { deep = 9223372036854775807")
        let path = try runner.file("huge.toml", text)
        let checked = try runner.run(["policy", "check", path], withDatabase: false)
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", path, "--date", "2024-01-20", "--name", "x"])
        for result in [checked, created] {
            #expect(result.status == 1)
            #expect(result.stderr.contains("键「living.batch_months.deep」：值「9223372036854775807」太大（应小于等于 12）"))
        }
    }

    @Test func computingOverAHugeStoredAidAmountIsAClearErrorNamingThePerson() throws {
        let runner = try archiveWithHugeStoredAid()
        let id = try #require(try createLiving(runner).stdout.split(separator: "\n").first.map(String.init))
        let computed = try runner.run(["batch", "compute", id])
        #expect(computed.status == 1)
        #expect(computed.stderr.contains("金额合计超出可计算的范围（身份证号\(CommandRunner.idNumber(1975, 1))）"))
        #expect(!computed.stderr.contains("Backtrace"))
        #expect(try runner.batchJSON(id)["status"] as? String == "draft")
    }

    @Test func checkingDuplicatesOverAHugeStoredAidAmountIsAClearErrorNamingTheArchive() throws {
        let runner = try archiveWithHugeStoredAid()
        let checked = try runner.run(["duplicates", "--year", "2024"])
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("金额合计超出可计算的范围（档案QD-001）"))
        #expect(!checked.stderr.contains("Backtrace"))
    }
}
