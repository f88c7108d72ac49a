import BangfuCore
import GRDB

extension BangfuDatabase {
    /// What batch `id`'s project budget already carries and what the batch adds; nil when the
    /// batch has no project or no budget was known for it.
    public func projectBudgetUse(ofBatch id: Int64) throws -> ProjectBudgetUse? {
        try queue.read { db in try Self.projectBudgetUse(db, of: try Self.batch(db, id)) }
    }

    /// The project's other batches of the batch's year (by project name, as the forms count
    /// them): paid, and approved but not yet paid.
    static func projectBudgetUse(_ db: Database, of batch: BatchRecord) throws -> ProjectBudgetUse? {
        guard let project = batch.project, let budget = batch.projectBudget else { return nil }
        // Dates are stored as YYYY-MM-DD: the year is the first four characters.
        let year = String(batch.date.description.prefix(4))
        // A paid batch's cancelled transfers are money it no longer spends (their aid records
        // are gone too); only the latest transfer of an entry can be cancelled, so each counts once.
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(CASE WHEN b.status = 'paid' THEN b.total_fen END), 0) AS paid,
                       coalesce(sum(CASE WHEN b.status = 'approved' THEN b.total_fen END), 0) AS approved,
                       coalesce((SELECT sum(t.amount_fen) FROM batch_transfers t JOIN batches p ON p.id = t.batch_id
                                 WHERE p.project = ?1 AND substr(p.date, 1, 4) = ?2 AND p.id <> ?3 AND p.status = 'paid'
                                     AND t.state = 'cancelled'), 0) AS cancelled
                FROM batches b
                WHERE b.project = ?1 AND substr(b.date, 1, 4) = ?2 AND b.id <> ?3 AND b.status IN ('approved', 'paid')
                """,
            arguments: [project, year, batch.id])
        let cancelled: Int = row?["cancelled"] ?? 0
        return ProjectBudgetUse(
            project: project, budget: budget, paid: Money(fen: (row?["paid"] ?? 0) - cancelled), cancelled: Money(fen: cancelled),
            approved: Money(fen: row?["approved"] ?? 0), adding: batch.total)
    }
}
