import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API: the bulk-import
/// path, several times faster than building `StatementArguments` for every row.
/// It lives only inside the transaction closure that made it.
final class FastStatement {
    private let statement: Statement
    private let handle: SQLiteStatement
    private let database: Database
    private var nextIndex: Int32 = 1

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        database = db
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, nextIndex, buffer.baseAddress, Int32(buffer.count), FastStatement.transient)
        }
        nextIndex += 1
    }

    func bind(_ text: String?) {
        if let text { bind(text) } else { bindNull() }
    }

    func bind(_ value: Int) {
        sqlite3_bind_int64(handle, nextIndex, Int64(value))
        nextIndex += 1
    }

    func bind(_ value: Int?) {
        if let value { bind(value) } else { bindNull() }
    }

    func bindNull() {
        sqlite3_bind_null(handle, nextIndex)
        nextIndex += 1
    }

    /// Runs the bound statement once and makes it ready for the next row.
    /// Returns the SQLite result code when it is a constraint violation, so the caller
    /// can turn it into a row issue; throws on any other failure.
    @discardableResult
    func run() throws -> Int32? {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            nextIndex = 1
        }
        let code = sqlite3_step(handle)
        // GRDB turns on extended result codes, so a constraint failure arrives as e.g. 787.
        switch code & 0xFF {
        case SQLITE_DONE, SQLITE_ROW: return nil
        case SQLITE_CONSTRAINT: return sqlite3_extended_errcode(database.sqliteConnection)
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)))
        }
    }

    /// Rows changed by the last `run()`.
    var changes: Int { Int(sqlite3_changes(database.sqliteConnection)) }
}
