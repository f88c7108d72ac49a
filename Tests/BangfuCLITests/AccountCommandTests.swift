import Foundation
import Testing

/// `bangfu user …` and the rule for a database with accounts (spec §8, issue 14).
struct AccountCommandTests {
    /// Runs `bangfu ARGS` with `input` on standard input (the password's line).
    func run(_ runner: CommandRunner, _ arguments: [String], input: String) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments + ["--db", runner.database]
        let stdin = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func addAccount(_ runner: CommandRunner, _ login: String, _ name: String, roles: String, union: String? = nil) throws {
        let added = try run(runner, ["user", "add", login, "--name", name, "--role", roles] + (union.map { ["--union", $0] } ?? []), input: "Secret2024pass\n")
        #expect(added.status == 0, "\(added.stderr)")
    }

    @Test func anAccountIsAddedWithItsPasswordOnStdinAndListedWithoutIt() throws {
        let runner = try CommandRunner()
        try addAccount(runner, "zhangmin", "张敏", roles: "first_reviewer,second_reviewer", union: "港工会")
        let listed = try runner.run(["user", "list", "--format", "json"])
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(accounts.count == 1)
        #expect(accounts[0]["login"] as? String == "zhangmin")
        #expect(accounts[0]["name"] as? String == "张敏")
        #expect(accounts[0]["roles"] as? [String] == ["first_reviewer", "second_reviewer"])
        #expect(accounts[0]["union"] as? String == "港工会")
        #expect(accounts[0]["active"] as? Bool == true)
        #expect(Array(accounts[0].keys).sorted() == ["active", "login", "name", "roles", "union"])
        // The password is nowhere: not in the listing, the trail, or the file.
        let audit = try runner.run(["audit", "--format", "json"]).stdout
        #expect(audit.contains("account add"))
        for text in [listed.stdout, audit, String(decoding: try Data(contentsOf: URL(fileURLWithPath: runner.database)), as: UTF8.self)] {
            #expect(!text.contains("Secret2024pass"))
        }
    }

    @Test func aWeakPasswordAnUnknownRoleAndATakenLoginAreRefused() throws {
        let runner = try CommandRunner()
        let short = try run(runner, ["user", "add", "liqiang", "--name", "李强", "--role", "approver"], input: "abc123\n")
        #expect(short.status == 1)
        #expect(short.stderr.contains("至少需要10个"))
        let letters = try run(runner, ["user", "add", "liqiang", "--name", "李强", "--role", "approver"], input: "onlyletterspassword\n")
        #expect(letters.status == 1)
        #expect(letters.stderr.contains("字母和数字"))
        let role = try run(runner, ["user", "add", "liqiang", "--name", "李强", "--role", "boss"], input: "Secret2024pass\n")
        #expect(role.status == 2)
        try addAccount(runner, "liqiang", "李强", roles: "approver")
        let again = try run(runner, ["user", "add", "liqiang", "--name", "李强", "--role", "approver"], input: "Secret2024pass\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("已存在"))
        #expect(try runner.run(["user", "list", "--format", "json"]).stdout.components(separatedBy: "\"login\"").count == 2)
    }

    @Test func onceTheDatabaseHasAccountsEachStepNeedsAnActiveAccountWithItsRole() throws {
        let runner = try CommandRunner.withSmallArchive()
        try addAccount(runner, "zhouting", "周婷", roles: "clerk,approver")
        try addAccount(runner, "zhangmin", "张敏", roles: "first_reviewer,second_reviewer")
        try addAccount(runner, "liqiang", "李强", roles: "second_reviewer")
        try addAccount(runner, "wang", "王主席", roles: "approver")

        // A name that is no account, and an account without the role, are refused.
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20", "--name", "x", "--by", "周婷"])
        #expect(created.status == 1)
        #expect(created.stderr.contains("不是账号"))
        let id = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20", "--name", "x", "--by", "zhouting"])
        #expect(id.status == 0, "\(id.stderr)")
        let batch = id.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runner.run(["batch", "compute", batch, "--by", "zhouting"]).status == 0)
        let wrongRole = try runner.run(["batch", "review", batch, "--stage", "first", "--by", "wang"])
        #expect(wrongRole.status == 1)
        #expect(wrongRole.stderr.contains("无权初审"))

        // One account does one step: the reviewer holding both review roles does only one.
        #expect(try runner.run(["batch", "review", batch, "--stage", "first", "--by", "zhangmin"]).status == 0)
        let both = try runner.run(["batch", "review", batch, "--stage", "second", "--by", "zhangmin"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("已执行本批次的初审"))
        #expect(try runner.run(["batch", "review", batch, "--stage", "second", "--by", "liqiang"]).status == 0)

        // Who created and computed the batch may not approve it, approver or not.
        let own = try runner.run(["batch", "approve", batch, "--by", "zhouting"])
        #expect(own.status == 1)
        #expect(own.stderr.contains("已执行本批次的新建"))

        // A disabled account is refused; enabled again, it may act.
        #expect(try runner.run(["user", "disable", "wang"]).status == 0)
        let disabled = try runner.run(["batch", "approve", batch, "--by", "wang"])
        #expect(disabled.status == 1)
        #expect(disabled.stderr.contains("已停用"))
        #expect(try runner.run(["user", "enable", "wang"]).status == 0)
        #expect(try runner.run(["batch", "approve", batch, "--by", "wang"]).status == 0)
        #expect(try runner.batchJSON(batch)["status"] as? String == "approved")
    }

    @Test func aUnionsAccountImportsNoFileAndACityClerkDoes() throws {
        let runner = try CommandRunner.withSmallArchive()
        try addAccount(runner, "gang", "港录入员", roles: "clerk", union: "港工会")
        try addAccount(runner, "city", "市录入员", roles: "clerk")
        let file = try runner.file("aid.csv", "身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号\n\(CommandRunner.idNumber(1975, 1)),王建国,生活救助,1000,2024-01-02,民政,\n")
        let local = try runner.run(["import", "aid", file, "--by", "gang"])
        #expect(local.status == 1)
        #expect(local.stderr.contains("全市账号"))
        #expect(try runner.run(["import", "aid", file, "--by", "city"]).status == 0)
    }

    @Test func withoutAccountsAnyNameStillTakesAStep() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        #expect(try runner.batchJSON(id)["status"] as? String == "approved")
    }
}

/// `bangfu audit` by account and by day (issue 14), and a trail that SQL cannot rewrite.
struct AuditFilterCommandTests {
    @Test func theTrailFiltersByAccountAndByDay() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        let byApprover = try runner.run(["audit", "--account", "王主席", "--format", "json"])
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(byApprover.stdout.utf8)) as? [[String: Any]])
        #expect(lines.map { $0["action"] as? String } == ["batch approve"])
        let today = String(try #require(lines.first?["at"] as? String).prefix(10))
        #expect(try runner.run(["audit", "--from", today, "--to", today, "--format", "json"]).stdout.contains("batch approve"))
        #expect(try runner.run(["audit", "--to", "2020-01-01", "--format", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(try runner.run(["audit", "--from", "2024-02-30"]).status == 2)
    }

    @Test func anAuditLineCannotBeChangedOrDeletedThroughSQL() throws {
        let runner = try CommandRunner.withSmallArchive()
        #expect(try !runner.sqlite("UPDATE audit SET actor = '别人'"))
        #expect(try !runner.sqlite("DELETE FROM audit"))
        #expect(try runner.run(["audit", "--format", "json"]).stdout.contains("import households"))
    }
}

/// Account management by an account needs the administrator's role; the server's own
/// administrator at the shell needs none.
struct AccountManagementTests {
    @Test func aReviewerCannotAddAnAccountButTheShellAndAnAdministratorCan() throws {
        let runner = try CommandRunner()
        let tests = AccountCommandTests()
        try tests.addAccount(runner, "zhangmin", "张敏", roles: "first_reviewer")
        let byReviewer = try tests.run(runner, ["user", "add", "x1", "--name", "某人", "--role", "clerk", "--by", "zhangmin"], input: "Secret2024pass\n")
        #expect(byReviewer.status == 1)
        #expect(byReviewer.stderr.contains("无权管理账号"))
        try tests.addAccount(runner, "admin", "管理员", roles: "admin")
        let byAdmin = try tests.run(runner, ["user", "add", "x1", "--name", "某人", "--role", "clerk", "--by", "admin"], input: "Secret2024pass\n")
        #expect(byAdmin.status == 0, "\(byAdmin.stderr)")
        let audit = try runner.run(["audit", "--account", "admin", "--format", "json"]).stdout
        #expect(audit.contains("account add"))
    }
}
