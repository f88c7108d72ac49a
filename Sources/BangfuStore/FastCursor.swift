import BangfuCore
import GRDB
import GRDBSQLite

/// A read-only statement stepped through the SQLite C API, its columns read by position:
/// the bulk-read path of batch computation, several times faster than GRDB's `Row`, whose
/// by-name look-ups dominated a million-household batch. It lives only inside the
/// transaction closure that made it.
final class FastCursor {
    private let statement: Statement
    private let handle: SQLiteStatement
    private let database: Database

    init(_ db: Database, sql: String, arguments: [String] = []) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        database = db
        for (position, argument) in arguments.enumerated() {
            // SQLITE_TRANSIENT: SQLite copies the text, which the String does not outlive.
            sqlite3_bind_text(handle, Int32(position + 1), argument, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }

    deinit { sqlite3_reset(handle) }

    /// Steps to the next row; false after the last.
    func next() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)))
        }
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The column's text as bytes, valid until the next step; empty for NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The column's blob, valid until the next step; empty for NULL.
    func blob(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeBufferPointer(start: sqlite3_column_blob(handle, column)?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// `IDNumber.number` of a stored 身份证号; 0 for an empty text.
    func idNumber(_ column: Int32) -> Int { IDNumber.number(utf8: bytes(column)) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column's name, for a corrupt-row report.
    func name(_ column: Int32) -> String { String(cString: sqlite3_column_name(handle, column)) }
}
