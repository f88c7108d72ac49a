import BangfuCore
import Foundation
import GRDB

/// The Bangfu database: owns the SQLite connection and the schema, and offers only
/// operations that keep the records valid.
public final class BangfuDatabase: Sendable {
    let queue: DatabaseQueue

    /// Opens (creating if needed) the database file at `path` and brings its schema up
    /// to date; idempotent, so `bangfu init` and every other command can call it.
    public init(path: String) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.journalMode = .wal
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // A 64 MiB page cache keeps the indexes of a million-row import in memory;
                // WAL with synchronous=NORMAL is durable at every checkpoint and crash-safe.
                try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA synchronous = NORMAL")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Schema.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// A private in-memory database, for tests.
    public init() throws(StoreError) {
        do {
            queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: ":memory:", reason: "\(error)")
        }
    }

    /// Whether the file at `path` may be replaced by a fresh database: absent, empty, or a
    /// Bangfu database holding no records and no batches. Read without migrating, so that
    /// a file of another program (any table Bangfu does not make) or not SQLite at all is
    /// never taken for an empty one.
    public static func isUnused(path: String) -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { return true }
        if size == 0 { return true }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let existing = try DatabaseQueue(path: path, configuration: configuration)
            let ours = try BangfuDatabase().queue.read { try Self.tableNames($0) }
            return try existing.read { db in
                let tables = try Self.tableNames(db)
                guard tables.contains("households"), tables.isSubset(of: ours) else { return false }
                for table in ["households", "members", "model_workers", "aid_records", "batches", "batch_entries"] where tables.contains(table) {
                    if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? true { return false }
                }
                return true
            }
        } catch {
            return false
        }
    }

    private static func tableNames(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try queue.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in one write transaction: committed when it returns normally, rolled
    /// back entirely when it throws, so an import or a payment is all or nothing.
    public func inTransaction<T>(_ body: (RecordWriter) throws -> T) throws -> T {
        try queue.write { db in
            let writer = try RecordWriter(db)
            return try body(writer)
        }
    }

    /// Like `inTransaction`, for a bulk load into `table`: the table's non-unique indexes
    /// are dropped first and rebuilt after `body`, in the same transaction. Building an
    /// index once by sorting beats millions of random insertions into it (3 million
    /// members: 31 s with the index kept, 21 s dropped and rebuilt); unique indexes stay,
    /// since the upserts need them, except the aid records' when no imported aid is
    /// stored yet (see `RecordWriter.deferImportedOnceIndex`). Into a table that is empty,
    /// the writer inserts without the upsert clause (`RecordWriter.insertOnly`). A
    /// rollback restores the indexes with everything else.
    ///
    /// The load runs in rollback-journal mode (`inJournaledTransaction`).
    public func inBulkTransaction<T>(into table: String, _ body: (RecordWriter) throws -> T) throws -> T {
        try inJournaledTransaction { db in
            let indexes = try Row.fetchAll(
                db, sql: """
                    SELECT name, sql FROM sqlite_master
                    WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                    """, arguments: [table])
            for index in indexes { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
            let writer = try RecordWriter(db)
            if table == "aid_records" {
                try writer.deferImportedOnceIndex()
            } else if try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? true) {
                try writer.insertOnly(into: table)
            }
            let result = try body(writer)
            _ = try writer.finishLoad()
            for index in indexes { try db.execute(sql: index["sql"]) }
            return result
        }
    }

    /// Runs `body` in one write transaction in rollback-journal mode, not WAL, for writes of
    /// hundreds of megabytes (a bulk load, a batch of a million entries): in WAL every page
    /// of a huge transaction is written twice (to the log, then checkpointed into the
    /// file), while a rollback journal keeps only the old contents of pages that existed
    /// before, and pages appended to the file need none (the `sqlite3` shell, households:
    /// 3.9 s in WAL, 2.6 s with a rollback journal). The journal keeps the write all or
    /// nothing, `synchronous = FULL` keeps it crash-safe, and WAL comes back when it ends,
    /// committed or rolled back.
    func inJournaledTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            // Leaving WAL needs the only connection to the file; if another process has it
            // open, the write stays in WAL: slower, equally correct.
            let leftWAL = (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete"
            if leftWAL { try db.execute(sql: "PRAGMA synchronous = FULL") }
            defer {
                if leftWAL {
                    // A failure here changes no data, and every open sets WAL again, so
                    // it must not turn a committed write into a reported failure.
                    try? db.execute(sql: "PRAGMA synchronous = NORMAL")
                    _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            guard let result else { preconditionFailure("a committed transaction ran its body") }
            return result
        }
    }
}

/// What can go wrong in the store, said for a person in Chinese and for logs in English.
public enum StoreError: Error, LocalizedError, Equatable {
    /// The database file cannot be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A stored value is not what the schema allows; the file was changed outside Bangfu.
    case corruptRow(column: String, value: String)

    /// A stored text read back as a domain value (`IDNumber.init`, `V.init(rawValue:)`, …);
    /// a text that does not parse is a corrupt row, reported and never trapped.
    static func parse<T>(_ text: String, column: @autoclosure () -> String, _ make: (String) -> T?) throws -> T {
        guard let value = make(text) else { throw corruptRow(column: column(), value: text) }
        return value
    }

    /// A sentence for a person about an error SQLite raised, or nil when it is not one.
    public static func explain(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "数据库正被另一个 bangfu 使用，请稍后再试 (database is busy: \(error.message ?? ""))"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return "无法写入数据库文件，请检查路径和权限 (cannot write the database: \(error.message ?? ""))"
        case .SQLITE_FULL:
            return "磁盘已满，未保存任何数据 (disk full: nothing saved)"
        default:
            return "数据库错误，未保存任何数据 (database error: \(error))"
        }
    }

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason): "无法打开数据库 \(path)（cannot open database: \(reason)）"
        case .corruptRow(let column, let value): "数据库中 \(column) 的值「\(value)」无效（corrupt value in column \(column)）"
        }
    }
}
