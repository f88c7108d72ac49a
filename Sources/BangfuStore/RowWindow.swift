/// Which rows of a listing to read: from the `offset`th (from 0), at most `limit` of them
/// (`bangfu households list --offset 1000 --limit 50`); all of them by default.
public struct RowWindow: Sendable, Equatable {
    public var offset: Int
    /// nil: every row from `offset` on.
    public var limit: Int?

    public init(offset: Int = 0, limit: Int? = nil) {
        self.offset = offset
        self.limit = limit
    }

    /// Every row.
    public static let all = RowWindow()

    /// ` LIMIT n OFFSET m` for the end of a SELECT; nothing for every row. SQLite takes a
    /// negative limit as none.
    var sql: String { self == .all ? "" : " LIMIT \(limit ?? -1) OFFSET \(offset)" }

    /// The rows of `rows` in the window.
    public func slice<T>(_ rows: [T]) -> ArraySlice<T> {
        let start = min(offset, rows.count)
        return rows[start..<min(rows.count, limit.map { start + $0 } ?? rows.count)]
    }
}
