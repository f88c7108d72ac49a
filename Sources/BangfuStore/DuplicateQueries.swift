import BangfuCore
import Foundation
import GRDB

/// spec §5's duplicate-aid check: the archives, the model workers and the year's aid are
/// read once, in table order, into `DuplicateScan`, which finds the cases in memory; the
/// texts of the few found are then built from look-ups by id and indexed 身份证号.
/// same_batch stays one GROUP BY over the year's batch entries, small beside the aid.
extension BangfuDatabase {
    public func duplicateReport(year: Int, limits: AnnualLimits?) throws -> DuplicateReport {
        let range = ["\(year)-01-01", "\(year)-12-31"]
        // The GROUP BYs sort in temporary tables: in memory that is twice as fast as in files.
        // (A memory map of the file saved 0.3 s of 10 s, but its pages count as the
        // process's memory: 2.5 GB instead of 0.5.)
        // The setting cannot change inside a transaction: set on the connection, then one
        // read transaction for a consistent view of the year.
        return try queue.unsafeRead { db in
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
            return try db.inReadTransaction {
                var scan = DuplicateScan()
                try Self.feed(&scan, db, range)
                let found = scan.finish(limits: limits)
                var findings = try Self.sameBatch(db, range)
                if let limits { findings += try Self.overAnnualLimit(db, found, limits) }
                findings += try Self.twoHouseholds(found)
                findings += try Self.crossAgency(db, found)
                findings += try Self.sharedAccount(db, found.sharedAccountCandidates)
                findings += try Self.idNameMismatch(db, range, found.misnamed)
                return DuplicateReport(year: year, findings: findings, unionAidRecords: found.unionRecords, limitsChecked: limits != nil)
            }
        }
    }

    /// Streams the records into the scan in the order it needs them: archives, members,
    /// model workers, then the year's aid.
    private static func feed(_ scan: inout DuplicateScan, _ db: Database, _ range: [String]) throws {
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
                kind: aidKind(aid.bytes(4)), byUnion: aid.int(5) == 1, amount: Money(fen: aid.int(6)))
        }
    }

    private static let aidKinds = AidKind.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// The kind stored in a row, matched on its bytes: no `String` for each of millions.
    private static func aidKind(_ bytes: UnsafeBufferPointer<UInt8>) -> AidKind {
        aidKinds.first { $0.1.elementsEqual(bytes) }?.0 ?? .other
    }

    // MARK: - same_batch

    private static func sameBatch(_ db: Database, _ range: [String]) throws -> [DuplicateFinding] {
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
            let entries = packed(row["entries"]).map { SameBatchEntry(position: Int($0[0]) ?? 0, name: $0[1], amount: Money(fen: Int($0[2]) ?? 0), archive: $0[3]) }
            let records = try Int64.fetchAll(
                db, sql: "SELECT id FROM aid_records WHERE batch_id = ? AND (CASE WHEN student_id_number <> '' THEN student_id_number ELSE id_number END) = ?",
                arguments: [batch, person])
            return DuplicateFinding(
                code: .sameBatch, idNumbers: [person],
                detail: FindingText.sameBatch(batch: batch, batchName: row["batch_name"], person: person, student: row["student_name"], entries: entries),
                aidRecordIDs: records)
        }
    }

    // MARK: - over_annual_limit

    private static func overAnnualLimit(_ db: Database, _ found: DuplicateScan.Found, _ limits: AnnualLimits) throws -> [DuplicateFinding] {
        let households = try found.householdsOverLimit.map { household in
            let aid = try paidAid(db, ids: household.aidRecordIDs)
            return DuplicateFinding(
                code: .overAnnualLimit, idNumbers: Set(aid.map(\.idNumber)).sorted(),
                detail: FindingText.householdOverLimit(
                    archive: household.archive, head: household.headName, category: household.category, kind: household.kind,
                    year: limits.year, total: household.total, limit: household.limit, dibao: limits.dibao, aid: aid),
                aidRecordIDs: household.aidRecordIDs)
        }
        let students = try found.studentsOverLimit.map { student in
            let aid = try paidAid(db, ids: student.aidRecordIDs)
            return DuplicateFinding(
                code: .overAnnualLimit, idNumbers: [student.student],
                detail: FindingText.studentOverLimit(
                    student: student.name, studentID: student.student, archive: student.archive, stage: student.stage,
                    year: limits.year, total: student.total, limit: student.limit, aid: aid),
                aidRecordIDs: student.aidRecordIDs)
        }
        let workers = try found.workersOverLimit.map { worker in
            let aid = try paidAid(db, ids: worker.aidRecordIDs)
            return DuplicateFinding(
                code: .overAnnualLimit, idNumbers: [worker.person],
                detail: FindingText.modelWorkerOverLimit(idNumber: worker.person, year: limits.year, total: worker.total, limit: worker.limit, aid: aid),
                aidRecordIDs: worker.aidRecordIDs)
        }
        return households + students + workers
    }

    // MARK: - two_households

    private static func twoHouseholds(_ found: DuplicateScan.Found) throws -> [DuplicateFinding] {
        found.twoHouseholds.map { person in
            DuplicateFinding(
                code: .twoHouseholds, idNumbers: [person.person],
                detail: FindingText.twoHouseholds(person: person.person, places: person.places), aidRecordIDs: person.aidRecordIDs)
        }
    }

    // MARK: - cross_agency

    private static func crossAgency(_ db: Database, _ found: DuplicateScan.Found) throws -> [DuplicateFinding] {
        try found.crossAgency.map { group in
            let aid = try paidAid(db, ids: group.aidRecordIDs)
            return DuplicateFinding(
                code: .crossAgency, idNumbers: group.people,
                detail: FindingText.crossAgency(kind: group.kind, target: group.target, targetName: group.targetName, aid: aid),
                aidRecordIDs: aid.filter { $0.payer == "工会" }.map(\.id))
        }
    }

    // MARK: - shared_account

    /// The holders of the candidate accounts, counted again exactly.
    private static func sharedAccount(_ db: Database, _ candidates: [String]) throws -> [DuplicateFinding] {
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
            """, arguments: [try jsonArray(candidates), try jsonArray(candidates)])
        return rows.map { row in
            DuplicateFinding(
                code: .sharedAccount, idNumbers: (row["people"] as String).split(separator: ",").map(String.init).sorted(),
                detail: FindingText.sharedAccount(account: row["bank_account"], holders: packed(row["holders"]).map { ($0[0], $0[1], $0[2]) }))
        }
    }

    // MARK: - id_name_mismatch

    /// Where each misnamed number was seen: heads, members, model workers, then the year's
    /// aid, each in table order.
    private static func idNameMismatch(_ db: Database, _ range: [String], _ misnamed: [String]) throws -> [DuplicateFinding] {
        guard !misnamed.isEmpty else { return [] }
        let numbers = "(SELECT value FROM json_each(?))"
        let rows = try Row.fetchAll(db, sql: """
            SELECT head_id_number AS id_number, head_name AS name, '户主 档案' || archive_no AS place FROM households WHERE head_id_number IN \(numbers)
            UNION ALL SELECT id_number, name, '成员 档案' || archive_no FROM members WHERE id_number IN \(numbers)
            UNION ALL SELECT id_number, name, '劳模名册' FROM model_workers WHERE id_number IN \(numbers)
            UNION ALL SELECT id_number, name, '救助记录 ' || paid_on || ' ' || payer FROM aid_records WHERE id_number IN \(numbers) AND paid_on BETWEEN ? AND ?
            """, arguments: StatementArguments(Array(repeating: try jsonArray(misnamed), count: 4) + range))
        var seen: [String: [(name: String, place: String)]] = [:]
        for row in rows { seen[row["id_number"], default: []].append((row["name"], row["place"])) }
        return misnamed.map { number in
            DuplicateFinding(code: .idNameMismatch, idNumbers: [number], detail: FindingText.idNameMismatch(idNumber: number, seen: seen[number] ?? []))
        }
    }

    /// A JSON array, for `json_each`: one bound value however many there are.
    private static func jsonArray(_ values: [some Encodable]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    /// The aid records of the given ids, by date.
    private static func paidAid(_ db: Database, ids: [Int64]) throws -> [PaidAid] {
        guard !ids.isEmpty else { return [] }
        // One statement for every finding: compiling one per finding cost more than the check
        // when a year had hundreds of thousands.
        let statement = try db.cachedStatement(sql: """
            SELECT id, paid_on, amount_fen, name, batch_id, payer, id_number FROM aid_records
            WHERE id IN (SELECT value FROM json_each(?)) ORDER BY paid_on, id
            """)
        return try Row.fetchAll(statement, arguments: [try jsonArray(ids)]).map { row in
            PaidAid(
                id: row["id"], paidOn: row["paid_on"], amount: Money(fen: row["amount_fen"]), name: row["name"], batch: row["batch_id"],
                payer: row["payer"], idNumber: row["id_number"])
        }
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
