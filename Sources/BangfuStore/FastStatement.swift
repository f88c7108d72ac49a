import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API: the bulk-import
/// path, several times faster than building `StatementArguments` for every row.
///
/// Texts are gathered into one byte arena per row and bound with `SQLITE_STATIC`, so
/// SQLite neither allocates nor copies for each cell. It lives only inside the
/// transaction closure that made it.
final class FastStatement {
    private enum Value {
        case null
        case integer(Int64)
        case text(offset: Int, length: Int)
    }

    private let statement: Statement
    private let handle: SQLiteStatement
    private let database: Database
    private var values: [Value] = []
    private var arena: [UInt8] = []

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        database = db
        values.reserveCapacity(Int(sqlite3_bind_parameter_count(handle)))
        arena.reserveCapacity(1024)
    }

    func bind(_ text: String) {
        let offset = arena.count
        arena.append(contentsOf: text.utf8)
        values.append(.text(offset: offset, length: arena.count - offset))
    }

    func bind(_ text: String?) {
        if let text { bind(text) } else { bindNull() }
    }

    func bind(_ value: Int) {
        values.append(.integer(Int64(value)))
    }

    func bind(_ value: Int?) {
        if let value { bind(value) } else { bindNull() }
    }

    func bindNull() {
        values.append(.null)
    }

    /// Runs the bound statement once and makes it ready for the next row.
    /// Returns the SQLite result code when it is a constraint violation, so the caller
    /// can turn it into a row issue; throws on any other failure.
    @discardableResult
    func run() throws -> Int32? {
        defer {
            values.removeAll(keepingCapacity: true)
            arena.removeAll(keepingCapacity: true)
        }
        let code: Int32 = arena.withUnsafeBufferPointer { bytes in
            for (position, value) in values.enumerated() {
                let index = Int32(position + 1)
                switch value {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let number): sqlite3_bind_int64(handle, index, number)
                case .text(let offset, let length):
                    // An empty text must still bind as '' (not NULL): give SQLite a valid pointer.
                    let pointer = length == 0 ? UnsafeRawPointer(("" as StaticString).utf8Start) : UnsafeRawPointer(bytes.baseAddress! + offset)
                    sqlite3_bind_text(handle, index, pointer.assumingMemoryBound(to: CChar.self), Int32(length), nil)
                }
            }
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            return code
        }
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
