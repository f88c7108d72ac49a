import BangfuCore
import Foundation
import GRDB

/// The Bangfu database: owns the SQLite connection and the schema, and offers only
/// operations that keep the records valid.
public final class BangfuDatabase: Sendable {
    /// One connection (a command), or a pool of readers beside the writer (a server).
    let queue: any DatabaseWriter
    /// A server's writes that its requests need not wait for; nil for a command or a test's
    /// in-memory database, which write them at once.
    let deferred: DeferredWrites?
    /// Sessions' last uses not yet written.
    let recentSessionUse = RecentSessionUse()

    /// How a command uses the database file.
    public enum Access: Sendable {
        /// Creates the file when it is absent and brings its schema up to date (every
        /// command that changes something).
        case readWrite
        /// Reads an existing file only: a missing file is an error (a mistyped `--db` must
        /// not leave an empty database behind), the schema is upgraded only when it is
        /// behind, and the file may be read-only.
        case readOnly
    }

    /// Opens the database file at `path`. Readers and writers of other processes go on
    /// while this one works: the file stays in WAL mode, the schema is written only when it
    /// is behind, and every statement waits up to `busyTimeout` for a lock.
    ///
    /// `concurrentReads` is for a process that serves many people at once (the web
    /// application): its reads then run on a pool of connections beside the one writer, so
    /// that one person's long check never holds up another's page. A command reads and
    /// writes on one connection.
    public init(path: String, access: Access = .readWrite, concurrentReads: Bool = false) throws(StoreError) {
        let exists = FileManager.default.fileExists(atPath: path)
        if access == .readOnly, !exists { throw .noSuchDatabase(path: path) }
        do {
            let single = try Self.openQueue(path: path, readOnly: access == .readOnly)
            try Self.bringUpToDate(single, path: path, access: access)
            if concurrentReads, single.path == path {
                try single.close()
                queue = try DatabasePool(path: path, configuration: Self.configuration(readOnly: access == .readOnly))
                deferred = access == .readOnly ? nil : try DeferredWrites(path: path, configuration: Self.configuration(readOnly: false))
            } else {
                queue = single
                deferred = nil
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, DatabaseProblem.of(error))
        }
    }

    /// A private in-memory database, for tests.
    public init() throws(StoreError) {
        do {
            queue = try DatabaseQueue()
            deferred = nil
            try Schema.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: ":memory:", DatabaseProblem.of(error))
        }
    }

    /// How long a statement waits for another process's lock before it reports the
    /// database busy: longer than any single step of a clerk's commands but an import or a
    /// batch of a province, which readers never wait for (WAL).
    static let busyTimeout: TimeInterval = 10

    private static func openQueue(path: String, readOnly: Bool) throws -> DatabaseQueue {
        let configuration = configuration(readOnly: readOnly)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            if readOnly { _ = try queue.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") } }
            return queue
        } catch let error as DatabaseError where readOnly && [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            // A WAL file in a folder this user cannot write: SQLite cannot make the shared
            // memory file beside it, and reads it only as a file nobody changes meanwhile.
            let queue = try DatabaseQueue(path: "file:\(Self.uriEscaped(path))?immutable=1", configuration: configuration)
            _ = try queue.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") }
            return queue
        }
    }

    /// Every connection's settings: the busy timeout, a large page cache, and the
    /// durability WAL needs.
    private static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in
            // A 64 MiB page cache keeps the indexes of a million-row import in memory;
            // WAL with synchronous=NORMAL is durable at every checkpoint and crash-safe.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        return configuration
    }

    /// WAL once for the file's life (readers never wait for a writer in it), then the
    /// migrations, each only when needed, so that opening a busy database writes nothing.
    private static func bringUpToDate(_ queue: DatabaseQueue, path: String, access: Access) throws {
        let (completed, superseded, journal) = try queue.read { db in
            (
                try Schema.migrator.hasCompletedMigrations(db), try Schema.migrator.hasBeenSuperseded(db),
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            )
        }
        if superseded { throw StoreError.newerSchema(path: path) }
        switch access {
        case .readWrite:
            if journal != "wal" {
                try queue.writeWithoutTransaction { db in
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw StoreError.cannotOpen(path: path, .readOnly)
                    }
                }
            }
            if !completed { try Schema.migrator.migrate(queue) }
        case .readOnly:
            // A file of an older Bangfu is upgraded once by whoever reads it first, if the
            // file may be written; otherwise the clerk is told to run `bangfu init`.
            if !completed {
                do {
                    let writer = try openQueue(path: path, readOnly: false)
                    try bringUpToDate(writer, path: path, access: .readWrite)
                    try writer.close()
                } catch {
                    throw StoreError.needsUpgrade(path: path)
                }
            }
        }
    }

    /// `path` inside a `file:` URI: the characters a URI gives a meaning to, escaped.
    private static func uriEscaped(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// Whether the file at `path` may be replaced by a fresh database: absent, empty, or a
    /// Bangfu database with no row in any table (records, batches, audit lines). Read without migrating, so that
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
                // Every table counts, the audit trail too: a file whose only content is
                // audit lines is somebody's history, not an unused database. The findings'
                // key (v10) is made with the schema, not by anyone's work.
                for table in tables where table != "grdb_migrations" && table != "duplicate_finding_key" {
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
        try writeWithStatementJournalInMemory { db in
            let writer = try RecordWriter(db)
            return try body(writer)
        }
    }

    /// `queue.write`, with the connection's temporary storage in memory for the
    /// transaction. Every upsert of an import is a statement that may abort halfway (a
    /// key, a foreign key), so SQLite copies each page it first touches into a statement
    /// journal, which past 64 KiB spills into a temporary file: 1.8 million `pwrite`s
    /// (3.7 GB) for 100,000 archives, 45 % of the import's time. In memory the journal
    /// is a copy of a few pages per row. The setting cannot change inside a transaction.
    private func writeWithStatementJournalInMemory<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Whether `table` (one of the record tables) holds no row yet: a first load of it
    /// goes the bulk way whatever the file's size (`Imports`).
    public func isEmpty(table: String) throws -> Bool {
        try queue.read { db in try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? true) }
    }

    /// Like `inTransaction`, for a bulk load into `table`: the table's non-unique indexes
    /// are dropped first and rebuilt after `body`, in the same transaction. Building an
    /// index once by sorting beats millions of random insertions into it (3 million
    /// members: 31 s with the index kept, 21 s dropped and rebuilt); unique indexes stay,
    /// since the upserts need them, except the aid records' when no imported aid is
    /// stored yet (see `RecordWriter.deferImportedOnceIndex`). Into a table that is empty,
    /// the writer inserts without the upsert clause (`RecordWriter.insertOnly`) and the
    /// name-search index is filled once at the end (`NameSuffixes.deferredForBulkLoad`). A
    /// rollback restores the indexes and triggers with everything else.
    ///
    /// The load stays in WAL, as every write does, so that other people's reads go on
    /// meanwhile; they see the records as they were until the load commits.
    ///
    /// It keeps temporary storage in files, unlike `inTransaction`: its rows go in one by
    /// one into tables without triggers or secondary indexes, whose statements journal a
    /// page or two, under the 64 KiB SQLite holds in memory anyway; what ends it are single
    /// statements over every row (the name search filled, the archives' day of change set),
    /// whose journals in memory took 350 MB for a million archives instead of spilling.
    public func inBulkTransaction<T>(into table: String, _ body: (RecordWriter) throws -> T) throws -> T {
        try queue.write { db in
            let indexes = try Row.fetchAll(
                db, sql: """
                    SELECT name, sql FROM sqlite_master
                    WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                    """, arguments: [table])
            for index in indexes { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
            let isEmpty = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? true)
            let finishNameSuffixes = try NameSuffixes.deferredForBulkLoad(db, into: table, tableIsEmpty: isEmpty)
            let writer = try RecordWriter(db)
            if table == "aid_records" {
                try writer.deferImportedOnceIndex()
            } else if isEmpty {
                try writer.insertOnly(into: table)
            }
            let result = try body(writer)
            _ = try writer.finishLoad()
            for index in indexes { try db.execute(sql: index["sql"]) }
            try finishNameSuffixes?()
            return result
        }
    }
}

/// What can go wrong in the store, said for a person in Chinese and for logs in English.
public enum StoreError: Error, Equatable, Sendable, UserFacingError {
    /// The database file cannot be opened or migrated.
    case cannotOpen(path: String, DatabaseProblem)
    /// A command that only reads was pointed at a file that does not exist.
    case noSuchDatabase(path: String)
    /// The file was written by a newer Bangfu, whose schema this one does not know.
    case newerSchema(path: String)
    /// The file is of an older schema and cannot be written to bring it up to date.
    case needsUpgrade(path: String)
    /// A stored value is not what the schema allows; the file was changed outside Bangfu.
    case corruptRow(column: String, value: String)
    /// A statement SQLite refused (busy, disk full, …): nothing of the step was stored.
    case failed(DatabaseProblem)

    /// A stored text read back as a domain value (`IDNumber.init`, `V.init(rawValue:)`, …);
    /// a text that does not parse is a corrupt row, reported and never trapped.
    static func parse<T>(_ text: String, column: @autoclosure () -> String, _ make: (String) -> T?) throws -> T {
        guard let value = make(text) else { throw corruptRow(column: column(), value: text) }
        return value
    }

    /// An error SQLite raised, as a store error; nil when it is not one of SQLite's.
    public init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        self = .failed(DatabaseProblem(error))
    }

    public var chinese: String {
        switch self {
        case .cannotOpen(let path, let problem): "无法打开数据库 \(path)：\(problem.chinese)"
        case .noSuchDatabase(let path): "数据库文件 \(path) 不存在，请检查 --db 或先运行 bangfu init"
        case .newerSchema(let path): "数据库 \(path) 由更新版本的 bangfu 创建，请升级 bangfu 后再用"
        case .needsUpgrade(let path): "数据库 \(path) 的结构版本较旧且无法写入，请由有写权限的用户运行 bangfu init"
        case .corruptRow(let column, let value): "数据库中 \(column) 的值「\(value.escapedForDisplay)」无效"
        case .failed(let problem): problem.chinese
        }
    }

    public var english: String {
        switch self {
        case .cannotOpen(let path, let problem): "cannot open database \(path): \(problem.english)"
        case .noSuchDatabase(let path): "no database at \(path): check --db, or run bangfu init"
        case .newerSchema(let path): "the database \(path) was made by a newer bangfu"
        case .needsUpgrade(let path): "the database \(path) needs an upgrade and cannot be written: run bangfu init"
        case .corruptRow(let column, _): "corrupt value in column \(column)"
        case .failed(let problem): problem.english
        }
    }

    public var failure: Failure {
        switch self {
        case .noSuchDatabase: .notFound
        case .corruptRow: .badInput
        case .cannotOpen, .newerSchema, .needsUpgrade: .unavailable
        case .failed(let problem): problem == .amountOverflow || problem == .constraint ? .badInput : .unavailable
        }
    }
}

/// What SQLite's refusal means for a person, without the SQL statement or the library's
/// wording, which say nothing to a clerk.
public enum DatabaseProblem: Equatable, Sendable {
    case busy
    case readOnly
    case cannotOpen
    case diskFull
    case notADatabase
    case corrupt
    case ioError
    case constraint
    /// SQLite's sum() over amounts too large to add (a file edited by hand).
    case amountOverflow
    case other(code: Int32)

    init(_ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly
        case .SQLITE_CANTOPEN: self = .cannotOpen
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_NOTADB: self = .notADatabase
        case .SQLITE_CORRUPT: self = .corrupt
        case .SQLITE_IOERR: self = .ioError
        case .SQLITE_CONSTRAINT: self = .constraint
        case .SQLITE_ERROR where error.message == "integer overflow": self = .amountOverflow
        default: self = .other(code: error.extendedResultCode.rawValue)
        }
    }

    /// An error met while opening, as a problem (a store error already said is kept).
    static func of(_ error: any Error) -> DatabaseProblem {
        if let error = error as? DatabaseError { return DatabaseProblem(error) }
        return .other(code: -1)
    }

    public var chinese: String {
        switch self {
        case .busy: "数据库正被另一个 bangfu 使用，等待 \(Int(BangfuDatabase.busyTimeout)) 秒后仍未释放，请稍后再试"
        case .readOnly: "无法写入数据库文件，请检查文件和所在文件夹的权限"
        case .cannotOpen: "无法打开数据库文件，请检查路径、文件和所在文件夹的权限"
        case .diskFull: "磁盘已满，未保存任何数据"
        case .notADatabase: "该文件不是数据库文件"
        case .corrupt: "数据库文件已损坏，请从备份恢复"
        case .ioError: "读写数据库文件时出错，未保存任何数据"
        case .constraint: "数据不符合数据库约束，未保存任何数据"
        case .amountOverflow: AmountOverflow().chinese
        case .other(let code): "数据库错误（代码 \(code)），未保存任何数据"
        }
    }

    public var english: String {
        switch self {
        case .busy: "database is busy"
        case .readOnly: "cannot write the database file: permission denied"
        case .cannotOpen: "cannot open the database file"
        case .diskFull: "disk full: nothing saved"
        case .notADatabase: "not a database file"
        case .corrupt: "the database file is corrupt"
        case .ioError: "I/O error: nothing saved"
        case .constraint: "constraint failed: nothing saved"
        case .amountOverflow: AmountOverflow().english
        case .other(let code): "database error \(code): nothing saved"
        }
    }
}
