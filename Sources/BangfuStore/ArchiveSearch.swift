import BangfuCore
import Foundation
import GRDB

/// What an archive search asks for (spec §9 `GET /households`): a text that is a 档案编号,
/// a 身份证号 or part of a name; a status; one grassroots union (an account's scope); a page.
public struct ArchiveQuery: Sendable {
    public var text: String?
    public var status: ArchiveStatus?
    /// Only archives of this 所属工会; nil: the whole city.
    public var union: String?
    public var offset: Int
    public var limit: Int

    public init(text: String? = nil, status: ArchiveStatus? = nil, union: String? = nil, offset: Int = 0, limit: Int = 50) {
        self.text = text
        self.status = status
        self.union = union
        self.offset = offset
        self.limit = limit
    }
}

extension BangfuDatabase {
    /// The archives `query` finds, in 档案编号 order, one page of them with their members in
    /// file order, and how many it finds in all.
    public func searchArchives(_ query: ArchiveQuery) throws -> (total: Int, page: [(Household, [Member])]) {
        try queue.read { db in
            let (condition, arguments) = Self.condition(query)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM households h WHERE \(condition)", arguments: StatementArguments(arguments)) ?? 0
            // The page in two statements, whatever its size: its archives, then all their members.
            let households = try FastCursor(
                db, sql: """
                    SELECT \(FastCursor.householdColumns) FROM households h WHERE \(condition) ORDER BY h.archive_no
                    LIMIT \(max(query.limit, 0)) OFFSET \(max(query.offset, 0))
                    """, arguments: arguments)
            var page: [(Household, [Member])] = []
            while try households.next() { page.append((try households.household(), [])) }
            guard !page.isEmpty else { return (total, []) }
            let numbers = String(decoding: try JSONEncoder().encode(page.map(\.0.archiveNumber.value)), as: UTF8.self)
            let members = try FastCursor(
                db, sql: """
                    SELECT \(FastCursor.memberColumns) FROM members WHERE archive_no IN (SELECT value FROM json_each(?))
                    ORDER BY archive_no, import_stamp, import_row, id_number
                    """, arguments: [numbers])
            let index = Dictionary(uniqueKeysWithValues: page.enumerated().map { ($1.0.archiveNumber, $0) })
            while try members.next() {
                let member = try members.member()
                if let at = index[member.archiveNumber] { page[at].1.append(member) }
            }
            return (total, page)
        }
    }

    /// The archive `number` with its members, or nil.
    public func archive(_ number: ArchiveNumber) throws -> (household: Household, members: [Member], union: String)? {
        try queue.read { db in
            guard let found = try Self.archive(db, number) else { return nil }
            let union = try String.fetchOne(db, sql: "SELECT union_name FROM households WHERE archive_no = ?", arguments: [number.value]) ?? ""
            return (found.0, found.1, union)
        }
    }

    static func archive(_ db: Database, _ number: ArchiveNumber) throws -> (Household, [Member])? {
        let households = try FastCursor(db, sql: "SELECT \(FastCursor.householdColumns) FROM households WHERE archive_no = ?", arguments: [number.value])
        guard try households.next() else { return nil }
        let household = try households.household()
        let members = try FastCursor(
            db, sql: "SELECT \(FastCursor.memberColumns) FROM members WHERE archive_no = ? ORDER BY import_stamp, import_row, id_number",
            arguments: [number.value])
        var list: [Member] = []
        while try members.next() { list.append(try members.member()) }
        return (household, list)
    }

    /// The WHERE clause of `query` over `households h`, and its arguments. A name is matched
    /// as a part (`LIKE`, escaped); numbers exactly.
    private static func condition(_ query: ArchiveQuery) -> (String, [String]) {
        var conditions = ["1"]
        var arguments: [String] = []
        if let union = query.union {
            conditions.append("h.union_name = ?")
            arguments.append(union)
        }
        if let status = query.status {
            conditions.append("h.status = ?")
            arguments.append(status.rawValue)
        }
        if let text = query.text?.trimmed, !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            conditions.append("""
                (h.archive_no = ? OR h.head_id_number = upper(?) OR h.head_name LIKE ? ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM members m WHERE m.archive_no = h.archive_no AND (m.id_number = upper(?) OR m.name LIKE ? ESCAPE '\\')))
                """)
            arguments += [text, text, pattern, text, pattern]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }
}

extension BangfuDatabase {
    /// The 所属工会 of the archives each of `idNumbers` belongs to (as head or member).
    public func unions(ofPeople idNumbers: [String]) throws -> [String: Set<String>] {
        guard !idNumbers.isEmpty else { return [:] }
        return try queue.read { db in
            let list = String(decoding: try JSONEncoder().encode(idNumbers), as: UTF8.self)
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT m.id_number, h.union_name FROM members m JOIN households h ON h.archive_no = m.archive_no
                    WHERE m.id_number IN (SELECT value FROM json_each(?))
                    UNION SELECT head_id_number, union_name FROM households WHERE head_id_number IN (SELECT value FROM json_each(?))
                    """, arguments: [list, list])
            var unions: [String: Set<String>] = [:]
            for row in rows { unions[row[0], default: []].insert(row[1]) }
            return unions
        }
    }
}
