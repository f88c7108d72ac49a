import BangfuCore
import GRDB

/// Which lines of the trail to read: of one batch, by one account (or `--by` name), written
/// from one day to another (each end included); nil keeps every line.
public struct AuditFilter: Sendable {
    public var batch: Int64?
    public var account: String?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(batch: Int64? = nil, account: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.batch = batch
        self.account = account
        self.from = from
        self.to = to
    }
}

/// One line of the audit trail: who did what, when, to which batch or record.
public struct AuditLine: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var action: AuditAction
    public var batchID: Int64?
    /// A 身份证号, or the aid records a payment wrote; empty when the batch says it all.
    public var subject: String
    public var detail: String
}

extension BangfuDatabase {
    /// Appends one line to the audit trail, in its own transaction.
    public func appendAudit(actor: String, action: AuditAction, batchID: Int64? = nil, detail: String, at: String) throws {
        try queue.write { db in try Self.appendAudit(db, at: at, actor: actor, action: action, batch: batchID, detail: detail) }
    }

    /// Appends a line of a reading request (an archive viewed): at once for a command, beside
    /// the request for a server (`DeferredWrites`), so the page does not wait for an import.
    public func appendAuditSoon(actor: String, action: AuditAction, detail: String, at: String) throws {
        let write: @Sendable (Database) throws -> Void = { db in
            try Self.appendAudit(db, at: at, actor: actor, action: action, batch: nil, detail: detail)
        }
        guard let deferred else { return try queue.write(write) }
        deferred.enqueue(write)
    }

    /// Returns once every write a server left to do beside its requests is done (at
    /// shutdown; in tests, before reading the trail).
    public func finishDeferredWrites() {
        deferred?.finish()
    }

    /// Appends one line inside the caller's transaction, so it stands or falls with the change.
    /// The table's triggers refuse UPDATE and DELETE: lines are only ever added.
    static func appendAudit(
        _ db: Database, at: String, actor: String, action: AuditAction, batch: Int64?, subject: String = "", detail: String
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit(at, actor, action, batch_id, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [at, actor, action.stored, batch, subject, detail])
    }

    /// The trail in the order it was written, all of it or one batch's.
    public func auditLines(batch: Int64? = nil) throws -> [AuditLine] {
        try auditLines(AuditFilter(batch: batch))
    }

    /// The lines `filter` keeps, in the order they were written.
    public func auditLines(_ filter: AuditFilter) throws -> [AuditLine] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let batch = filter.batch {
            conditions.append("batch_id = ?")
            arguments.append(batch)
        }
        if let account = filter.account {
            conditions.append("actor = ?")
            arguments.append(account)
        }
        // A line's day is the date it was written on, where it was written (`at` keeps the offset).
        if let from = filter.from {
            conditions.append("substr(at, 1, 10) >= ?")
            arguments.append(from.description)
        }
        if let to = filter.to {
            conditions.append("substr(at, 1, 10) <= ?")
            arguments.append(to.description)
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit \(clause) ORDER BY id", arguments: StatementArguments(arguments)).map { row in
                AuditLine(
                    id: row["id"], at: row["at"], actor: row["actor"], action: AuditAction(stored: row["action"]), batchID: row["batch_id"],
                    subject: row["subject"], detail: row["detail"])
            }
        }
    }
}
