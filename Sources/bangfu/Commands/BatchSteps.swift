import BangfuCore
import BangfuExport
import BangfuPolicyFiles
import BangfuStore
import Foundation

/// The batch steps that read files or combine modules, shared by the `batch` commands and
/// `bangfu demo`.
enum BatchSteps {
    /// Creates a draft batch with the policy file's text copied into it.
    static func create(
        _ store: BangfuDatabase, kind: BatchKind, policy path: String, date: CalendarDate, name: String, project: String?, budget: Money?,
        actor: String
    ) throws -> Int64 {
        // Read as `policy check` reads it: a file of any size (`/dev/zero`) is refused at 1 MiB.
        let text = try PolicyFile.text(atPath: path)
        let policy = try PolicyFile.parse(text, file: path)
        guard !name.trimmed.isEmpty else { throw CommandError("批次名称不能为空", english: "--name must not be empty") }
        // A batch nothing can be computed for is refused now, by the calculator's own checks
        // (a 低保 in force on the date; the model workers' standard line in force), and the
        // 低保 it will use is known from the start.
        let calculator: BatchCalculator
        do { calculator = try BatchCalculator(kind: kind, date: date, policy: policy, earlier: EarlierAid()) } catch {
            throw CommandError("\(error.chinese)，不能建立该日期的批次", english: "\(error.english); the batch cannot be created")
        }
        return try store.createBatch(
            NewBatch(
                name: name, kind: kind, date: date, project: project, budget: budget, policyID: policy.id, policyPath: path,
                policyText: text, requiredReviews: policy.reviews, dibaoMonthly: calculator.dibao),
            actor: actor, at: timestampNow())
    }

    /// Selects, computes and records the entries with the batch's own policy and the year's
    /// earlier union aid; returns what was written and the 低保 used.
    static func compute(_ store: BangfuDatabase, batch id: Int64, actor: String) throws -> (computation: BatchComputation, dibao: Money) {
        let batch = try store.batch(id)
        // Refuse a frozen batch before the year's aid is read, not after.
        do { _ = try BatchWorkflow.compute(batch.progress) } catch { throw BatchStoreError.refused(batch: id, error) }
        let policy = try PolicyFile.parse(batch.policyText, file: batch.policyPath)
        let calculator = try BatchCalculator(kind: batch.kind, date: batch.date, policy: policy, earlier: try store.earlierUnionAid(year: batch.date.year))
        return (try store.recompute(batch: id, with: calculator, actor: actor, at: timestampNow()), calculator.dibao)
    }

    /// Writes the 公示 list; returns its row count.
    static func exportNotice(_ store: BangfuDatabase, batch id: Int64, to path: String, from start: CalendarDate, days: Int, actor: String) throws -> Int {
        let batch = try store.batch(id)
        guard batch.status != .draft else {
            throw CommandError("批次 \(id) 尚未计算，没有可导出的名单", english: "batch \(id) is not computed yet")
        }
        let sheet = PaymentLists.notice(batch, try store.payableEntries(ofBatch: id), from: start, days: days)
        try write(sheet, to: path, store: store, batch: id, what: "notice", actor: actor)
        return sheet.rows.count
    }

    /// Writes the bank transfer list of an approved or paid batch; returns its row count.
    static func exportBank(_ store: BangfuDatabase, batch id: Int64, to path: String, actor: String) throws -> Int {
        let batch = try store.batch(id)
        guard batch.status == .approved || batch.status == .paid else {
            throw CommandError(
                "批次 \(id) 状态为「\(batch.status.chineseName)」，审批后才能导出银行发放清单",
                english: "batch \(id) is \(batch.status.rawValue): the bank list needs an approved batch")
        }
        let entries = try store.payableEntries(ofBatch: id)
        let sheet = PaymentLists.bank(batch, entries)
        try write(sheet, to: path, store: store, batch: id, what: "bank", actor: actor)
        // The csv is the table alone, for the bank's system: its count, total and digest
        // go beside it, for the receiver to tell a complete list from a cut one.
        if SpreadsheetFormat(path: path) == .csv {
            try ControlFile.write(for: path, rows: sheet.rows.count, total: entries.reduce(Money.zero) { $0 + $1.amount })
        }
        return sheet.rows.count
    }

    /// Writes the sheet and records the export: a bank list carries full account numbers.
    private static func write(_ sheet: Sheet, to path: String, store: BangfuDatabase, batch id: Int64, what: String, actor: String) throws {
        try BangfuExport.write(sheet, to: path)
        try store.appendAudit(actor: actor, action: .batchExport, batchID: id, detail: "\(what) list, \(sheet.rows.count) rows → \(path)", at: timestampNow())
    }
}
