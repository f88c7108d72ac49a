import BangfuCore
import GRDB

/// The approval path of a batch (002:1691–1718): review, approval, payment, and a
/// reviewer's exclusions. Each step checks `BatchWorkflow`, changes the batch and writes its
/// audit line in one transaction.
extension BangfuDatabase {
    /// 初审 or 复审 by `person`.
    public func review(batch id: Int64, stage: Policy.ReviewStage, by person: String, at: String) throws -> BatchStatus {
        try step(id) { db, batch in
            let status = try BatchWorkflow.review(stage, by: person, batch.progress)
            let column = stage == .first ? "first_reviewed" : "second_reviewed"
            try db.execute(
                sql: "UPDATE batches SET status = ?, \(column)_by = ?, \(column)_at = ? WHERE id = ?",
                arguments: [status.rawValue, person, at, id])
            try Self.appendAudit(db, at: at, actor: person, action: .batchReview(stage), batch: id, detail: "\(batch.status.rawValue) → \(status.rawValue)")
            return status
        }
    }

    /// Approval by `person`: the entries are frozen from here on.
    public func approve(batch id: Int64, by person: String, at: String) throws -> BatchStatus {
        try step(id) { db, batch in
            // Read in the approval's write transaction: two batches approved at once see
            // each other, so the second one cannot pass the budget the first one took.
            var progress = batch.progress
            progress.projectBudget = try Self.projectBudgetUse(db, of: batch)
            let status = try BatchWorkflow.approve(by: person, progress)
            try db.execute(
                sql: "UPDATE batches SET status = ?, approved_by = ?, approved_at = ? WHERE id = ?",
                arguments: [status.rawValue, person, at, id])
            try Self.appendAudit(
                db, at: at, actor: person, action: .batchApprove, batch: id,
                detail: "\(batch.status.rawValue) → \(status.rawValue), total \(batch.total.yuanText)")
            return status
        }
    }

    /// Takes the entries of `idNumber` (recipient or student) out of the batch, with the reason.
    /// Returns how many entries were excluded.
    public func exclude(batch id: Int64, idNumber: IDNumber, reason: String, by person: String, at: String) throws -> Int {
        try step(id) { db, batch in
            try BatchWorkflow.exclude(batch.progress)
            let match = "batch_id = ? AND (id_number = ? OR student_id_number = ?) AND excluded_reason IS NULL"
            let arguments: StatementArguments = [id, idNumber.value, idNumber.value]
            let amount = try Int.fetchOne(db, sql: "SELECT coalesce(sum(amount_fen * eligible), 0) FROM batch_entries WHERE \(match)", arguments: arguments) ?? 0
            try db.execute(
                sql: "UPDATE batch_entries SET excluded_reason = ?, excluded_by = ?, excluded_at = ? WHERE \(match)",
                arguments: [reason, person, at] + arguments)
            let count = db.changesCount
            guard count > 0 else { throw BatchStoreError.noSuchEntry(batch: id, idNumber: idNumber.value) }
            try db.execute(sql: "UPDATE batches SET total_fen = total_fen - ? WHERE id = ?", arguments: [amount, id])
            try Self.appendAudit(
                db, at: at, actor: person, action: .batchExclude, batch: id, subject: idNumber.value,
                detail: "\(count) entries, \(Money(fen: amount).yuanText) yuan: \(reason)")
            return count
        }
    }

    /// Pays an approved batch once: its eligible, not excluded entries become aid records
    /// (发放单位 工会, dated `paidOn`, tagged with the batch and the entry) that later batches,
    /// duplicate checks and indicators count, and its bank list is kept as paid. The bank's
    /// return file later dates each record by the transfer, or removes it when the transfer
    /// failed (`recordReturn`). All in one transaction: a crash leaves the batch either
    /// paid with every record or approved with none. `afterRecords` runs between writing the
    /// records and marking the batch paid (a test stops the process there).
    public func pay(
        batch id: Int64, on paidOn: CalendarDate, by person: String?, actor: String, at: String, afterRecords: () -> Void = {}
    ) throws -> (records: Int, total: Money) {
        try step(id) { db, batch in
            let status = try BatchWorkflow.pay(by: person, batch.progress)
            guard paidOn >= batch.date else { throw BatchStoreError.paymentBeforeBatchDate(batch: id, paidOn: paidOn, date: batch.date) }
            let before = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM aid_records") ?? 0
            try db.execute(
                sql: """
                    INSERT INTO aid_records(id_number, name, kind, amount_fen, paid_on, payer, student_id_number, batch_id, batch_position)
                    SELECT id_number, name, ?, amount_fen, ?, ?, coalesce(student_id_number, ''), batch_id, position
                    FROM batch_entries WHERE batch_id = ? AND eligible = 1 AND excluded_reason IS NULL AND amount_fen > 0
                    ORDER BY position
                    """,
                arguments: [batch.kind.aidKind.rawValue, paidOn.description, Payer.union.description, id])
            let records = db.changesCount
            // The bank list as paid: the return file is matched against it (issue 19).
            try Self.insertTransfers(db, batch: id, round: 0, try BankTransfer.grouping(try Self.payableEntries(db, id)))
            let total = Money(fen: try Int.fetchOne(db, sql: "SELECT coalesce(sum(amount_fen), 0) FROM aid_records WHERE batch_id = ?", arguments: [id]) ?? 0)
            afterRecords()
            try db.execute(
                sql: "UPDATE batches SET status = ?, paid_on = ?, paid_by = ?, paid_at = ? WHERE id = ?",
                arguments: [status.rawValue, paidOn.description, person, at, id])
            let subject = records == 0 ? "" : "aid_records \(before + 1)–\(before + Int64(records))"
            try Self.appendAudit(
                db, at: at, actor: person ?? actor, action: .batchPay, batch: id, subject: subject,
                detail: "paid on \(paidOn): \(records) aid records, total \(total.yuanText)")
            return (records, total)
        }
    }

    /// Runs one workflow step in a write transaction, turning a refusal into a store error
    /// that names the batch.
    private func step<T>(_ id: Int64, _ body: (Database, BatchRecord) throws -> T) throws -> T {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            do { return try body(db, batch) } catch let refusal as WorkflowRefusal { throw BatchStoreError.refused(batch: id, refusal) }
        }
    }
}
