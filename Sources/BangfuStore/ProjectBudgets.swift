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
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(CASE WHEN status = 'paid' THEN total_fen END), 0) AS paid,
                       coalesce(sum(CASE WHEN status = 'approved' THEN total_fen END), 0) AS approved
                FROM batches
                WHERE project = ? AND substr(date, 1, 4) = ? AND id <> ? AND status IN ('approved', 'paid')
                """,
            arguments: [project, year, batch.id])
        return ProjectBudgetUse(
            project: project, budget: budget, paid: Money(fen: row?["paid"] ?? 0), approved: Money(fen: row?["approved"] ?? 0), adding: batch.total)
    }
}
