import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting

/// APITests' store (QD-001 of 港工会, QD-002 of 海尔工会) with three findings of 2024: person
/// 5 listed in both archives (two_households, both unions), QD-002's 生活救助 paid by the union
/// and by 民政 (cross_agency, 海尔工会 only), and QD-001's head under another name in an
/// agency's record (id_name_mismatch, 港工会 only); and an account of each role that matters.
enum DuplicateQueueFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func store() throws -> BangfuDatabase {
        let store = try APITests().store()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        let accounts: [(String, Role, String?)] = [
            ("zhang", .firstReviewer, nil), ("zhou", .clerk, nil), ("guan", .admin, nil), ("gangshen", .firstReviewer, "港工会"),
        ]
        for (login, role, union) in accounts {
            _ = try Accounts.add(AccountRequest(login: login, name: login, roles: [role], union: union), password: "Secret2024pass", in: store, context: shell)
        }
        let clerk = BangfuApp.RequestContext(actor: try Person(name: "zhou"))
        let members = """
            档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注
            QD-001,王建国,\(APITests.id(1)),本人,无,,
            QD-001,赵五,\(APITests.id(5)),兄弟姐妹,无,,
            QD-002,李秀英,\(APITests.id(2)),本人,无,,
            QD-002,赵五,\(APITests.id(5)),兄弟姐妹,无,,
            """
        let aid = """
            身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号
            \(APITests.id(2)),李秀英,生活救助,2000,2024-01-25,工会,
            \(APITests.id(2)),李秀英,生活救助,1500,2024-02-10,民政,
            \(APITests.id(1)),王建华,医疗救助,800,2024-03-08,妇联,
            \(APITests.id(1)),王建国,生活救助,3000,2024-01-25,工会,
            """
        for (kind, text) in [(ImportKind.members, members), (.aid, aid)] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-dup-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            _ = try Imports.run(kind, path: path, into: store, context: clerk)
        }
        return store
    }

    static func settings() throws -> WebSettings {
        WebSettings(policies: try PolicyDirectory.load(root.appendingPathComponent("policies").path))
    }

    static func app() throws -> some ApplicationProtocol {
        Application(router: buildRouter(store: try store(), settings: try settings()))
    }
}
