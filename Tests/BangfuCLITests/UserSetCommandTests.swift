import Foundation
import Testing

/// `bangfu user set LOGIN [--role R,R] [--union U | --no-union]` (beyond spec §8, issue 16):
/// roles and union changed, what is not given kept, each change an audit line.
struct UserSetCommandTests {
    func account(_ runner: CommandRunner, _ login: String) throws -> [String: Any]? {
        let listed = try runner.run(["user", "list", "--format", "json"])
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        return accounts.first { $0["login"] as? String == login }
    }

    @Test func rolesAndUnionAreSetAndWhatIsNotGivenStays() throws {
        let runner = try CommandRunner()
        let accounts = AccountCommandTests()
        try accounts.addAccount(runner, "zhangmin", "张敏", roles: "first_reviewer")
        let set = try runner.run(["user", "set", "zhangmin", "--role", "first_reviewer,auditor", "--union", "港工会"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("已修改账号 zhangmin（初审、监督，港工会）"))
        #expect(try account(runner, "zhangmin")?["roles"] as? [String] == ["first_reviewer", "auditor"])
        #expect(try account(runner, "zhangmin")?["union"] as? String == "港工会")
        #expect(try runner.run(["user", "set", "zhangmin", "--role", "second_reviewer"]).status == 0)
        #expect(try account(runner, "zhangmin")?["union"] as? String == "港工会", "the union stays when not given")
        #expect(try runner.run(["user", "set", "zhangmin", "--no-union"]).status == 0)
        #expect(try account(runner, "zhangmin")?["union"] is NSNull)
        #expect(try account(runner, "zhangmin")?["roles"] as? [String] == ["second_reviewer"], "the roles stay when not given")
        let audit = try runner.run(["audit", "--format", "json"]).stdout
        #expect(audit.contains("account update") && audit.contains("union 港工会 → whole city"))
    }

    @Test func bothUnionOptionsAnUnknownRoleAndAnUnknownAccountAreRefused() throws {
        let runner = try CommandRunner()
        try AccountCommandTests().addAccount(runner, "zhangmin", "张敏", roles: "first_reviewer")
        #expect(try runner.run(["user", "set", "zhangmin", "--union", "港工会", "--no-union"]).status == 2)
        #expect(try runner.run(["user", "set", "zhangmin", "--role", "boss"]).status == 2)
        let missing = try runner.run(["user", "set", "nobody", "--role", "clerk"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("没有账号 nobody"))
    }

    @Test func anAdministratorNamedWithByKeepsTheirOwnAdminRole() throws {
        let runner = try CommandRunner()
        let accounts = AccountCommandTests()
        try accounts.addAccount(runner, "guan", "管理员", roles: "admin")
        let own = try runner.run(["user", "set", "guan", "--role", "auditor", "--by", "guan"])
        #expect(own.status == 1)
        #expect(own.stderr.contains("不能取消自己的管理员角色"))
        let disable = try runner.run(["user", "disable", "guan", "--by", "guan"])
        #expect(disable.status == 1)
        #expect(disable.stderr.contains("不能停用自己正在使用的账号"))
    }
}
