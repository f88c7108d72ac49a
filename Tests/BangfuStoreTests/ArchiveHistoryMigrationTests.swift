import BangfuCore
import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// Migration v7 on a file of an older Bangfu: each archive's last change is its last import
/// (of its row or of a member's), else its 建档日期; its history names the import by stamp.
struct ArchiveHistoryMigrationTests {
    /// 2024-01-05T02:00:00Z and 2024-06-01T02:00:00Z as import stamps (µs since 1970).
    static let january: Int64 = 1_704_420_000_000_000
    static let june: Int64 = 1_717_207_200_000_000

    @Test func archivesOfAnOlderFileTakeTheDayOfTheirLastImportOrTheirRegistration() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v5 accounts")
        let head = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 1, day: 9)!, sequence: 1).value
        let child = IDNumber(region: 370202, birth: CalendarDate(year: 2010, month: 2, day: 9)!, sequence: 2).value
        try old.write { db in
            let insert = """
                INSERT INTO households(archive_no, head_name, head_id_number, category, registered_on, size, annual_income_fen, import_stamp)
                VALUES (?, '王建国', ?, 'deep', ?, 3, 1200000, ?)
                """
            try db.execute(sql: insert, arguments: ["QD-001", head, "2022-03-15", Self.january])
            try db.execute(sql: insert, arguments: ["QD-002", head, "2021-05-01", 0])
            try db.execute(
                sql: "INSERT INTO members(archive_no, name, id_number, import_stamp) VALUES ('QD-001', '王小明', ?, ?)", arguments: [child, Self.june])
        }
        try old.close()

        let store = try BangfuDatabase(path: path)
        #expect(try store.lastChange(ofArchive: ArchiveNumber("QD-001")) == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(try store.lastChange(ofArchive: ArchiveNumber("QD-002")) == CalendarDate(year: 2021, month: 5, day: 1))
        let history = try store.archiveHistory(ArchiveNumber("QD-001"))
        #expect(history.map(\.at) == ["2024-01-05T02:00:00Z", "2024-06-01T02:00:00Z"])
        #expect(history.map(\.change.new) == ["困难职工家庭档案", "家庭成员"])
        #expect(history.allSatisfy { $0.by.isEmpty && $0.change.what == .imported })
        let unchanged = try store.archivesUnchanged(since: CalendarDate(year: 2024, month: 1, day: 1)!, union: nil, offset: 0, limit: 10)
        #expect(unchanged.total == 1)
        #expect(unchanged.page.map(\.household.archiveNumber.value) == ["QD-002"])
    }
}
