import BangfuCore
import Foundation
import GRDB

/// The rows spec §5's duplicate-aid check reads, as queries: the archives, the model
/// workers and the year's aid streamed once, in table order, into `DuplicateScan`; then
/// look-ups by id and indexed 身份证号 for the few cases found. The check itself (which
/// cases, their texts) is `DuplicateChecks`'.
public protocol DuplicateInputs {
    /// Feeds the archives, members, model workers (with the bank accounts) and the year's
    /// aid into `scan`, in that order.
    func feed(_ scan: inout DuplicateScan) throws
    /// One person (or student) twice among the eligible, not excluded entries of one batch
    /// of the year.
    func sameBatchGroups() throws -> [SameBatchGroup]
    /// The aid records of `ids`, by date.
    func paidAid(ids: [Int64]) throws -> [PaidAid]
    /// The accounts of `candidates` that more than one person holds, with their holders.
    func sharedAccounts(among candidates: [String]) throws -> [SharedAccount]
    /// Where each of `numbers` was seen with which name: heads, members, model workers, then
    /// the year's aid, each in table order.
    func sightings(of numbers: [String]) throws -> [String: [(name: String, place: String)]]
}

/// A person twice in one batch: the batch, the person (the student for 助学) and the entries.
public struct SameBatchGroup: Sendable {
    public var batch: Int64
    public var batchName: String
    public var person: String
    public var studentName: String?
    public var entries: [SameBatchEntry]
    /// The aid records the batch's payment wrote for the person.
    public var aidRecordIDs: [Int64]
}

/// A bank account of several people, with each holder's name, place and 身份证号.
public struct SharedAccount: Sendable {
    public var account: String
    public var people: [String]
    public var holders: [(name: String, place: String, idNumber: String)]
}

extension BangfuDatabase {
    /// Runs `body` over the duplicate check's inputs of `year`, in one read: every query
    /// sees the same state of the file.
    public func readDuplicateInputs<T>(year: Int, _ body: (any DuplicateInputs) throws -> T) throws -> T {
        // The GROUP BYs sort in temporary tables: in memory that is twice as fast as in files.
        // (A memory map of the file saved 0.3 s of 10 s, but its pages count as the
        // process's memory: 2.5 GB instead of 0.5.) The setting cannot change inside a
        // transaction: set on the connection, then one read transaction.
        try queue.unsafeRead { db in
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
            return try db.inReadTransaction { try body(SQLiteDuplicateInputs(db: db, range: ["\(year)-01-01", "\(year)-12-31"])) }
        }
    }
}

/// The queries of `DuplicateInputs` on one SQLite connection, inside one read transaction.
private struct SQLiteDuplicateInputs: DuplicateInputs {
    let db: Database
    /// The year's first and last day, as stored dates.
    let range: [String]

    /// Streams the records into the scan in the order it needs them: archives, members,
    /// model workers, then the year's aid.
    func feed(_ scan: inout DuplicateScan) throws {
        let households = try FastCursor(db, sql: "SELECT archive_no, category, head_id_number, head_name, bank_account FROM households")
        while try households.next() {
            scan.addArchive(
                number: households.text(0), category: HardshipCategory(rawValue: households.text(1)) ?? .relative,
                head: households.idNumber(2), headName: households.text(3))
            scan.addAccount(households.bytes(4), holder: households.idNumber(2))
        }
        let members = try FastCursor(db, sql: "SELECT archive_no, id_number, name, school_stage FROM members")
        while try members.next() {
            scan.addMember(
                archive: members.text(0), person: members.idNumber(1), name: members.text(2),
                stage: SchoolStage(rawValue: members.text(3)) ?? .none)
        }
        let workers = try FastCursor(db, sql: "SELECT id_number, name, bank_account FROM model_workers")
        while try workers.next() {
            scan.addModelWorker(person: workers.idNumber(0), name: workers.text(1))
            scan.addAccount(workers.bytes(2), holder: workers.idNumber(0))
        }
        let aid = try FastCursor(
            db, sql: "SELECT id, id_number, name, student_id_number, kind, payer = '工会', amount_fen FROM aid_records WHERE paid_on BETWEEN ? AND ?",
            arguments: range)
        while try aid.next() {
            try scan.addAid(
                id: Int64(aid.int(0)), person: aid.idNumber(1), name: aid.text(2), student: aid.idNumber(3),
                kind: Self.aidKind(aid.bytes(4)), byUnion: aid.int(5) == 1, amount: Money(fen: aid.int(6)))
        }
    }

    private static let aidKinds = AidKind.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// The kind stored in a row, matched on its bytes: no `String` for each of millions.
    private static func aidKind(_ bytes: UnsafeBufferPointer<UInt8>) -> AidKind {
        aidKinds.first { $0.1.elementsEqual(bytes) }?.0 ?? .other
    }

    func sameBatchGroups() throws -> [SameBatchGroup] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.batch_id, b.name AS batch_name, coalesce(e.student_id_number, e.id_number) AS person,
                   max(s.name) AS student_name,
                   group_concat(e.position || char(31) || e.name || char(31) || e.amount_fen || char(31) || coalesce(e.archive_no, ''), char(30)) AS entries
            FROM batch_entries e JOIN batches b ON b.id = e.batch_id
            LEFT JOIN members s ON e.student_id_number IS NOT NULL AND s.archive_no = e.archive_no AND s.id_number = e.student_id_number
            WHERE b.date BETWEEN ? AND ? AND e.eligible = 1 AND e.excluded_reason IS NULL
            GROUP BY e.batch_id, person HAVING count(*) > 1
            """, arguments: StatementArguments(range))
        return try rows.map { row in
            let person: String = row["person"]
            let batch: Int64 = row["batch_id"]
            let records = try Int64.fetchAll(
                db, sql: "SELECT id FROM aid_records WHERE batch_id = ? AND (CASE WHEN student_id_number <> '' THEN student_id_number ELSE id_number END) = ?",
                arguments: [batch, person])
            return SameBatchGroup(
                batch: batch, batchName: row["batch_name"], person: person, studentName: row["student_name"],
                entries: Self.packed(row["entries"]).map {
                    SameBatchEntry(position: Int($0[0]) ?? 0, name: $0[1], amount: Money(fen: Int($0[2]) ?? 0), archive: $0[3])
                },
                aidRecordIDs: records)
        }
    }

    func paidAid(ids: [Int64]) throws -> [PaidAid] {
        guard !ids.isEmpty else { return [] }
        // One statement for every finding: compiling one per finding cost more than the check
        // when a year had hundreds of thousands.
        let statement = try db.cachedStatement(sql: """
            SELECT id, paid_on, amount_fen, name, batch_id, payer, id_number FROM aid_records
            WHERE id IN (SELECT value FROM json_each(?)) ORDER BY paid_on, id
            """)
        return try Row.fetchAll(statement, arguments: [try Self.jsonArray(ids)]).map { row in
            PaidAid(
                id: row["id"], paidOn: row["paid_on"], amount: Money(fen: row["amount_fen"]), name: row["name"], batch: row["batch_id"],
                payer: row["payer"], idNumber: row["id_number"])
        }
    }

    /// The holders of the candidate accounts, counted again exactly.
    func sharedAccounts(among candidates: [String]) throws -> [SharedAccount] {
        guard !candidates.isEmpty else { return [] }
        let accounts = "(SELECT value FROM json_each(?))"
        let rows = try Row.fetchAll(db, sql: """
            WITH accounts AS (
                SELECT bank_account, head_id_number AS id_number, head_name AS name, '档案' || archive_no AS place FROM households
                    WHERE bank_account IN \(accounts)
                UNION ALL SELECT bank_account, id_number, name, '劳模' FROM model_workers WHERE bank_account IN \(accounts)
            )
            SELECT bank_account, group_concat(DISTINCT id_number) AS people, group_concat(name || char(31) || place || char(31) || id_number, char(30)) AS holders
            FROM accounts GROUP BY bank_account HAVING count(DISTINCT id_number) > 1
            """, arguments: [try Self.jsonArray(candidates), try Self.jsonArray(candidates)])
        return rows.map { row in
            SharedAccount(
                account: row["bank_account"], people: (row["people"] as String).split(separator: ",").map(String.init).sorted(),
                holders: Self.packed(row["holders"]).map { ($0[0], $0[1], $0[2]) })
        }
    }

    func sightings(of numbers: [String]) throws -> [String: [(name: String, place: String)]] {
        guard !numbers.isEmpty else { return [:] }
        let list = "(SELECT value FROM json_each(?))"
        let rows = try Row.fetchAll(db, sql: """
            SELECT head_id_number AS id_number, head_name AS name, '户主 档案' || archive_no AS place FROM households WHERE head_id_number IN \(list)
            UNION ALL SELECT id_number, name, '成员 档案' || archive_no FROM members WHERE id_number IN \(list)
            UNION ALL SELECT id_number, name, '劳模名册' FROM model_workers WHERE id_number IN \(list)
            UNION ALL SELECT id_number, name, '救助记录 ' || paid_on || ' ' || payer FROM aid_records WHERE id_number IN \(list) AND paid_on BETWEEN ? AND ?
            """, arguments: StatementArguments(Array(repeating: try Self.jsonArray(numbers), count: 4) + range))
        var seen: [String: [(name: String, place: String)]] = [:]
        for row in rows { seen[row["id_number"], default: []].append((row["name"], row["place"])) }
        return seen
    }

    /// A JSON array, for `json_each`: one bound value however many there are.
    private static func jsonArray(_ values: [some Encodable]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    /// Splits a `group_concat` of records (U+001E) of fields (U+001F).
    private static func packed(_ text: String?) -> [[String]] {
        (text ?? "").split(separator: "\u{1E}").map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
    }
}

extension Database {
    /// Runs `body` in a deferred transaction, which only reads: one snapshot of the file
    /// for all of `body`'s statements.
    func inReadTransaction<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try inTransaction(.deferred) {
            result = try body()
            return .commit
        }
        guard let result else { preconditionFailure("a committed transaction ran its body") }
        return result
    }
}
