import BangfuCore
import Foundation
import GRDB

/// A stored batch (批次), without its entries.
public struct BatchRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: BatchKind
    public var status: BatchStatus
    public var date: CalendarDate
    public var project: String?
    public var budget: Money?
    public var policyID: String
    public var policyPath: String
    public var policyText: String
    public var dibaoMonthly: Money?
    /// Eligible entries not excluded by a reviewer.
    public var total: Money
    public var requiredReviews: [Policy.ReviewStage]
    /// Who performed each step, and when (timestamps as text).
    public var performers: [BatchStep: String]
    public var performedAt: [BatchStep: String]
    public var paidOn: CalendarDate?
    /// The 全年预算数 of its project's file when the batch was created; nil without one.
    public var projectBudget: Money?

    /// spec §4: a batch whose total exceeds its budget may be computed but not approved.
    public var isOverBudget: Bool { budget.map { total > $0 } ?? false }

    /// What the workflow rules look at.
    public var progress: BatchProgress {
        BatchProgress(status: status, requiredReviews: requiredReviews, performers: performers, isOverBudget: isOverBudget)
    }
}

/// What a new batch is made of.
public struct NewBatch: Sendable {
    public var name: String
    public var kind: BatchKind
    public var date: CalendarDate
    public var project: String?
    public var budget: Money?
    public var policyID: String
    public var policyPath: String
    public var policyText: String
    public var requiredReviews: [Policy.ReviewStage]
    /// The 低保 in force on `date`, which the computation will use.
    public var dibaoMonthly: Money
    /// The project file's 全年预算数, when `project` names a project that has one.
    public var projectBudget: Money?

    public init(
        name: String, kind: BatchKind, date: CalendarDate, project: String?, budget: Money?, policyID: String, policyPath: String,
        policyText: String, requiredReviews: [Policy.ReviewStage], dibaoMonthly: Money, projectBudget: Money? = nil
    ) {
        self.projectBudget = projectBudget
        self.name = name
        self.kind = kind
        self.date = date
        self.project = project
        self.budget = budget
        self.policyID = policyID
        self.policyPath = policyPath
        self.policyText = policyText
        self.requiredReviews = requiredReviews
        self.dibaoMonthly = dibaoMonthly
    }
}

/// An entry as stored: what the rules computed, and a reviewer's exclusion if any.
public struct StoredBatchEntry: Sendable, Equatable {
    /// Its place in the batch, which a bank list's transfers name.
    public var position: Int
    public var computed: BatchEntry
    public var exclusion: Exclusion?

    public struct Exclusion: Sendable, Equatable {
        public var reason: String
        public var by: String
        public var at: String
    }

    /// The entry as it will be paid: an excluded entry is not eligible, and says why.
    public var effective: BatchEntry {
        guard let exclusion else { return computed }
        var entry = computed
        entry.outcome = .ineligible
        entry.reasonLines.append("复核剔除：\(exclusion.reason)（\(exclusion.by)，\(exclusion.at)）")
        return entry
    }
}

/// Refusals about batches, in Chinese and English.
public enum BatchStoreError: Error, Equatable, Sendable, UserFacingError {
    case noSuchBatch(Int64)
    /// The approval path forbids the step (spec §4, 002:1691–1718).
    case refused(batch: Int64, WorkflowRefusal)
    /// `batch exclude` named nobody of the batch.
    case noSuchEntry(batch: Int64, idNumber: String)
    case paymentBeforeBatchDate(batch: Int64, paidOn: CalendarDate, date: CalendarDate)

    public var chinese: String {
        switch self {
        case .noSuchBatch(let id): "没有编号为 \(id) 的批次"
        case .refused(let id, let refusal): "批次 \(id)：\(refusal.chinese)"
        case .noSuchEntry(let id, let number): "批次 \(id) 中没有身份证号为 \(number) 的对象"
        case .paymentBeforeBatchDate(let id, let paidOn, let date): "批次 \(id) 的发放日期 \(paidOn) 早于批次日期 \(date)"
        }
    }

    public var english: String {
        switch self {
        case .noSuchBatch(let id): "no batch \(id)"
        case .refused(let id, let refusal): "batch \(id): \(refusal.english)"
        case .noSuchEntry(let id, let number): "batch \(id) has no entry for \(number)"
        case .paymentBeforeBatchDate(let id, let paidOn, let date): "batch \(id): payment date \(paidOn) is before the batch date \(date)"
        }
    }

    public var failure: Failure {
        switch self {
        case .noSuchBatch, .noSuchEntry: .notFound
        case .refused, .paymentBeforeBatchDate: .refused
        }
    }
}

extension BangfuDatabase {
    /// Stores a new draft batch and returns its id.
    public func createBatch(_ batch: NewBatch, actor: String, at: String) throws -> Int64 {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO batches(name, kind, date, project, budget_fen, policy_id, policy_path, policy_text, required_reviews,
                        dibao_monthly_fen, created_at, created_by, project_budget_fen)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [batch.name, batch.kind.rawValue, batch.date.description, batch.project, batch.budget?.fen,
                            batch.policyID, batch.policyPath, batch.policyText, batch.requiredReviews.map(\.rawValue).joined(separator: ","),
                            batch.dibaoMonthly.fen, at, actor, batch.project == nil ? nil : batch.projectBudget?.fen])
            let id = db.lastInsertedRowID
            try Self.appendAudit(db, at: at, actor: actor, action: .batchCreate, batch: id, detail: "\(batch.kind.rawValue) \(batch.name) \(batch.date)")
            return id
        }
    }

    /// The batch with `id`.
    public func batch(_ id: Int64) throws -> BatchRecord {
        try queue.read { db in try Self.batch(db, id) }
    }

    static func batch(_ db: Database, _ id: Int64) throws -> BatchRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM batches WHERE id = ?", arguments: [id]) else { throw BatchStoreError.noSuchBatch(id) }
        return try row.batchRecord()
    }

    /// Every batch, oldest first.
    public func batches() throws -> [BatchRecord] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM batches ORDER BY id").map { try $0.batchRecord() } }
    }

    /// The batch's entries in order.
    public func entries(ofBatch id: Int64) throws -> [StoredBatchEntry] {
        var entries: [StoredBatchEntry] = []
        try forEachEntry(ofBatch: id) { entries.append($0) }
        return entries
    }

    /// Calls `body` with each entry of the batch in order (those in `window` only), one at a
    /// time: a province's batch has a million entries.
    public func forEachEntry(ofBatch id: Int64, in window: RowWindow = .all, _ body: (StoredBatchEntry) throws -> Void) throws {
        try queue.read { db in
            let templates = try StoredReasons.templates(db, batch: id)
            let rows = try FastCursor(
                db, sql: "SELECT \(FastCursor.batchEntryColumns) FROM batch_entries WHERE batch_id = ? ORDER BY position\(window.sql)", arguments: ["\(id)"])
            while try rows.next() { try body(try rows.storedBatchEntry(templates: templates)) }
        }
    }

    /// Union aid paid in `year` (发放单位 工会), summed per person and per student: what the
    /// annual limits and the income cap count. `ofModelWorkersOnly`: of the people on the
    /// model-worker roll only, all a model-worker batch looks up.
    public func earlierUnionAid(year: Int, ofModelWorkersOnly: Bool = false) throws -> EarlierAid {
        try queue.read { db in
            var earlier = EarlierAid()
            // Summed by `EarlierAid.add`, not by a GROUP BY: sorting the year's records for
            // it took three times as long as reading them (a province's paid batch: 863,098
            // records, 1.8 s against 0.45 s in the C API).
            let rows = try FastCursor(
                db, sql: """
                    SELECT id_number, kind, student_id_number, amount_fen FROM aid_records
                    WHERE payer = '工会' AND paid_on BETWEEN ? AND ?\(ofModelWorkersOnly ? " AND id_number IN (SELECT id_number FROM model_workers)" : "")
                    """, arguments: ["\(year)-01-01", "\(year)-12-31"])
            while try rows.next() {
                let person = try StoreError.parse(rows.text(0), column: "id_number", IDNumber.init)
                let kind = try StoreError.parse(rows.text(1), column: "kind", AidKind.init(rawValue:))
                let student = rows.text(2)
                try earlier.add(
                    to: person, kind: kind, amount: Money(fen: rows.int(3)),
                    student: student.isEmpty ? nil : try StoreError.parse(student, column: "student_id_number", IDNumber.init))
            }
            return earlier
        }
    }
}

extension Row {
    func batchRecord() throws -> BatchRecord {
        let kindText = text("kind")
        guard let kind = BatchKind(rawValue: kindText) else { throw StoreError.corruptRow(column: "kind", value: kindText) }
        let statusText = text("status")
        guard let status = BatchStatus(rawValue: statusText) else { throw StoreError.corruptRow(column: "status", value: statusText) }
        let reviews = try text("required_reviews").split(separator: ",").map { word in
            guard let stage = Policy.ReviewStage(rawValue: String(word)) else { throw StoreError.corruptRow(column: "required_reviews", value: String(word)) }
            return stage
        }
        var performers: [BatchStep: String] = [:]
        var performedAt: [BatchStep: String] = [:]
        let steps: [(BatchStep, String)] = [
            (.creation, "created"), (.computation, "computed"), (.review(.first), "first_reviewed"), (.review(.second), "second_reviewed"),
            (.approval, "approved"), (.payment, "paid"),
        ]
        for (step, column) in steps {
            if let name: String = self["\(column)_by"] { performers[step] = name }
            if let at: String = self["\(column)_at"] { performedAt[step] = at }
        }
        let paidOn: String? = self["paid_on"]
        return BatchRecord(
            id: self["id"], name: text("name"), kind: kind, status: status, date: try date("date"),
            project: self["project"], budget: optionalMoney("budget_fen"), policyID: text("policy_id"),
            policyPath: text("policy_path"), policyText: text("policy_text"), dibaoMonthly: optionalMoney("dibao_monthly_fen"),
            total: money("total_fen"), requiredReviews: reviews, performers: performers, performedAt: performedAt,
            paidOn: try paidOn.map { _ in try date("paid_on") }, projectBudget: optionalMoney("project_budget_fen"))
    }
}
