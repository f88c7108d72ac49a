import BangfuCore
import BangfuStore

/// A step of a batch as its page shows it: who took it and when, or nobody yet.
public struct BatchStepLine: Sendable, Equatable {
    public var step: BatchStep
    /// The account's name and login, `张敏（zhangmin）`; nil when not taken.
    public var by: String?
    public var at: String?
}

/// One entry as the viewer may see it: 身份证号 masked per role, reasons as lines.
public struct BatchEntryLine: Sendable {
    public var position: Int
    public var name: String
    public var idNumber: String
    public var archiveNo: String?
    public var studentIDNumber: String?
    /// The computed amount (kept when a reviewer excludes the entry).
    public var amount: Money
    public var isEligible: Bool
    public var reasons: [String]
    /// A reviewer's exclusion: reason, who, when.
    public var exclusion: (reason: String, by: String, at: String)?
    /// What the bank reported of its transfer (`TransferText`); nil before payment.
    public var transfer: String?
}

/// What the viewer may do on a batch now — the buttons its page shows. The server refuses
/// a step anyway when the state, the role or segregation of duties says no.
public struct BatchActions: Sendable, Equatable {
    public var compute = false
    public var firstReview = false
    public var secondReview = false
    public var approve = false
    public var pay = false
    public var exclude = false
    public var noticeList = false
    public var bankList = false
}

/// A batch's page: the batch, who did which step, one page of its entries, and the
/// viewer's buttons.
public struct BatchDetail: Sendable {
    public var batch: BatchRecord
    public var steps: [BatchStepLine]
    /// The entries of each filter, in the viewer's scope.
    public var counts: BatchEntryCounts
    public var filter: BatchEntryFilter
    public var page: Int
    public var perPage: Int
    public var entries: [BatchEntryLine]
    /// The first exclusions, for the steps' block (all of them under the 剔除 filter).
    public var exclusions: [BatchEntryLine]
    public var actions: BatchActions
    /// The batch's project budget and what the project's other batches carry (issue 16);
    /// nil without a project file's budget, and for an account of one union (the project's
    /// figures add up the whole city).
    public var projectBudget: ProjectBudgetUse?
    /// A paid batch's transfers and returns (issue 19); nil before payment.
    public var returns: BatchReturnView?
}

extension Batches {
    /// The batches `viewer` may see, newest first (by date, then id), as records.
    public static func records(viewer: Account, in store: BangfuDatabase) throws -> [BatchRecord] {
        try Authority.require(.viewBatches, by: viewer)
        return try inScope(of: viewer, in: store).sorted { ($0.date, $0.id) > ($1.date, $1.id) }
    }

    /// Batch `id` as `viewer`'s page shows it: `perPage` entries of `filter` from `page`
    /// (1-based), in their union's scope — a union account with none of its archives in the
    /// batch gets not found.
    public static func detail(
        batch id: Int64, filter: BatchEntryFilter, page: Int, perPage: Int, viewer: Account, in store: BangfuDatabase
    ) throws -> BatchDetail {
        try Authority.require(.viewBatches, by: viewer)
        var batch = try store.batch(id)
        let counts = try store.entryCounts(ofBatch: id, union: viewer.union)
        if viewer.union != nil, counts.all == 0 { throw BatchStoreError.noSuchBatch(id) }
        // A union's account sees what its archives' entries are paid, not the batch's total.
        if let union = viewer.union { batch.total = try store.unionTotals(of: union, batch: id)[id] ?? .zero }
        let lines = { (entries: [PositionedBatchEntry]) in entries.map { line($0, for: viewer.roles) } }
        let page = max(page, 1)
        var entries = lines(try store.entryPage(ofBatch: id, filter: filter, union: viewer.union, offset: (page - 1) * perPage, limit: perPage))
        if batch.status == .paid {
            let transfers = try store.entryTransfers(ofBatch: id, positions: entries.map(\.position))
            for index in entries.indices { entries[index].transfer = transfers[entries[index].position].map(TransferText.describe) }
        }
        return BatchDetail(
            batch: batch, steps: try steps(of: batch, in: store), counts: counts, filter: filter, page: page, perPage: perPage,
            entries: entries,
            exclusions: lines(try store.entryPage(ofBatch: id, filter: .excluded, union: viewer.union, offset: 0, limit: 10)),
            actions: actions(on: batch, for: viewer), projectBudget: try projectBudget(batch: id, viewer: viewer, in: store),
            returns: try returnView(of: batch, viewer: viewer, in: store))
    }

    /// Refuses a computation of batch `id` by the context's person before it is queued:
    /// the role, the union's scope and the state, as `compute` will check them again.
    public static func checkCompute(batch id: Int64, in store: some BatchStore & AccountStore, context: RequestContext) throws {
        try Authority.check(.prepareBatch, onBatch: id, context: context, in: store)
        let batch = try store.batch(id)
        do { _ = try BatchWorkflow.compute(batch.progress) } catch { throw BatchStoreError.refused(batch: id, error) }
    }

    /// The buttons of `viewer` on `batch`: a step its roles allow, the batch waits for, and
    /// segregation of duties leaves to it; exclusion during review; the lists it may take.
    static func actions(on batch: BatchRecord, for viewer: Account) -> BatchActions {
        let progress = batch.progress
        let roles = viewer.roles
        func may(_ step: BatchStep) -> Bool {
            BatchWorkflow.nextStep(progress) == step && Permissions.allows(roles, step.action) && BatchWorkflow.allows(step, by: viewer.login, progress)
        }
        var actions = BatchActions()
        actions.compute = Permissions.allows(roles, .prepareBatch) && [.draft, .computed].contains(batch.status)
        actions.firstReview = may(.review(.first))
        actions.secondReview = may(.review(.second))
        actions.approve = may(.approval)
        actions.pay = may(.payment)
        actions.exclude = Permissions.allows(roles, .excludeEntry) && (try? BatchWorkflow.exclude(progress)) != nil
        actions.noticeList = Permissions.allows(roles, .exportNotice) && batch.status != .draft
        actions.bankList = Permissions.allows(roles, .exportBank) && (batch.status == .approved || batch.status == .paid)
        return actions
    }

    /// Who took each step of `batch` and when, in the order of the approval path; the
    /// reviews its policy does not require are left out.
    static func steps(of batch: BatchRecord, in store: some AccountStore) throws -> [BatchStepLine] {
        let path: [BatchStep] = [.creation, .computation] + batch.requiredReviews.map(BatchStep.review) + [.approval, .payment]
        return try path.map { step in
            let login = batch.performers[step]
            let name = try login.flatMap { try store.account($0)?.name }
            return BatchStepLine(step: step, by: login.map { login in name.map { "\($0)（\(login)）" } ?? login }, at: batch.performedAt[step])
        }
    }

    /// An entry with what `roles` may not see masked: 身份证号, and any in a reason text.
    static func line(_ positioned: PositionedBatchEntry, for roles: Set<Role>) -> BatchEntryLine {
        let entry = positioned.entry.computed
        return BatchEntryLine(
            position: positioned.position, name: entry.name, idNumber: Masking.idNumber(entry.idNumber, for: roles),
            archiveNo: entry.archiveNumber?.value, studentIDNumber: entry.studentIDNumber.map { Masking.idNumber($0, for: roles) },
            amount: entry.amount, isEligible: entry.isEligible, reasons: entry.reasons.map { Masking.identifiers(in: $0, for: roles) },
            exclusion: positioned.entry.exclusion.map { (Masking.identifiers(in: $0.reason, for: roles), $0.by, $0.at) })
    }
}
