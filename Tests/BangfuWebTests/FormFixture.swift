import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A small year for the forms' tests: the conformance tests' accounts and archives
/// (`OpenAPIConformanceTests.world`), a 生活救助 batch of the project 测试帮扶 computed, reviewed,
/// approved and paid on 2024-01-25 by four accounts, and a policies folder whose
/// `projects/` holds that project's file: a count, a rate with a deadline, the duplicate rate,
/// a manual row whose source has markup in it, and a qualitative row.
final class FormFixture: Sendable {
    static let project = "测试帮扶"
    static let projectFile = """
        [project]
        name = "测试帮扶"
        year = 2024
        budget = 10000
        execution_weight = 10
        department = "测试总工会"
        implementer = "测试帮扶中心"
        goal = "帮扶在档困难职工家庭"

        [[indicator]]
        level1 = "产出指标"
        level2 = "数量指标"
        name = "救助困难职工家庭户数"
        op = ">="
        target = 2
        unit = "户"
        weight = 30
        metric = "households_aided"

        [[indicator]]
        level1 = "产出指标"
        level2 = "时效指标"
        name = "按期发放率"
        op = ">="
        target = 100
        unit = "%"
        weight = 20
        metric = "on_time_rate"
        deadline = 2024-01-20

        [[indicator]]
        level1 = "效益指标"
        level2 = "社会效益指标"
        name = "重复救助率"
        op = "<="
        target = 0
        unit = "%"
        weight = 20
        metric = "duplicate_aid_rate"

        [[indicator]]
        level1 = "满意度指标"
        level2 = "服务对象满意度指标"
        name = "受助职工满意度"
        op = ">="
        target = 90
        unit = "%"
        weight = 10
        value = 96
        source = "问卷调查 <b>200 份</b>"

        [[indicator]]
        level1 = "效益指标"
        level2 = "可持续影响指标"
        name = "帮扶长效机制"
        op = "qualitative"
        target = "建立"
        weight = 10
        value = "达成"
        source = "年度总结"
        """

    let store: BangfuDatabase
    let batch: Int64
    let settings: WebSettings
    /// The policies folder, removed with the fixture (each test makes one).
    private let folder: URL

    init() throws {
        let (store, _) = try OpenAPIConformanceTests().world()
        let shell = { (login: String) in BangfuApp.RequestContext(actor: try Person(name: login)) }
        let id = try Batches.create(
            BatchRequest(kind: .living, policyPath: BatchAPITests.policy, date: CalendarDate(year: 2024, month: 1, day: 10)!, name: "测试春节", project: Self.project),
            in: store, context: try shell("zhou"))
        _ = try Batches.compute(batch: id, in: store, context: try shell("zhou"))
        _ = try Batches.review(batch: id, stage: .first, in: store, context: try shell("zhang"))
        _ = try Batches.review(batch: id, stage: .second, in: store, context: try shell("li"))
        _ = try Batches.approve(batch: id, in: store, context: try shell("wang"))
        _ = try Batches.pay(batch: id, on: CalendarDate(year: 2024, month: 1, day: 25)!, payer: try Person(name: "liu"), in: store, context: try shell("liu"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("projects"), withIntermediateDirectories: true)
        try Data(Self.projectFile.utf8).write(to: folder.appendingPathComponent("projects/test.toml"))
        self.store = store
        batch = id
        settings = WebSettings(policiesDirectory: folder.path)
        self.folder = folder
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The project's name as one path segment.
    static var segment: String { project.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// A browser signed in as `login` on the fixture's server, in memory.
    func withBrowser(_ login: String, _ body: @Sendable (inout Browser) async throws -> Void) async throws {
        let app = Application(router: buildRouter(store: store, settings: settings))
        try await app.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.signIn(login) == .seeOther)
            try await body(&browser)
        }
    }
}
