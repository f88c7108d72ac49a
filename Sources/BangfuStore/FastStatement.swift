import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API: the bulk-import
/// path, several times faster than building `StatementArguments` for every row.
///
/// Each value is bound as soon as it is given. Texts are copied into a byte arena that
/// lives as long as the statement and bound with `SQLITE_STATIC`, so SQLite neither
/// allocates nor copies for each cell (`SQLITE_TRANSIENT` costs a `malloc`, a `free`
/// and two mutex operations per cell: a sixth of the households writer). The arena and
/// the parameter counter sit behind pointers, not in stored `var`s: the run-time
/// exclusivity checks on a class's stored properties took ~8 % of the writer.
/// It lives only inside the transaction closure that made it.
final class FastStatement {
    private struct Cursor {
        /// The parameter the next `bind` fills, numbered from 1 as SQLite does.
        var parameter: Int32 = 1
        /// Arena bytes used by the row being bound.
        var used = 0
    }

    private let statement: Statement
    private let handle: SQLiteStatement
    private let database: Database
    private let cursor: UnsafeMutablePointer<Cursor>
    private let arena: UnsafeMutableRawBufferPointer

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        database = db
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor())
        arena = .allocate(byteCount: 1 << 16, alignment: 1)
    }

    deinit {
        cursor.deallocate()
        arena.deallocate()
    }

    func bind(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let used = cursor.pointee.used
            let parameter = cursor.pointee.parameter
            if bytes.count <= arena.count - used, let start = arena.baseAddress {
                // Also for an empty text: a valid pointer binds '' rather than NULL.
                let destination = start + used
                if let source = bytes.baseAddress { destination.copyMemory(from: source, byteCount: bytes.count) }
                cursor.pointee.used = used + bytes.count
                sqlite3_bind_text(handle, parameter, destination.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
            } else {
                // A row longer than the arena: SQLite copies this cell itself.
                sqlite3_bind_text(handle, parameter, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(bytes.count), sqliteTransient)
            }
        }
        cursor.pointee.parameter += 1
    }

    /// Binds `bytes` as a blob, copied into the arena as a text is.
    func bind(blob bytes: [UInt8]) {
        let used = cursor.pointee.used
        let parameter = cursor.pointee.parameter
        bytes.withUnsafeBytes { bytes in
            if bytes.count <= arena.count - used, let start = arena.baseAddress {
                // Also for no bytes: a valid pointer binds a zero-length blob rather than NULL.
                let destination = start + used
                if let source = bytes.baseAddress { destination.copyMemory(from: source, byteCount: bytes.count) }
                cursor.pointee.used = used + bytes.count
                _ = sqlite3_bind_blob(handle, parameter, destination, Int32(bytes.count), nil)
            } else {
                _ = sqlite3_bind_blob(handle, parameter, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
            }
        }
        cursor.pointee.parameter += 1
    }

    func bind(_ text: String?) {
        if let text { bind(text) } else { bindNull() }
    }

    func bind(_ value: Int) {
        sqlite3_bind_int64(handle, cursor.pointee.parameter, Int64(value))
        cursor.pointee.parameter += 1
    }

    func bind(_ value: Int?) {
        if let value { bind(value) } else { bindNull() }
    }

    func bindNull() {
        sqlite3_bind_null(handle, cursor.pointee.parameter)
        cursor.pointee.parameter += 1
    }

    /// Runs the bound statement once and makes it ready for the next row.
    /// Returns the SQLite result code when it is a constraint violation, so the caller
    /// can turn it into a row issue; throws on any other failure.
    @discardableResult
    func run() throws -> Int32? {
        cursor.pointee = Cursor()
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        // GRDB turns on extended result codes, so a constraint failure arrives as e.g. 787.
        switch code & 0xFF {
        case SQLITE_DONE, SQLITE_ROW: return nil
        case SQLITE_CONSTRAINT: return code
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)))
        }
    }

    /// Rows changed by the last `run()`.
    var changes: Int { Int(sqlite3_changes(database.sqliteConnection)) }
}

/// Tells SQLite to copy a bound text before the call returns.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
