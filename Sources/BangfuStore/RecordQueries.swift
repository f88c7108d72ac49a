import BangfuCore
import GRDB

/// Read-only look-ups of the records, streamed so that a province-size archive lists
/// in constant memory.
extension BangfuDatabase {
    /// Calls `body` for each archive in 档案编号 order, with its members in file order (the
    /// order of the import that wrote each last). Households and members are read by two
    /// cursors merged on 档案编号; members come in key order and are put in file order
    /// archive by archive, which spares sorting the whole table. Only the archives in
    /// `window`; their members are read from the window's first archive on.
    public func forEachHousehold(in window: RowWindow = .all, _ body: (Household, [Member]) throws -> Void) throws {
        try queue.read { db in try Self.forEachHousehold(db, in: window, body) }
    }

    /// `forEachHousehold` inside a transaction already open on `db`. A batch reads its
    /// archives through `forEachBatchChunk` instead, which must group members the same way.
    static func forEachHousehold(_ db: Database, in window: RowWindow = .all, _ body: (Household, [Member]) throws -> Void) throws {
        let households = try FastCursor(db, sql: "SELECT \(FastCursor.householdColumns) FROM households ORDER BY archive_no\(window.sql)")
        let start = window.offset == 0 ? "" : " WHERE archive_no >= (SELECT archive_no FROM households ORDER BY archive_no LIMIT 1 OFFSET \(window.offset))"
        let members = try FastCursor(db, sql: "SELECT \(FastCursor.memberColumns), import_stamp, import_row FROM members\(start) ORDER BY archive_no, id_number")
        let stamp = Int32(FastCursor.memberColumns.split(separator: ",").count)
        var pending: Member? = try members.next() ? try members.member() : nil
        // File order: the import that wrote a member last, its row there, then key order
        // for members written outside an import (all row 0).
        var group: [(member: Member, order: (stamp: Int, row: Int, key: Int))] = []
        while try households.next() {
            let household = try households.household()
            group.removeAll(keepingCapacity: true)
            while let member = pending, member.archiveNumber <= household.archiveNumber {
                if member.archiveNumber == household.archiveNumber { group.append((member, (members.int(stamp), members.int(stamp + 1), group.count))) }
                pending = try members.next() ? try members.member() : nil
            }
            group.sort { $0.order < $1.order }
            try body(household, group.map(\.member))
        }
    }

    /// Calls `body` for each model worker in 身份证号 order (those in `window` only).
    public func forEachModelWorker(in window: RowWindow = .all, _ body: (ModelWorker) throws -> Void) throws {
        try queue.read { db in try Self.forEachModelWorker(db, in: window, body) }
    }

    static func forEachModelWorker(_ db: Database, in window: RowWindow = .all, _ body: (ModelWorker) throws -> Void) throws {
        let rows = try FastCursor(db, sql: "SELECT \(FastCursor.modelWorkerColumns) FROM model_workers ORDER BY id_number\(window.sql)")
        while try rows.next() { try body(try rows.modelWorker()) }
    }

    /// Every aid record paid in `year`, by date then id, for reports and checks.
    public func aidRecords(inYear year: Int) throws -> [AidRecord] {
        try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM aid_records WHERE paid_on BETWEEN ? AND ? ORDER BY paid_on, id",
                arguments: ["\(year)-01-01", "\(year)-12-31"]
            ).map { try $0.aidRecord() }
        }
    }

    /// How many rows each record table holds, for summaries and tests.
    public func recordCounts() throws -> RecordCounts {
        try queue.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return RecordCounts(
                households: try count("households"), members: try count("members"),
                modelWorkers: try count("model_workers"), aidRecords: try count("aid_records"))
        }
    }
}

/// Row counts of the record tables.
public struct RecordCounts: Equatable, Sendable {
    public var households: Int
    public var members: Int
    public var modelWorkers: Int
    public var aidRecords: Int

    public init(households: Int, members: Int, modelWorkers: Int, aidRecords: Int) {
        self.households = households
        self.members = members
        self.modelWorkers = modelWorkers
        self.aidRecords = aidRecords
    }
}
