import BangfuCore
import GRDB

/// One line of a 公示 list or a bank transfer list: an entry that will be (or was) paid,
/// with what the lists need from its archive or model-worker record.
public struct PayableEntry: Sendable, Equatable {
    public var name: String
    public var idNumber: IDNumber
    public var studentName: String?
    public var workUnit: String
    /// 困难类别 of the household, or 劳模 and the honour level.
    public var category: String
    public var amount: Money
    public var bankName: String
    public var bankAccount: String
    /// 所属工会 of the household; nil for a model worker's entry (spec §8 scope).
    public var union: String? = nil
    /// The entry's position in its batch.
    public var position: Int = 0
}

extension BangfuDatabase {
    /// The entries of batch `id` that are paid out — eligible, not excluded — in batch
    /// order, joined to the household (by 档案编号) or model worker (by 身份证号) they are for.
    public func payableEntries(ofBatch id: Int64) throws -> [PayableEntry] {
        try queue.read { db in
            _ = try Self.batch(db, id)
            return try Self.payableEntries(db, id)
        }
    }

    /// `payableEntries(ofBatch:)` inside the caller's transaction.
    static func payableEntries(_ db: Database, _ id: Int64) throws -> [PayableEntry] {
        let rows = try Row.fetchCursor(
            db, sql: """
                SELECT e.position, e.name, e.id_number, e.amount_fen, e.archive_no, s.name AS student_name,
                       h.work_unit AS h_work_unit, h.union_name AS h_union, h.category, h.bank_name AS h_bank_name, h.bank_account AS h_bank_account,
                       w.work_unit AS w_work_unit, w.level, w.bank_name AS w_bank_name, w.bank_account AS w_bank_account
                FROM batch_entries e
                LEFT JOIN households h ON h.archive_no = e.archive_no
                LEFT JOIN model_workers w ON e.archive_no IS NULL AND w.id_number = e.id_number
                LEFT JOIN members s ON s.archive_no = e.archive_no AND s.id_number = e.student_id_number
                WHERE e.batch_id = ? AND e.eligible = 1 AND e.excluded_reason IS NULL AND e.amount_fen > 0
                ORDER BY e.position
                """, arguments: [id])
        var entries: [PayableEntry] = []
        while let row = try rows.next() {
            let household = row["archive_no"] as String? != nil
            let category: String
            if household {
                category = (try row.vocabulary("category", as: HardshipCategory.self)).chineseName
            } else {
                let level: String? = row["level"]
                category = "劳模" + (level.flatMap(HonorLevel.init(rawValue:)).map { "（\($0.chineseName)）" } ?? "")
            }
            entries.append(PayableEntry(
                name: row.text("name"), idNumber: try row.idNumber("id_number"), studentName: row["student_name"],
                workUnit: row.text(household ? "h_work_unit" : "w_work_unit"), category: category, amount: row.money("amount_fen"),
                bankName: row.text(household ? "h_bank_name" : "w_bank_name"),
                bankAccount: row.text(household ? "h_bank_account" : "w_bank_account"), union: household ? row.text("h_union") : nil,
                position: row["position"]))
        }
        return entries
    }
}

extension BangfuDatabase {
    /// The batches with an entry of an archive of `union`, in one statement.
    public func batchIDs(withEntriesOf union: String) throws -> Set<Int64> {
        try queue.read { db in
            Set(try Int64.fetchAll(
                db, sql: """
                    SELECT DISTINCT e.batch_id FROM batch_entries e JOIN households h ON h.archive_no = e.archive_no
                    WHERE h.union_name = ?
                    """, arguments: [union]))
        }
    }

    /// What each batch with entries of `union`'s archives pays them: eligible entries not
    /// excluded (a union's account sees a batch only through its archives' entries, its total
    /// too: spec §8).
    /// `batch` limits it to that one batch (a batch page needs no other's total).
    public func unionTotals(of union: String, batch: Int64? = nil) throws -> [Int64: Money] {
        try queue.read { db in try Self.unionTotals(db, of: union, batch: batch) }
    }

    /// `unionTotals(of:batch:)` inside the caller's transaction.
    static func unionTotals(_ db: Database, of union: String, batch: Int64?) throws -> [Int64: Money] {
        var totals: [Int64: Money] = [:]
        var arguments: StatementArguments = [union]
        if let batch { arguments += [batch] }
        let rows = try Row.fetchCursor(
            db, sql: """
                SELECT e.batch_id, COALESCE(SUM(CASE WHEN e.excluded_reason IS NULL THEN e.amount_fen * e.eligible ELSE 0 END), 0)
                FROM batch_entries e JOIN households h ON h.archive_no = e.archive_no
                WHERE h.union_name = ?\(batch == nil ? "" : " AND e.batch_id = ?") GROUP BY e.batch_id
                """, arguments: arguments)
        while let row = try rows.next() { totals[row[0]] = Money(fen: row[1]) }
        return totals
    }
}
