import BangfuCore
import GRDB

/// Read-only look-ups of the records, streamed so that a province-size archive lists
/// in constant memory.
extension BangfuDatabase {
    /// Calls `body` for each archive in 档案编号 order, with its members in file order.
    /// Households and members are read by two cursors merged on 档案编号.
    public func forEachHousehold(_ body: (Household, [Member]) throws -> Void) throws {
        try queue.read { db in
            let households = try Row.fetchCursor(db, sql: "SELECT * FROM households ORDER BY archive_no")
            let members = try Row.fetchCursor(db, sql: "SELECT * FROM members ORDER BY archive_no, id")
            var pending: Member? = try members.next()?.member()
            while let row = try households.next() {
                let household = try row.household()
                var group: [Member] = []
                while let member = pending, member.archiveNumber <= household.archiveNumber {
                    if member.archiveNumber == household.archiveNumber { group.append(member) }
                    pending = try members.next()?.member()
                }
                try body(household, group)
            }
        }
    }

    /// Calls `body` for each model worker in 身份证号 order.
    public func forEachModelWorker(_ body: (ModelWorker) throws -> Void) throws {
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM model_workers ORDER BY id_number")
            while let row = try rows.next() { try body(try row.modelWorker()) }
        }
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
