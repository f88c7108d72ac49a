import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The batch page's project budget (issue 16): the approver sees the project's budget, what
/// its batches carry and what this one adds, and an approval past the budget comes back as
/// its reason on the page.
struct ProjectBudgetPageTests {
    /// The world's batch made again inside a project of `budget` yuan, computed and reviewed
    /// twice, waiting for approval; its id.
    func reviewedBatch(in store: BangfuDatabase, budget: Int) throws -> Int64 {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-projects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = """
            [project]
            name = "测试项目"
            year = 2024
            budget = \(budget)
            execution_weight = 10
            department = "青岛市总工会"
            implementer = "青岛市总工会"
            goal = "按标准发放。"

            [[indicator]]
            level1 = "产出指标"
            level2 = "数量指标"
            name = "救助户数"
            op = ">="
            target = 1
            unit = "户"
            weight = 90
            metric = "households_aided"
            """
        try project.write(to: folder.appendingPathComponent("test.toml"), atomically: true, encoding: .utf8)
        func context(_ login: String) throws -> BangfuApp.RequestContext { BangfuApp.RequestContext(actor: try Person(name: login)) }
        let id = try Batches.create(
            BatchRequest(kind: .living, policyPath: BatchAPITests.policy, date: CalendarDate(year: 2024, month: 1, day: 20)!, name: "项目内批次",
                         project: "测试项目", projectsFolder: folder.path),
            in: store, context: try context("zhou"))
        _ = try Batches.compute(batch: id, in: store, context: try context("zhou"))
        _ = try Batches.review(batch: id, stage: .first, in: store, context: try context("zhang"))
        _ = try Batches.review(batch: id, stage: .second, in: store, context: try context("li"))
        return id
    }

    @Test func anApprovalPastTheProjectsBudgetIsWarnedOfAndRefusedWithItsFigures() async throws {
        let (store, _) = try OpenAPIConformanceTests().world()
        let id = try reviewedBatch(in: store, budget: 100)
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            var approver = Browser(client)
            #expect(try await approver.signIn("wang") == .seeOther)
            let page = try await approver.get("/batches/\(id)").html
            #expect(page.contains("项目预算") && page.contains("100.00 元") && page.contains("超出项目预算："))
            let answer = try await approver.post("/batches/\(id)/approve", [])
            #expect(answer.status == .seeOther)
            let refused = try await approver.get("/batches/\(id)").html
            #expect(refused.contains("未办理：批次 \(id)：项目「测试项目」全年预算 100.00 元，已发放 0.00 元，本批次 8,668.00 元，合计超出项目预算 8,568.00 元，不能审批"))
            #expect(try store.batch(id).status == .secondReviewed)
        }
    }

    @Test func aBatchWithinItsProjectsBudgetShowsWhatIsLeftAndIsApproved() async throws {
        let (store, _) = try OpenAPIConformanceTests().world()
        let id = try reviewedBatch(in: store, budget: 1_000_000)
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            var approver = Browser(client)
            #expect(try await approver.signIn("wang") == .seeOther)
            let page = try await approver.get("/batches/\(id)").html
            #expect(page.contains("1,000,000.00 元") && page.contains("尚余") && !page.contains("超出项目预算："))
            try await approver.post("/batches/\(id)/approve", [])
            #expect(try store.batch(id).status == .approved)
        }
    }

    @Test func aUnionsAccountDoesNotSeeTheCitysProjectFigures() async throws {
        let (store, _) = try OpenAPIConformanceTests().world()
        let id = try reviewedBatch(in: store, budget: 100)
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            var union = Browser(client)
            #expect(try await union.signIn("gang") == .seeOther)
            let page = try await union.get("/batches/\(id)").html
            #expect(page.contains("项目内批次") && !page.contains("项目预算"))
        }
    }
}
