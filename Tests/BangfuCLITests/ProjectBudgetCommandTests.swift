import Foundation
import Testing

/// A project's batches together against the project's 全年预算数 (issue 16): approval of a
/// batch that would take its project past the budget is refused, as an over-budget batch is
/// (spec §4), counting the project's batches already approved as well as those paid.
@Suite(.serialized)
struct ProjectBudgetCommandTests {
    /// A project of 10,000 yuan: one living batch of the small archive (8,668) fits, two do not.
    static let project = """
        [project]
        name = "困难职工生活救助"
        year = 2024
        budget = 10000
        execution_weight = 10
        department = "青岛市总工会"
        implementer = "青岛市总工会职工服务中心"
        goal = "按标准发放生活救助。"

        [[indicator]]
        level1 = "产出指标"
        level2 = "数量指标"
        name = "救助困难职工户数"
        op = ">="
        target = 1
        unit = "户"
        weight = 90
        metric = "households_aided"
        """

    /// The small archive with the project file in `projects/` of the runner's folder.
    func runnerWithProject() throws -> (CommandRunner, String) {
        let runner = try CommandRunner.withSmallArchive()
        let folder = runner.folder.appendingPathComponent("projects")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.project.write(to: folder.appendingPathComponent("living.toml"), atomically: true, encoding: .utf8)
        return (runner, folder.path)
    }

    /// A computed living batch of the project, dated `date`.
    func batch(_ runner: CommandRunner, projects: String, date: String = "2024-01-20", project: String = "困难职工生活救助") throws -> String {
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", date,
                                      "--name", "生活救助", "--project", project, "--projects", projects])
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runner.run(["batch", "compute", id]).status == 0)
        return id
    }

    @Test func aBatchThatFitsItsProjectsBudgetIsApprovedAndShowsWhatIsLeft() throws {
        let (runner, projects) = try runnerWithProject()
        let id = try batch(runner, projects: projects)
        #expect(try runner.batchJSON(id)["project_budget_fen"] as? Int == 1_000_000)
        let shown = try runner.run(["batch", "show", id]).stdout
        #expect(shown.contains("项目「困难职工生活救助」全年预算 10,000.00 元：已发放 0.00 元，本批次 8,668.00 元，合计 8,668.00 元，尚余 1,332.00 元"))
        try runner.approve(id)
    }

    @Test func approvalIsRefusedWhenAnApprovedBatchAndThisOneExceedTheProjectsBudget() throws {
        let (runner, projects) = try runnerWithProject()
        let first = try batch(runner, projects: projects)
        let second = try batch(runner, projects: projects)
        try runner.approve(first)
        try runner.reviewTwice(second)
        let refused = try runner.run(["batch", "approve", second, "--by", "王主席"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(
            "项目「困难职工生活救助」全年预算 10,000.00 元，已发放 0.00 元、已审批待发放 8,668.00 元，本批次 8,668.00 元，合计超出项目预算 7,336.00 元，不能审批"))
        #expect(try runner.batchJSON(second)["status"] as? String == "second_reviewed")
        // Paid, the first batch still counts.
        #expect(try runner.run(["batch", "pay", first, "--date", "2024-01-25"]).status == 0)
        let again = try runner.run(["batch", "approve", second, "--by", "王主席"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("已发放 8,668.00 元，本批次 8,668.00 元，合计超出项目预算 7,336.00 元"))
    }

    @Test func aCancelledTransferOfAPaidBatchLeavesTheBudgetAsItLeftTheAid() throws {
        // Found in review: the budget counted a paid batch's total, cancelled transfers too.
        let (runner, projects) = try runnerWithProject()
        let first = try batch(runner, projects: projects)
        let second = try batch(runner, projects: projects)
        try runner.approve(first)
        #expect(try runner.run(["batch", "pay", first, "--date", "2024-01-25", "--by", "刘芳"]).status == 0)
        #expect(try runner.run(["batch", "reconcile", first, try BankReturnCommandTests().liFailed(runner)]).status == 0)
        try runner.reviewTwice(second)
        // 李秀英's 2,668 failed: still counted, it may be re-issued.
        #expect(try runner.run(["batch", "approve", second, "--by", "王主席"]).stderr.contains("已发放 8,668.00 元，本批次 8,668.00 元，合计超出项目预算 7,336.00 元"))
        let cancelled = try runner.run(["batch", "cancel-transfer", first, "--id-number", CommandRunner.idNumber(1978, 2), "--reason", "本人放弃", "--by", "刘芳"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let refused = try runner.run(["batch", "approve", second, "--by", "王主席"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("已发放 6,000.00 元（已取消的转账 2,668.00 元不计），本批次 8,668.00 元，合计超出项目预算 4,668.00 元"), "\(refused.stderr)")
        #expect(try runner.run(["batch", "show", second]).stdout.contains("已发放 6,000.00 元（已取消的转账 2,668.00 元不计）"))
    }

    @Test func anotherProjectsBatchesDoNotCount() throws {
        let (runner, projects) = try runnerWithProject()
        let other = Self.project.replacingOccurrences(of: "困难职工生活救助", with: "困难职工春节慰问")
        try other.write(toFile: (projects as NSString).appendingPathComponent("other.toml"), atomically: true, encoding: .utf8)
        try runner.approve(try batch(runner, projects: projects))
        let second = try batch(runner, projects: projects, project: "困难职工春节慰问")
        #expect(try runner.batchJSON(second)["project_budget_fen"] as? Int == 1_000_000)
        try runner.approve(second)
    }

    @Test func aProjectWithoutAFileIsSaidOnStderrAndTheIDStaysAloneOnStdout() throws {
        let (runner, projects) = try runnerWithProject()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20",
                                      "--name", "生活救助", "--project", "没有的项目", "--projects", projects])
        #expect(created.status == 0)
        #expect(Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
        #expect(created.stderr.contains("没有2024年度的项目「没有的项目」，审批时不核对项目预算"))
    }

    @Test func theProjectsBesideThePolicyFileAreReadWithoutTheOption() throws {
        // policies/qingdao-2024.toml and policies/projects/: 省财政困难职工帮扶, 700,000 yuan (002:1270).
        let runner = try CommandRunner.withSmallArchive()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20",
                                      "--name", "生活救助", "--project", "省财政困难职工帮扶"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(created.stderr.isEmpty, "\(created.stderr)")
        #expect(try runner.batchJSON(id)["project_budget_fen"] as? Int == 70_000_000)
    }
}
