import Foundation
import Testing

/// `bangfu duplicates decide` (issue 16): a finding confirmed or dismissed by its id, shown
/// again by the next `bangfu duplicates`, and the refusals with exit 1 or 2.
@Suite(.serialized)
struct DuplicatesDecideCommandTests {
    let checks = DuplicatesCommandTests()

    /// The clean archive with QD-001's 生活救助 past its limit: one finding.
    func oneFinding() throws -> (CommandRunner, String) {
        let runner = try checks.cleanArchive()
        try checks.addAid(runner, "\(checks.id(1975, 1)),王建国,生活救助,8000,2024-07-25,工会,\n")
        let result = try runner.run(["duplicates", "--year", "2024", "--policy", CommandRunner.qingdaoPolicy, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["decision"] is NSNull)
        return (runner, try #require(finding["finding_id"] as? String))
    }

    func decide(_ runner: CommandRunner, _ arguments: [String]) throws -> CommandRunner.Result {
        try runner.run(["duplicates", "decide", "--year", "2024", "--policy", CommandRunner.qingdaoPolicy] + arguments)
    }

    @Test func aConfirmedFindingIsShownWithItsDecisionAtTheNextCheck() throws {
        let (runner, id) = try oneFinding()
        let decided = try decide(runner, ["--finding", id, "--confirm", "recover", "--note", "追回超出部分", "--by", "张敏"])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("确认属实，追回（张敏）：追回超出部分"))

        let result = try runner.run(["duplicates", "--year", "2024", "--policy", CommandRunner.qingdaoPolicy, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["open_findings"] as? Int == 0 && json["confirmed_findings"] as? Int == 1 && json["dismissed_findings"] as? Int == 0)
        #expect(json["confirmed_duplicate_aid_rate"] as? Double == json["duplicate_aid_rate"] as? Double)
        let decision = try #require((json["findings"] as? [[String: Any]])?.first?["decision"] as? [String: Any])
        #expect(decision["outcome"] as? String == "confirmed" && decision["action"] as? String == "recover")
        #expect(decision["note"] as? String == "追回超出部分" && decision["by"] as? String == "张敏")
        let table = try runner.run(["duplicates", "--year", "2024", "--policy", CommandRunner.qingdaoPolicy])
        #expect(table.stdout.contains("待处理 0 项，已确认 1 项") && table.stdout.contains(id))
    }

    @Test func aDismissalNeedsAReasonAndAnUnknownIdIsAnError() throws {
        let (runner, id) = try oneFinding()
        let bare = try decide(runner, ["--finding", id, "--dismiss", "--by", "张敏"])
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("排除线索须填写原因") && bare.stderr.contains("a dismissal needs a reason"))
        let unknown = try decide(runner, ["--finding", "0123456789abcdef0123456789abcdef", "--dismiss", "--reason", "重名", "--by", "张敏"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("没有编号为 0123456789abcdef0123456789abcdef 的重复救助线索") && unknown.stderr.contains("no duplicate finding"))
        let both = try decide(runner, ["--finding", id, "--dismiss", "--confirm", "stop", "--reason", "x", "--by", "张敏"])
        #expect(both.status == 2)
        let dismissed = try decide(runner, ["--finding", id, "--dismiss", "--reason", "属同一笔救助的更正", "--by", "李强", "--format", "json"])
        #expect(dismissed.status == 0, "\(dismissed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dismissed.stdout.utf8)) as? [String: Any])
        #expect((json["decision"] as? [String: Any])?["outcome"] as? String == "dismissed")
        #expect(json["finding_id"] as? String == id)
    }

    @Test func onceTheDatabaseHasAccountsOnlyAReviewerOrApproverDecides() throws {
        let (runner, id) = try oneFinding()
        let accounts = AccountCommandTests()
        try accounts.addAccount(runner, "zhouting", "周婷", roles: "clerk")
        try accounts.addAccount(runner, "zhangmin", "张敏", roles: "first_reviewer")
        let clerk = try decide(runner, ["--finding", id, "--confirm", "stop", "--by", "zhouting"])
        #expect(clerk.status == 1)
        #expect(clerk.stderr.contains("无权处理重复救助线索") && clerk.stderr.contains("may not decide_duplicates"))
        let nobody = try decide(runner, ["--finding", id, "--confirm", "stop", "--by", "路人"])
        #expect(nobody.status == 1)
        #expect(try decide(runner, ["--finding", id, "--confirm", "stop", "--by", "zhangmin"]).status == 0)
        let audit = try runner.run(["audit"])
        #expect(audit.stdout.contains("处理重复救助线索") && audit.stdout.contains(id))
    }
}
