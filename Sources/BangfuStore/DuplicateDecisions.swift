import BangfuCore
import GRDB

/// One aid record as the review queue puts it beside the others of a finding.
public struct AidRecordLine: Sendable, Equatable {
    public var id: Int64
    public var idNumber: String
    public var name: String
    public var kind: AidKind
    public var amount: Money
    public var paidOn: String
    public var payer: String
    /// The student of a 助学 record; empty for none.
    public var studentIDNumber: String
    public var batch: Int64?
}

/// A decision as it is kept (migration v10): the finding named by its digest, the people
/// for whoever reads the table.
public struct DecisionRecord: Sendable {
    public var findingID: String
    public var year: Int
    public var code: FindingCode
    public var idNumbers: [String]
    public var decision: FindingDecision

    public init(findingID: String, year: Int, code: FindingCode, idNumbers: [String], decision: FindingDecision) {
        self.findingID = findingID
        self.year = year
        self.code = code
        self.idNumbers = idNumbers
        self.decision = decision
    }
}

extension BangfuDatabase {
    /// This database's key for the digests that name findings (made by migration v10).
    public func findingKey() throws -> [UInt8] {
        try queue.read { db in Array((try String.fetchOne(db, sql: "SELECT key FROM duplicate_finding_key LIMIT 1") ?? "").utf8) }
    }

    /// The decisions about findings of `year`, oldest first, by finding: the last of each
    /// list is the one in force.
    public func duplicateDecisions(year: Int) throws -> [String: [FindingDecision]] {
        try queue.read { db in
            var decisions: [String: [FindingDecision]] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT finding_id, outcome, action, note, decided_by, decided_at FROM duplicate_decisions WHERE year = ? ORDER BY id",
                arguments: [year])
            for row in rows {
                let decision = FindingDecision(
                    outcome: FindingOutcome(rawValue: row["outcome"]) ?? .confirmed, action: (row["action"] as String?).flatMap(FindingAction.init(rawValue:)),
                    note: row["note"], by: row["decided_by"], at: row["decided_at"])
                decisions[row["finding_id"], default: []].append(decision)
            }
            return decisions
        }
    }

    /// Keeps `record` and its audit line, in one transaction. The line names the finding
    /// by its digest, as the pages do; the people are in the decision's row.
    public func recordDuplicateDecision(_ record: DecisionRecord) throws {
        let decision = record.decision
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO duplicate_decisions(finding_id, year, code, id_numbers, outcome, action, note, decided_by, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.findingID, record.year, record.code.rawValue, record.idNumbers.sorted().joined(separator: ","), decision.outcome.rawValue,
                    decision.action?.rawValue, decision.note, decision.by, decision.at,
                ])
            try Self.appendAudit(
                db, at: decision.at, actor: decision.by, action: .duplicateDecision, batch: nil, subject: record.findingID,
                detail: "\(record.year)年\(record.code.chineseName)（\(record.code.rawValue)）\(record.findingID)：\(decision.summary)"
                    + (decision.note.isEmpty ? "" : "：\(decision.note)"))
        }
    }

    /// The aid records of `ids`, by date.
    public func aidRecordLines(ids: [Int64]) throws -> [AidRecordLine] {
        guard !ids.isEmpty else { return [] }
        return try queue.read { db in
            let list = "(\(ids.map(String.init).joined(separator: ",")))"
            return try Row.fetchAll(
                db, sql: "SELECT id, id_number, name, kind, amount_fen, paid_on, payer, student_id_number, batch_id FROM aid_records WHERE id IN \(list) ORDER BY paid_on, id"
            ).map { row in
                AidRecordLine(
                    id: row["id"], idNumber: row["id_number"], name: row["name"], kind: AidKind(rawValue: row["kind"]) ?? .other,
                    amount: Money(fen: row["amount_fen"]), paidOn: row["paid_on"], payer: row["payer"], studentIDNumber: row["student_id_number"],
                    batch: row["batch_id"])
            }
        }
    }

    /// A number that grows whenever something the duplicate check reads may have changed:
    /// the last audit line of a change to archives, aid or batches (spec §8: every change
    /// is one). Views, sign-ins, exports and the decisions themselves do not count.
    public func duplicateInputsMark() throws -> Int64 {
        try queue.read { db in
            // Backwards from the last line: it stops at the first change, however long the trail.
            try Int64.fetchOne(db, sql: """
                SELECT id FROM audit WHERE action NOT IN ('archive view', 'sign in', 'sign in failed', 'sign out',
                    'batch export', 'duplicate decide', 'account add', 'account password', 'account disable', 'account enable')
                ORDER BY id DESC LIMIT 1
                """) ?? 0
        }
    }

    /// Whether any aid was paid in `year` (by index).
    public func hasAid(inYear year: Int) throws -> Bool {
        try queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM aid_records WHERE paid_on BETWEEN ? AND ?)", arguments: ["\(year)-01-01", "\(year)-12-31"]) ?? false
        }
    }

    /// The year of the latest aid paid, nil for none (by index).
    public func latestAidYear() throws -> Int? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT max(paid_on) FROM aid_records").flatMap { Int($0.prefix(4)) } }
    }

    /// The union aid records paid in `year` to people of `union`'s archives (heads and
    /// members): the rate's denominator for an account of that union, which may not count
    /// the city's records (spec §8: counts too answer only for its scope).
    public func unionAidRecordCount(year: Int, union: String) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(
                db, sql: """
                    SELECT count(*) FROM aid_records WHERE paid_on BETWEEN ? AND ? AND payer = '工会' AND id_number IN (
                        SELECT head_id_number FROM households WHERE union_name = ?
                        UNION SELECT m.id_number FROM members m JOIN households h ON h.archive_no = m.archive_no WHERE h.union_name = ?)
                    """, arguments: ["\(year)-01-01", "\(year)-12-31", union, union]) ?? 0
        }
    }
}
