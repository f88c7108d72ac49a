import BangfuCore
import Foundation
import GRDB

/// One line of an archive's history: when, by whom (an account's login, or the name a
/// command was given), what.
public struct ArchiveHistoryLine: Sendable, Equatable {
    /// `2026-11-23T10:15:02+08:00`, as the audit trail writes times.
    public var at: String
    public var by: String
    public var change: ArchiveChange
}

/// Aid paid to a person of an archive (the head or a member), with the batch it came from
/// (nil: imported from a list of aid already paid).
public struct ArchiveAid: Sendable, Equatable {
    public var idNumber: String
    public var name: String
    public var kind: AidKind
    public var amount: Money
    public var paidOn: CalendarDate
    public var payer: String
    public var batchID: Int64?
}

extension BangfuDatabase {
    /// The history of archive `number`, oldest first: its changes, and the imports that last
    /// wrote its row and its members' rows (an import writes no line per archive; see
    /// migration v7). An import of a version before v7 is known by its stamp only: its time
    /// in UTC, by nobody named.
    public func archiveHistory(_ number: ArchiveNumber) throws -> [ArchiveHistoryLine] {
        try queue.read { db in
            var timed: [(instant: Double, order: Int, line: ArchiveHistoryLine)] = []
            let stamps = try Row.fetchAll(
                db, sql: """
                    SELECT s.stamp, s.what, r.kind, r.file, r.at, r.actor FROM (
                        SELECT import_stamp AS stamp, 'households' AS what FROM households WHERE archive_no = ? AND import_stamp > 0
                        UNION SELECT DISTINCT import_stamp, 'members' FROM members WHERE archive_no = ? AND import_stamp > 0
                    ) s LEFT JOIN import_runs r ON r.stamp = s.stamp
                    """, arguments: [number.value, number.value])
            for row in stamps {
                let stamp: Int = row["stamp"]
                let recorded: String? = row["at"]
                let at = recorded ?? Self.utcTimestamp(Double(stamp) / 1_000_000)
                let instant = Self.instant(at) ?? Double(stamp) / 1_000_000
                let title = (row["what"] as String) == "households" ? "困难职工家庭档案" : "家庭成员"
                let file: String? = row["file"]
                let change = ArchiveChange(.imported, new: file.map { "\(title)（\($0)）" } ?? title)
                timed.append((instant, 0, ArchiveHistoryLine(at: at, by: row["actor"] ?? "", change: change)))
            }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM archive_history WHERE archive_no = ? ORDER BY id", arguments: [number.value])
            for row in rows {
                let what = try StoreError.parse(row["what"] as String, column: "archive_history.what", ArchiveChange.What.init(rawValue:))
                let change = ArchiveChange(
                    what, field: row["field"], member: row["member"], old: row["old_value"], new: row["new_value"], reason: row["reason"])
                let at: String = row["at"]
                timed.append((Self.instant(at) ?? 0, row["id"], ArchiveHistoryLine(at: at, by: row["actor"], change: change)))
            }
            return timed.sorted { ($0.instant, $0.order) < ($1.instant, $1.order) }.map(\.line)
        }
    }

    /// The aid paid to the head and the members of archive `number` (as recipients, or as
    /// the student of a 助学 record), by date.
    public func aid(ofArchive number: ArchiveNumber) throws -> [ArchiveAid] {
        try queue.read { db in
            try Row.fetchAll(
                db, sql: Self.aidOfArchiveSQL, arguments: [number.value, number.value]
            ).map { row in
                ArchiveAid(
                    idNumber: row["id_number"], name: row["name"],
                    kind: try StoreError.parse(row["kind"] as String, column: "aid_records.kind", AidKind.init(rawValue:)),
                    amount: Money(fen: row["amount_fen"]),
                    paidOn: try StoreError.parse(row["paid_on"] as String, column: "aid_records.paid_on", { CalendarDate($0) }),
                    payer: row["payer"], batchID: row["batch_id"])
            }
        }
    }

    /// The aid of the head and the members of an archive (`?`, `?`: its number twice) — as
    /// recipients, or as the student of a 助学 record —, each half by its own index, so that
    /// a page reads a few rows, never every aid record.
    static let aidOfArchiveSQL = """
        WITH people(id_number) AS (
            SELECT head_id_number FROM households WHERE archive_no = ?
            UNION SELECT id_number FROM members WHERE archive_no = ?)
        SELECT id_number, name, kind, amount_fen, paid_on, payer, batch_id, id FROM aid_records
        WHERE id_number IN (SELECT id_number FROM people)
        UNION
        SELECT id_number, name, kind, amount_fen, paid_on, payer, batch_id, id FROM aid_records
        WHERE student_id_number <> '' AND student_id_number IN (SELECT id_number FROM people)
        ORDER BY paid_on, id
        """

    /// The day archive `number` last changed (imports included); nil for no such archive.
    public func lastChange(ofArchive number: ArchiveNumber) throws -> CalendarDate? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT changed_on FROM households WHERE archive_no = ?", arguments: [number.value]).flatMap { CalendarDate($0) }
        }
    }

    /// The 在档 archives last changed before `day` (the 工作台's "not updated for a year",
    /// as the national system's look-up), of `union` only when one is given: how many, and
    /// one page of them, longest unchanged first, with the day each last changed.
    public func archivesUnchanged(
        since day: CalendarDate, union: String?, offset: Int, limit: Int
    ) throws -> (total: Int, page: [(household: Household, changedOn: CalendarDate?)]) {
        try queue.read { db in
            var condition = "status = 'active' AND changed_on < ?"
            var arguments = [day.description]
            if let union {
                condition += " AND union_name = ?"
                arguments.append(union)
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM households WHERE \(condition)", arguments: StatementArguments(arguments)) ?? 0
            let cursor = try FastCursor(
                db, sql: """
                    SELECT \(FastCursor.householdColumns), changed_on FROM households WHERE \(condition)
                    ORDER BY changed_on, archive_no LIMIT \(max(limit, 0)) OFFSET \(max(offset, 0))
                    """, arguments: arguments)
            let changedColumn = Int32(FastCursor.householdColumns.split(separator: ",").count)
            var page: [(household: Household, changedOn: CalendarDate?)] = []
            while try cursor.next() { page.append((try cursor.household(), CalendarDate(cursor.text(changedColumn)))) }
            return (total, page)
        }
    }

    /// An import stamp's time as the audit trail writes times, in UTC.
    private static func utcTimestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
    }

    private static func instant(_ timestamp: String) -> Double? {
        ISO8601DateFormatter().date(from: timestamp)?.timeIntervalSince1970
    }
}
