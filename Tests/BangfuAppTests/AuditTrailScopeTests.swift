import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// What of the trail an auditor reads (issue 16): a city auditor every line, newest first
/// and paged; a union's auditor only its union's part; identifiers masked for both.
struct AuditTrailScopeTests {
    let shell = RequestContext(actor: try! Person(name: "测试"))

    /// QD-001 of 港工会 and QD-002 of 海尔工会 (`APITests`' file); a city auditor `jian`, a
    /// 港工会 auditor `gangjian`, a 港工会 clerk `gang` and a 海尔工会 clerk `haier`, each of
    /// the clerks having viewed its own archive.
    func store() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let id1 = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 1, day: 9)!, sequence: 1).value
        let id2 = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 2, day: 9)!, sequence: 2).value
        let text = """
            档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
            QD-001,王建国,\(id1),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,,,在档
            QD-002,李秀英,\(id2),海尔,海尔工会,相对困难,2023-01-05,2,50000,,,,,,在档
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-audit-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        _ = try Imports.run(.households, path: path, into: store, context: shell)
        let accounts: [(String, Role, String?)] = [("jian", .auditor, nil), ("gangjian", .auditor, "港工会"), ("gang", .clerk, "港工会"), ("haier", .clerk, "海尔工会")]
        for (login, role, union) in accounts {
            _ = try Accounts.add(AccountRequest(login: login, name: login, roles: [role], union: union), password: "Secret2024pass", in: store, context: shell)
        }
        for (login, archive) in [("gang", "QD-001"), ("haier", "QD-002")] {
            let viewer = try #require(try store.account(login))
            _ = try Archives.household(ArchiveNumber(archive), viewer: viewer, in: store, context: RequestContext(actor: try Person(name: login)))
        }
        // A city clerk's edit of 港工会's archive, by the shell (no account): about QD-001.
        try store.appendAudit(actor: "测试", action: .batchExclude, batchID: 1, detail: "\(id1) 已死亡", at: "2024-01-20T10:00:00+08:00")
        return store
    }

    @Test func aCityAuditorReadsEveryLineNewestFirstInPages() throws {
        let store = try store()
        let jian = try #require(try store.account("jian"))
        let all = try AuditTrail.lines(AuditFilter(), viewer: jian, in: store)
        // Newest by time: the batch line dated 2024 (written last) is the oldest.
        let newest = all.sorted { ($0.at, $0.id) > ($1.at, $1.id) }
        #expect(newest.last?.action == .batchExclude)
        let first = try AuditTrail.page(AuditFilter(), page: 1, perPage: 2, viewer: jian, in: store)
        #expect(first.total == all.count && !first.totalIsCapped)
        #expect(first.lines.map(\.id) == newest.prefix(2).map(\.id))
        let second = try AuditTrail.page(AuditFilter(), page: 2, perPage: 2, viewer: jian, in: store)
        #expect(second.lines.map(\.id) == newest.dropFirst(2).prefix(2).map(\.id))
        let views = try AuditTrail.page(AuditFilter(action: .archiveView), page: 1, perPage: 50, viewer: jian, in: store)
        #expect(views.lines.map(\.detail) == ["QD-002", "QD-001"])
        #expect(views.lines.map(\.actorName) == ["haier", "gang"])
    }

    @Test func aUnionsAuditorReadsOnlyItsUnionsAccountsAndArchives() throws {
        let store = try store()
        let gangjian = try #require(try store.account("gangjian"))
        let lines = try AuditTrail.lines(AuditFilter(), viewer: gangjian, in: store)
        #expect(!lines.isEmpty)
        #expect(lines.contains { $0.action == .archiveView && $0.detail == "QD-001" })
        #expect(lines.contains { $0.action == .accountAdd && $0.subject == "gang" }, "the adding of its union's accounts")
        #expect(!lines.contains { $0.detail.contains("QD-002") || $0.actor == "haier" || $0.subject == "haier" || $0.subject == "jian" })
        #expect(!lines.contains { $0.action == .importFile("households") }, "a city import is not its union's")
        // Asking for another union's account gives nothing, not that account's lines.
        #expect(try AuditTrail.lines(AuditFilter(account: "haier"), viewer: gangjian, in: store).isEmpty)
        #expect(try AuditTrail.page(AuditFilter(account: "haier"), page: 1, perPage: 50, viewer: gangjian, in: store).total == 0)
        #expect(try AuditTrail.accounts(viewer: gangjian, in: store).map(\.login) == ["gang", "gangjian"])
    }

    @Test func identifiersInALineAreMaskedForTheAuditor() throws {
        let store = try store()
        let jian = try #require(try store.account("jian"))
        let line = try #require(try AuditTrail.lines(AuditFilter(action: .batchExclude), viewer: jian, in: store).first)
        let id1 = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 1, day: 9)!, sequence: 1)
        #expect(line.detail == "\(id1.masked) 已死亡")
    }

    @Test func theTimeFilterTakesDaysWholeOrToTheMinute() throws {
        let store = try store()
        let jian = try #require(try store.account("jian"))
        let day = CalendarDate(year: 2024, month: 1, day: 20)!
        #expect(try AuditTrail.lines(AuditFilter(from: day, to: day), viewer: jian, in: store).count == 1)
        #expect(try AuditTrail.lines(AuditFilter(from: day, to: day, fromTime: ClockTime("10:00")), viewer: jian, in: store).count == 1)
        #expect(try AuditTrail.lines(AuditFilter(from: day, to: day, fromTime: ClockTime("10:01")), viewer: jian, in: store).isEmpty)
        #expect(try AuditTrail.lines(AuditFilter(from: day, to: day, toTime: ClockTime("10:00")), viewer: jian, in: store).count == 1)
        #expect(try AuditTrail.lines(AuditFilter(from: day, to: day, toTime: ClockTime("09:59")), viewer: jian, in: store).isEmpty)
        #expect(try AuditTrail.lines(AuditFilter(to: day.adding(days: -1)), viewer: jian, in: store).isEmpty)
    }
}
