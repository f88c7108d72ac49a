import BangfuCore
import GRDB

/// Read-only look-ups of the records, streamed so that a province-size archive lists
/// in constant memory.
extension BangfuDatabase {
    /// Calls `body` for each archive in 档案编号 order, with its members in file order.
    /// Households and members are read by two cursors merged on 档案编号.
    public func forEachHousehold(_ body: (Household, [Member]) throws -> Void) throws {
        try queue.read { db in try Self.forEachHousehold(db, body) }
    }

    /// `forEachHousehold` inside a transaction already open on `db`. A batch reads its
    /// archives through `forEachBatchChunk` instead, which must group members the same way.
    static func forEachHousehold(_ db: Database, _ body: (Household, [Member]) throws -> Void) throws {
        let households = try FastCursor(db, sql: "SELECT \(FastCursor.householdColumns) FROM households ORDER BY archive_no")
        let members = try FastCursor(db, sql: "SELECT \(FastCursor.memberColumns) FROM members ORDER BY archive_no, id")
        func nextMember() throws -> Member? {
            guard try members.next() else { return nil }
            return try members.member()
        }
        var pending = try nextMember()
        while try households.next() {
            let household = try households.household()
            var group: [Member] = []
            while let member = pending, member.archiveNumber <= household.archiveNumber {
                if member.archiveNumber == household.archiveNumber { group.append(member) }
                pending = try nextMember()
            }
            try body(household, group)
        }
    }

    /// Calls `body` for each model worker in 身份证号 order.
    public func forEachModelWorker(_ body: (ModelWorker) throws -> Void) throws {
        try queue.read { db in try Self.forEachModelWorker(db, body) }
    }

    static func forEachModelWorker(_ db: Database, _ body: (ModelWorker) throws -> Void) throws {
        let rows = try FastCursor(db, sql: "SELECT \(FastCursor.modelWorkerColumns) FROM model_workers ORDER BY id_number")
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
