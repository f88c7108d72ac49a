import BangfuCore

/// The statements of one archive search over `households h`: which archives its text finds,
/// looked up by index (`found`), or tested archive by archive (`rowMatch`), and the filters.
///
/// A rare text reads its few matches by index; a common one (a surname finds tens of
/// thousands) would read and sort all of them for one page, while walking the archives in
/// 档案编号 order and testing each finds a page in the first few hundred. Which way a page is
/// read is decided by the count: more matches than the count goes to means a common text.
struct ArchiveSearchSQL {
    /// Conditions over `h`, ANDed, and their arguments.
    private var filters: [String] = []
    private var filterArguments: [String] = []
    /// The 档案编号 the text finds, possibly repeated; nil when there is no text.
    private var found: (sql: String, arguments: [String])?
    /// The text's test of one archive `h`; nil when there is no text.
    private var rowMatch: (sql: String, arguments: [String])?

    init(_ query: ArchiveQuery) {
        for (column, value) in [
            ("union_name", query.union), ("union_name", query.unionFilter), ("status", query.status?.rawValue),
            ("category", query.category?.rawValue),
        ] {
            guard let value else { continue }
            filters.append("h.\(column) = ?")
            filterArguments.append(value)
        }
        guard let text = query.text?.trimmed, !text.isEmpty else { return }
        // 档案编号 and 身份证号 carry digits, names never do.
        if text.contains(where: \.isASCIIDigit) {
            found = (
                """
                SELECT archive_no FROM households WHERE archive_no = ?
                UNION ALL SELECT archive_no FROM households WHERE head_id_number = upper(?)
                UNION ALL SELECT archive_no FROM members WHERE id_number = upper(?)
                """, [text, text, text]
            )
            rowMatch = (
                """
                (h.archive_no = ? OR h.head_id_number = upper(?)
                 OR EXISTS (SELECT 1 FROM members m WHERE m.archive_no = h.archive_no AND m.id_number = upper(?)))
                """, [text, text, text]
            )
        } else {
            // Every part of a name starts one of its suffixes: one range of name_suffixes'
            // key, up to the text followed by the last code point. Folded as LIKE folds.
            found = (
                """
                SELECT archive_no FROM households WHERE archive_no = ?
                UNION ALL SELECT archive_no FROM name_suffixes WHERE suffix >= lower(?) AND suffix < lower(?) || char(1114111)
                """, [text, text, text]
            )
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            rowMatch = (
                """
                (h.archive_no = ? OR h.head_name LIKE ? ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM members m WHERE m.archive_no = h.archive_no AND m.name LIKE ? ESCAPE '\\'))
                """, [text, pattern, pattern]
            )
        }
    }

    private var filterSQL: String { filters.isEmpty ? "1" : filters.joined(separator: " AND ") }

    /// Counts the archives found, up to `limit`: a count that stops reading at the limit.
    func count(limit: Int) -> (sql: String, arguments: [String]) {
        guard let found else {
            return ("SELECT count(*) FROM (SELECT 1 FROM households h WHERE \(filterSQL) LIMIT \(limit))", filterArguments)
        }
        guard !filters.isEmpty else {
            return ("SELECT count(*) FROM (SELECT DISTINCT archive_no FROM (\(found.sql)) LIMIT \(limit))", found.arguments)
        }
        // CROSS JOIN keeps the index look-up first: the planner would rather walk a union's
        // archives, all of them, and look each up in the matches.
        return (
            """
            SELECT count(*) FROM (
                SELECT DISTINCT f.archive_no FROM (\(found.sql)) f CROSS JOIN households h ON h.archive_no = f.archive_no
                WHERE \(filterSQL) LIMIT \(limit))
            """, found.arguments + filterArguments
        )
    }

    /// One page of the archives found, in 档案编号 order, selecting `columns`. `common`: the
    /// text finds more archives than were counted, so walk the archives and test each.
    func page(columns: String, offset: Int, limit: Int, common: Bool) -> (sql: String, arguments: [String]) {
        let window = "ORDER BY h.archive_no LIMIT \(max(limit, 0)) OFFSET \(max(offset, 0))"
        if let found, !common {
            return (
                "SELECT \(columns) FROM households h WHERE h.archive_no IN (\(found.sql)) AND \(filterSQL) \(window)",
                found.arguments + filterArguments
            )
        }
        guard let rowMatch else {
            return ("SELECT \(columns) FROM households h WHERE \(filterSQL) \(window)", filterArguments)
        }
        return ("SELECT \(columns) FROM households h WHERE \(filterSQL) AND \(rowMatch.sql) \(window)", filterArguments + rowMatch.arguments)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
