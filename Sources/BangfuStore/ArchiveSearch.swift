import BangfuCore
import Foundation
import GRDB

extension BangfuDatabase {
    /// The archives `query` finds, in 档案编号 order, one page of them with their members in
    /// file order, and how many it finds in all (counted up to `query.countLimit`).
    public func searchArchives(_ query: ArchiveQuery) throws -> ArchiveSearchResult {
        try queue.read { db in
            let search = ArchiveSearchSQL(query)
            let count = search.count(limit: max(query.countLimit, 0) + 1)
            let counted = try Int.fetchOne(db, sql: count.sql, arguments: StatementArguments(count.arguments)) ?? 0
            let isCapped = counted > query.countLimit
            // The page in two statements, whatever its size: its archives, then all their members.
            let pageSQL = search.page(columns: FastCursor.householdColumns, offset: query.offset, limit: query.limit, common: isCapped)
            let households = try FastCursor(db, sql: pageSQL.sql, arguments: pageSQL.arguments)
            var page: [(Household, [Member])] = []
            while try households.next() { page.append((try households.household(), [])) }
            if !page.isEmpty {
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
            }
            return ArchiveSearchResult(total: min(counted, query.countLimit), totalIsCapped: isCapped, page: page)
        }
    }

    /// The archive `number` with its members, or nil.
    public func archive(_ number: ArchiveNumber) throws -> (household: Household, members: [Member], union: String)? {
        try queue.read { db in
            guard let found = try Self.archive(db, number) else { return nil }
            return (found.0, found.1, found.0.unionName)
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
