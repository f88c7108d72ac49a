import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Union scope and masking (spec §8): an account of one union finds, counts and opens only
/// its union's archives; another's answer as if they did not exist.
struct ArchiveScopeTests {
    static let header = "档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"
    static func id(_ n: Int) -> String { IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: n, day: 9)!, sequence: n).value }

    func store() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let text = """
            \(Self.header)
            QD-001,王建国,\(Self.id(1)),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,,,在档
            QD-002,李秀英,\(Self.id(2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,,,,,在档
            QD-003,王小红,\(Self.id(3)),青岛港,港工会,相对困难,2023-01-05,2,30000,,,,,,脱困
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-scope-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        _ = try Imports.run(.households, path: path, into: store, context: RequestContext(actor: try Person(name: "测试")))
        return store
    }

    let harbourClerk = Account(login: "gangclerk", name: "港录入员", roles: [.clerk], union: "港工会")
    let cityApprover = Account(login: "approver", name: "审批人", roles: [.approver], union: nil)
    let context = RequestContext(actor: try! Person(name: "web"))

    @Test func aUnionAccountListsAndCountsOnlyItsUnionsArchives() throws {
        let store = try store()
        let all = try Archives.search(nil, status: nil, page: 1, perPage: 50, viewer: harbourClerk, in: store)
        #expect(all.total == 2)
        #expect(all.items.map(\.archiveNo) == ["QD-001", "QD-003"])
        // A search that would find the other union's archive finds nothing, and counts none.
        for text in ["QD-002", "李秀英", Self.id(2), "秀"] {
            let found = try Archives.search(text, status: nil, page: 1, perPage: 50, viewer: harbourClerk, in: store)
            #expect(found.total == 0 && found.items.isEmpty, "\(text)")
        }
        #expect(try Archives.search("王", status: .active, page: 1, perPage: 50, viewer: harbourClerk, in: store).items.map(\.archiveNo) == ["QD-001"])
        #expect(try Archives.search(nil, status: nil, page: 1, perPage: 50, viewer: cityApprover, in: store).total == 3)
    }

    @Test func aUnionPickedOutsideTheAccountsScopeFindsNothingAndACategoryNarrowsWithin() throws {
        let store = try store()
        let other = try Archives.search(nil, status: nil, union: "海尔工会", page: 1, perPage: 50, viewer: harbourClerk, in: store)
        #expect(other.total == 0 && other.items.isEmpty)
        let own = try Archives.search("王", status: nil, category: .relative, union: "港工会", page: 1, perPage: 50, viewer: harbourClerk, in: store)
        #expect(own.items.map(\.archiveNo) == ["QD-003"])
        #expect(try Archives.search(nil, status: nil, union: "海尔工会", page: 1, perPage: 50, viewer: cityApprover, in: store).total == 1)
    }

    @Test func anotherUnionsArchiveAnswersAsOneThatDoesNotExist() throws {
        let store = try store()
        #expect(throws: ArchiveError.notFound("QD-002")) { try Archives.household(ArchiveNumber("QD-002"), viewer: harbourClerk, in: store, context: context) }
        #expect(throws: ArchiveError.notFound("QD-999")) { try Archives.household(ArchiveNumber("QD-999"), viewer: harbourClerk, in: store, context: context) }
        #expect(try Archives.household(ArchiveNumber("QD-001"), viewer: harbourClerk, in: store, context: context).headName == "王建国")
    }

    @Test func idNumbersAreMaskedForRolesThatMayNotSeeThemAndAViewIsAudited() throws {
        let store = try store()
        let whole = try Archives.household(ArchiveNumber("QD-001"), viewer: harbourClerk, in: store, context: context)
        #expect(whole.headIDNumber == Self.id(1))
        let masked = try Archives.household(ArchiveNumber("QD-001"), viewer: cityApprover, in: store, context: context)
        #expect(masked.headIDNumber == String(Self.id(1).prefix(6)) + "********" + String(Self.id(1).suffix(4)))
        let views = try store.auditLines(batch: nil).filter { $0.action == .archiveView }
        #expect(views.map(\.actor) == ["gangclerk", "approver"])
        #expect(views.map(\.detail) == ["QD-001", "QD-001"])
    }

    @Test func anAdministratorSeesNoArchive() throws {
        let store = try store()
        let admin = Account(login: "admin", name: "管理员", roles: [.admin], union: nil)
        #expect(throws: AuthorityError.self) { try Archives.search(nil, status: nil, page: 1, perPage: 50, viewer: admin, in: store) }
    }
}

/// A batch's lists as a union account downloads them: its archives' entries only.
struct BatchScopeTests {
    static let policy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies/qingdao-2024.toml").path

    func computedBatch() throws -> (BangfuDatabase, Int64) {
        let store = try ArchiveScopeTests().store()
        let clerk = RequestContext(actor: try Person(name: "测试"))
        let id = try Batches.create(
            BatchRequest(kind: .living, policyPath: Self.policy, date: CalendarDate(year: 2024, month: 1, day: 20)!, name: "春节"), in: store, context: clerk)
        _ = try Batches.compute(batch: id, in: store, context: clerk)
        return (store, id)
    }

    @Test func aUnionAccountsNoticeHoldsOnlyItsArchivesAndAnotherUnionGetsNotFound() throws {
        let (store, id) = try computedBatch()
        let context = RequestContext(actor: try Person(name: "gangclerk"))
        let start = CalendarDate(year: 2024, month: 1, day: 21)!
        let harbour = Account(login: "gangclerk", name: "港录入员", roles: [.clerk], union: "港工会")
        let notice = try Batches.noticeSheet(batch: id, from: start, days: 7, viewer: harbour, in: store, context: context)
        #expect(notice.rows.count == 1)
        let city = Account(login: "clerk", name: "录入员", roles: [.clerk], union: nil)
        #expect(try Batches.noticeSheet(batch: id, from: start, days: 7, viewer: city, in: store, context: context).rows.count == 2)
        let elsewhere = Account(login: "other", name: "别处", roles: [.clerk], union: "纺织工会")
        #expect(throws: BatchStoreError.noSuchBatch(id)) { try Batches.noticeSheet(batch: id, from: start, days: 7, viewer: elsewhere, in: store, context: context) }
    }

    @Test func onlyFinanceDownloadsTheBankList() throws {
        let (store, id) = try computedBatch()
        let context = RequestContext(actor: try Person(name: "x"))
        let clerk = Account(login: "clerk", name: "录入员", roles: [.clerk], union: nil)
        #expect(throws: AuthorityError.self) { try Batches.bankSheet(batch: id, viewer: clerk, in: store, context: context) }
        let finance = Account(login: "liufang", name: "刘芳", roles: [.finance], union: nil)
        // Not approved yet: refused for its state, not for the role.
        #expect(throws: AppError.bankListNeedsApproval(batch: id, status: .computed)) { try Batches.bankSheet(batch: id, viewer: finance, in: store, context: context) }
    }
}

/// A batch as an account views it.
struct BatchViewScopeTests {
    @Test func aUnionAccountSeesItsEntriesAndAnApproverSeesMaskedNumbers() throws {
        let (store, id) = try BatchScopeTests().computedBatch()
        let harbour = Account(login: "gangreviewer", name: "港初审", roles: [.firstReviewer], union: "港工会")
        let seen = try Batches.view(batch: id, viewer: harbour, in: store)
        #expect(seen.entries.map(\.archiveNo) == ["QD-001"])
        #expect(seen.entries.first?.idNumber == ArchiveScopeTests.id(1))
        let approver = Account(login: "approver", name: "审批人", roles: [.approver], union: nil)
        let masked = try Batches.view(batch: id, viewer: approver, in: store)
        #expect(masked.entries.count == 2)
        #expect(masked.entries.allSatisfy { $0.idNumber.contains("********") })
        let elsewhere = Account(login: "other", name: "别处", roles: [.approver], union: "纺织工会")
        #expect(throws: BatchStoreError.noSuchBatch(id)) { try Batches.view(batch: id, viewer: elsewhere, in: store) }
    }
}

/// The model workers' roll as an account sees it.
struct ModelWorkerRollTests {
    @Test func theRollIsMaskedForAnApproverAndWholeForAClerk() throws {
        let store = try BangfuDatabase()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        _ = try Imports.run(.modelWorkers, path: root.appendingPathComponent("import/sample/model-workers.csv").path, into: store,
                            context: RequestContext(actor: try Person(name: "测试")))
        let clerk = Account(login: "clerk", name: "录入员", roles: [.clerk], union: "港工会")
        let approver = Account(login: "approver", name: "审批人", roles: [.approver], union: nil)
        let whole = try Archives.modelWorkers(viewer: clerk, in: store)
        let masked = try Archives.modelWorkers(viewer: approver, in: store)
        #expect(whole.count == 100 && masked.count == 100)  // import/sample: 100 model workers (README)
        #expect(whole.allSatisfy { !$0.idNumber.contains("*") })
        #expect(masked.allSatisfy { $0.idNumber.contains("********") })
    }
}
