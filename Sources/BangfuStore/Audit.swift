import BangfuCore
import GRDB

/// Which lines of the trail to read: of one batch, by one account (or `--by` name), of one
/// action, written from one moment to another (each end included: a day whole, or to the
/// minute), and for a union's account only what it may read; nil keeps every line.
public struct AuditFilter: Sendable {
    public var batch: Int64?
    public var account: String?
    public var action: AuditAction?
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// The minute `from` starts with (nil: the day's start) and `to` ends with (nil: its end).
    public var fromTime: ClockTime?
    public var toTime: ClockTime?
    /// Only the lines by the accounts of this 所属工会, about its accounts, or about its
    /// archives (what a union's auditor reads; `AuditTrail`).
    public var union: String?

    public init(
        batch: Int64? = nil, account: String? = nil, action: AuditAction? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil,
        fromTime: ClockTime? = nil, toTime: ClockTime? = nil, union: String? = nil
    ) {
        self.batch = batch
        self.account = account
        self.action = action
        self.from = from
        self.to = to
        self.fromTime = fromTime
        self.toTime = toTime
        self.union = union
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
    /// The name of the account `actor` is, when it is one (read with the line, for pages).
    public var actorName: String? = nil
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

    /// The lines `filter` keeps in the order they were written; or, for a page (`limit` lines
    /// from the `offset`-th), in time order or newest first (lines of one second in the order
    /// written) — the order of the indexes by time (v11), so that a page reads its lines and
    /// no more. The two orders differ only for a line written after its time (a test's).
    public func auditLines(_ filter: AuditFilter, newestFirst: Bool = false, limit: Int? = nil, offset: Int = 0) throws -> [AuditLine] {
        let (sql, arguments) = Self.auditLinesSQL(filter, newestFirst: newestFirst, limit: limit, offset: offset)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AuditLine(
                    id: row["id"], at: row["at"], actor: row["actor"], action: AuditAction(stored: row["action"]), batchID: row["batch_id"],
                    subject: row["subject"], detail: row["detail"], actorName: row["actor_name"])
            }
        }
    }

    /// The query of `auditLines`, with its arguments.
    static func auditLinesSQL(_ filter: AuditFilter, newestFirst: Bool, limit: Int?, offset: Int) -> (String, StatementArguments) {
        let (clause, arguments) = conditions(filter)
        let order = newestFirst ? "audit.at DESC, audit.id DESC" : limit == nil ? "audit.id" : "audit.at, audit.id"
        let range = limit.map { " LIMIT \(max($0, 0)) OFFSET \(max(offset, 0))" } ?? ""
        let sql = """
            SELECT audit.*, accounts.name AS actor_name FROM audit LEFT JOIN accounts ON accounts.login = audit.actor
            \(clause) ORDER BY \(order)\(range)
            """
        return (sql, arguments)
    }

    /// How many lines `filter` keeps, counting no further than `limit` when given: a page
    /// says "10000 以上" rather than count two million lines of `archive view`.
    public func auditCount(_ filter: AuditFilter, limit: Int? = nil) throws -> Int {
        let (clause, arguments) = Self.conditions(filter)
        let sql = limit.map { "SELECT COUNT(*) FROM (SELECT 1 FROM audit \(clause) LIMIT \(max($0, 0)))" } ?? "SELECT COUNT(*) FROM audit \(clause)"
        return try queue.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    /// `filter` as a WHERE clause over `audit`, with its arguments.
    static func conditions(_ filter: AuditFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let batch = filter.batch {
            conditions.append("audit.batch_id = ?")
            arguments.append(batch)
        }
        if let account = filter.account {
            conditions.append("audit.actor = ?")
            arguments.append(account)
        }
        if let action = filter.action {
            conditions.append("audit.action = ?")
            arguments.append(action.stored)
        }
        // `at` is `2026-11-23T10:15:02+08:00`, written where the work was done, so text order
        // is time order and a bound is a prefix: from `2026-11-23` (or `…T10:15`) on, and up
        // to every line that starts with the `to` prefix — `~` sorts after every character
        // a time has. Compared whole, `at` can use an index.
        if let from = filter.from {
            conditions.append("audit.at >= ?")
            arguments.append(from.description + (filter.fromTime.map { "T\($0)" } ?? ""))
        }
        if let to = filter.to {
            conditions.append("audit.at < ?")
            arguments.append(to.description + (filter.toTime.map { "T\($0)" } ?? "") + "~")
        }
        if let union = filter.union {
            // A union's lines: by its accounts, about its accounts (added, disabled, …), and
            // about its archives (the archive is the subject of a change, the detail of a view).
            // The unary `+` keeps SQLite from gathering every matching line through four
            // indexes and sorting them (7 s on 2 million lines): it walks the time index
            // instead and stops at the page's last line.
            conditions.append("""
                (+audit.actor IN (SELECT login FROM accounts WHERE union_name = ?)
                 OR (+audit.action IN (?, ?, ?, ?, ?, ?) AND +audit.subject IN (SELECT login FROM accounts WHERE union_name = ?))
                 OR (+audit.action IN (?, ?, ?) AND +audit.subject IN (SELECT archive_no FROM households WHERE union_name = ?))
                 OR (+audit.action = ? AND +audit.detail IN (SELECT archive_no FROM households WHERE union_name = ?)))
                """)
            let accountActions: [AuditAction] = [.accountAdd, .accountUpdate, .accountPassword, .accountDisable, .accountEnable, .signInFailed]
            let archiveActions: [AuditAction] = [.archiveRegister, .archiveEdit, .archiveStatus]
            let values = [union] + accountActions.map(\.stored) + [union] + archiveActions.map(\.stored) + [union, AuditAction.archiveView.stored, union]
            for value in values { arguments.append(value) }
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), StatementArguments(arguments))
    }
}
