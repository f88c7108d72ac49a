import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Testing

/// The one import every front end, the demo and the tests take (issue 13).
struct ImportsTests {
    static let header = "档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("import/sample")

    static let head = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 3, day: 9)!, sequence: 11).value

    /// A households file of one archive, QD-001, headed by `name`.
    func households(headedBy name: String) throws -> String {
        try file("\(Self.header)\nQD-001,\(name),\(Self.head),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,,,在档\n")
    }

    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-app-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func anImportWritesOneAuditLineWithWhoAndWhen() throws {
        let store = try BangfuDatabase()
        let context = RequestContext(
            actor: try Person(name: "经办人周婷"), now: Date(timeIntervalSince1970: 1_705_685_400),
            timeZone: try #require(TimeZone(identifier: "Asia/Shanghai")))
        let path = Self.sample.appendingPathComponent("households.csv").path
        let summary = try Imports.run(.households, path: path, into: store, context: context)
        #expect(summary.written == 400)  // import/sample is 400 households (README)
        let lines = try store.auditLines()
        #expect(lines.count == 1)
        #expect(lines.first?.actor == "经办人周婷")
        #expect(lines.first?.action == .importFile("households"))
        #expect(lines.first?.at == "2024-01-20T01:30:00+08:00")
        #expect(lines.first?.detail == "households.csv: 400 rows, 400 written, 0 skipped")
    }

    @Test func aMemberRepeatedInOneFileIsRefusedAndNothingStored() throws {
        let store = try BangfuDatabase()
        let context = RequestContext(actor: try Person(name: "经办人周婷"))
        let head = Self.head
        let archives = try households(headedBy: "王建国")
        defer { try? FileManager.default.removeItem(atPath: archives) }
        _ = try Imports.run(.households, path: archives, into: store, context: context)
        let members = try file("档案编号,姓名,身份证号,与户主关系,就学阶段\nQD-001,王建国,\(head),本人,无\nQD-001,王建国,\(head),本人,无\n")
        defer { try? FileManager.default.removeItem(atPath: members) }
        #expect(throws: ImportError.self) { try Imports.run(.members, path: members, into: store, context: context) }
        #expect(try store.recordCounts().members == 0)
        #expect(try store.auditLines().map(\.action) == [.importFile("households")])
    }

    @Test func aSmallFirstFileIsFoundByPartOfANameAndALaterFileKeepsTheSearchUpToDate() throws {
        // A first file into an empty table is loaded the bulk way at any size: the name
        // search filled once at the end, its triggers put back for the files after it.
        let store = try BangfuDatabase()
        let context = RequestContext(actor: try Person(name: "经办人周婷"))
        let first = try households(headedBy: "王建国")
        defer { try? FileManager.default.removeItem(atPath: first) }
        #expect(try Imports.run(.households, path: first, into: store, context: context).written == 1)
        #expect(try store.searchArchives(ArchiveQuery(text: "建国")).total == 1)
        let renamed = try households(headedBy: "李建华")
        defer { try? FileManager.default.removeItem(atPath: renamed) }
        #expect(try Imports.run(.households, path: renamed, into: store, context: context).written == 1)
        #expect(try store.searchArchives(ArchiveQuery(text: "建华")).total == 1)
        #expect(try store.searchArchives(ArchiveQuery(text: "王建")).total == 0)
    }
}
