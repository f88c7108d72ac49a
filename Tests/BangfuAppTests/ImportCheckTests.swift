import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Testing

/// `Imports.check`: the whole import in its transaction, rolled back (the wizard's preview).
struct ImportCheckTests {
    static let head = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 3, day: 9)!, sequence: 11).value
    let context = RequestContext(actor: try! Person(name: "经办人周婷"))

    func file(_ text: String) throws -> String { try ImportsTests().file(text) }

    @Test func aCheckGivesTheImportsSummaryAndStoresNothing() throws {
        let store = try BangfuDatabase()
        let path = try file("\(ImportsTests.header)\nQD-001,王建国,\(Self.head),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,,,在档\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let checked = try Imports.check(.households, path: path, named: "家庭档案.csv", in: store, context: context)
        #expect(checked.rows == 1)
        #expect(checked.written == 1)
        #expect(checked.file == "家庭档案.csv")
        #expect(try store.recordCounts().households == 0)
        #expect(try store.auditLines().isEmpty)
        let imported = try Imports.run(.households, path: path, into: store, context: context)
        #expect(imported.written == checked.written)
        #expect(try store.recordCounts().households == 1)
    }

    @Test func aCheckFindsWhatOnlyTheStoreKnows() throws {
        // A member of an archive not stored, and a member repeated: found by the writes.
        let store = try BangfuDatabase()
        let path = try file("档案编号,姓名,身份证号,与户主关系,就学阶段\nQD-009,王建国,\(Self.head),本人,无\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try Imports.check(.members, path: path, named: "成员.csv", in: store, context: context)
        } throws: { error in
            guard let error = error as? ImportError, case .rowsRejected(let file, let issues) = error else { return false }
            return file == "成员.csv" && issues.map(\.row) == [2] && issues.first?.reason.contains("没有这个档案编号") == true
        }
        #expect(try store.recordCounts().members == 0)
    }

    @Test func aCheckIsRefusedToAUnionsAccountAsTheImportIs() throws {
        let store = try BangfuDatabase()
        let shell = RequestContext(actor: try Person(name: "shell"))
        _ = try Accounts.add(AccountRequest(login: "gang", name: "港录入员", roles: [.clerk], union: "港工会"), password: "Secret2024pass", in: store, context: shell)
        let path = try file("\(ImportsTests.header)\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: AuthorityError.importNeedsCityAccount(login: "gang", union: "港工会")) {
            _ = try Imports.check(.households, path: path, in: store, context: RequestContext(actor: try Person(name: "gang")))
        }
    }
}
