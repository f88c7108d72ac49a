import BangfuCore
import BangfuExport
import BangfuPolicyFiles
import BangfuStore
import Foundation

/// What a new batch is asked for with (spec §1 `batch create`, the web's form).
public struct BatchRequest: Sendable {
    public var kind: BatchKind
    /// The policy file whose text the batch keeps.
    public var policyPath: String
    public var date: CalendarDate
    public var name: String
    public var project: String?
    public var budget: Money?
    /// Where the project files are; nil: `projects/` beside the policy file.
    public var projectsFolder: String?

    public init(
        kind: BatchKind, policyPath: String, date: CalendarDate, name: String, project: String? = nil, budget: Money? = nil,
        projectsFolder: String? = nil
    ) {
        self.projectsFolder = projectsFolder
        self.kind = kind
        self.policyPath = policyPath
        self.date = date
        self.name = name
        self.project = project
        self.budget = budget
    }
}

/// A batch's life (spec §4, 002:1691–1718): create, compute, review, exclude, approve, pay,
/// and its two lists. Each step is done by `context.actor`, at `context.now`, with its audit
/// line; the rules are `BatchCalculator` and `BatchWorkflow`, the records the store's.
public enum Batches {
    /// Creates a draft batch with the policy file's text copied into it, so that a later
    /// edit of the file does not change it; returns its id.
    public static func create(_ request: BatchRequest, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext) throws -> Int64 {
        try Authority.check(.prepareBatch, context: context, in: store)
        // Read as `policy check` reads it: a file of any size (`/dev/zero`) is refused at 1 MiB.
        let text = try PolicyFile.text(atPath: request.policyPath)
        let policy = try PolicyFile.parse(text, file: request.policyPath)
        guard !request.name.trimmed.isEmpty else { throw AppError.emptyBatchName }
        // A batch nothing can be computed for is refused now, by the calculator's own checks
        // (a 低保 in force on the date; the model workers' standard line in force), and the
        // 低保 it will use is known from the start.
        let calculator: BatchCalculator
        do { calculator = try BatchCalculator(kind: request.kind, date: request.date, policy: policy, earlier: EarlierAid()) } catch {
            throw AppError.batchNotComputable(error)
        }
        // The project's budget is kept on the batch, as the policy's text is: approval checks
        // the project's batches together against it (issue 16).
        let folder = request.projectsFolder ?? ProjectDirectory.folder(besidePolicy: request.policyPath)
        let project = try request.project.flatMap { try ProjectDirectory.project(named: $0, year: request.date.year, in: folder) }
        return try store.createBatch(
            NewBatch(
                name: request.name, kind: request.kind, date: request.date, project: request.project, budget: request.budget,
                policyID: policy.id, policyPath: request.policyPath, policyText: text, requiredReviews: policy.reviews,
                dibaoMonthly: calculator.dibao, projectBudget: project?.budget),
            actor: context.actor.name, at: context.timestamp)
    }

    /// Selects, computes and records the entries with the batch's own policy and the year's
    /// earlier union aid; returns what was written and the 低保 used. `progress` hears how
    /// many candidates are computed so far (`BatchComputeProgress`).
    public static func compute(
        batch id: Int64, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext, progress: (Int) -> Void = { _ in }
    ) throws -> (computation: BatchComputation, dibao: Money) {
        try Authority.check(.prepareBatch, onBatch: id, context: context, in: store)
        let batch = try store.batch(id)
        // Refuse a frozen batch before the year's aid is read, not after.
        do { _ = try BatchWorkflow.compute(batch.progress) } catch { throw BatchStoreError.refused(batch: id, error) }
        let policy = try PolicyFile.parse(batch.policyText, file: batch.policyPath)
        // An archive's people's aid on file comes with the archive (`BatchComputing`); only the
        // model-worker kinds look people up, and only those on the roll.
        let earlier = batch.kind.countsModelWorkersEarlierAid ? try store.earlierUnionAid(year: batch.date.year, ofModelWorkersOnly: true) : EarlierAid()
        let calculator = try BatchCalculator(kind: batch.kind, date: batch.date, policy: policy, earlier: earlier)
        let computation = try store.replaceEntries(ofBatch: id, dibao: calculator.dibao, actor: context.actor.name, at: context.timestamp) { replacement in
            try BatchComputing.compute(calculator, into: replacement, progress: progress)
        }
        return (computation, calculator.dibao)
    }

    /// 初审 or 复审 by the context's person; returns the batch's new state.
    public static func review(batch id: Int64, stage: Policy.ReviewStage, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext) throws -> BatchStatus {
        try Authority.check(stage == .first ? .reviewFirst : .reviewSecond, onBatch: id, context: context, in: store)
        return try store.review(batch: id, stage: stage, by: context.actor.name, at: context.timestamp)
    }

    /// Takes a recipient (or, in 助学, a student) out of the batch with the reason on record;
    /// returns how many entries were excluded.
    public static func exclude(
        batch id: Int64, idNumber: IDNumber, reason: String, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext
    ) throws -> Int {
        try Authority.check(.excludeEntry, onBatch: id, context: context, in: store)
        return try store.exclude(batch: id, idNumber: idNumber, reason: reason, by: context.actor.name, at: context.timestamp)
    }

    /// Approval by the context's person: the entries are frozen from here on.
    public static func approve(batch id: Int64, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext) throws -> BatchStatus {
        try Authority.check(.approve, onBatch: id, context: context, in: store)
        return try store.approve(batch: id, by: context.actor.name, at: context.timestamp)
    }

    /// Records the payment on `day`, once. `payer` is checked against the other steps'
    /// people when it is given; the context's person is who the audit line names.
    /// `afterRecords` runs inside the transaction after the aid records are written.
    public static func pay(
        batch id: Int64, on day: CalendarDate, payer: Person?, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext,
        afterRecords: () -> Void = {}
    ) throws -> (records: Int, total: Money) {
        try Authority.check(.pay, onBatch: id, context: context, in: store)
        return try store.pay(batch: id, on: day, by: payer?.name, actor: context.actor.name, at: context.timestamp, afterRecords: afterRecords)
    }

    /// Batch `id`'s project budget as `viewer` may see it: the project's budget, what its
    /// other batches of the year have paid or have approved, and what this batch adds; nil
    /// when the batch has no project with a known budget. The project's figures add up the
    /// whole city's batches, so an account of one union sees none of them.
    public static func projectBudget(batch id: Int64, viewer: Account, in store: BangfuDatabase) throws -> ProjectBudgetUse? {
        try Authority.require(.viewBatches, by: viewer)
        guard viewer.union == nil else { return nil }
        return try store.projectBudgetUse(ofBatch: id)
    }

    /// The batches `viewer` may see, as spec §1 lists them: a union's account only those
    /// with entries of its archives.
    public static func list(viewer: Account, in store: BangfuDatabase) throws -> [BatchListingJSON] {
        try Authority.require(.viewBatches, by: viewer)
        return try inScope(of: viewer, in: store).map(BatchListingJSON.init)
    }

    /// Every batch, or for a union's account those with entries of its archives.
    /// A union's account gets each batch with the total of its archives' entries: the
    /// batch's whole total would tell it what other unions' people are paid.
    static func inScope(of viewer: Account, in store: BangfuDatabase) throws -> [BatchRecord] {
        let batches = try store.batches()
        guard let union = viewer.union else { return batches }
        let totals = try store.unionTotals(of: union)
        return batches.compactMap { batch in
            guard let total = totals[batch.id] else { return nil }
            var scoped = batch
            scoped.total = total
            return scoped
        }
    }

    /// Batch `id` as `viewer` may see it (spec §9 `GET /batches/{id}`): the entries of their
    /// union's archives only (a union account with none gets not found), 身份证号 masked
    /// where their roles may not see them whole.
    public static func view(batch id: Int64, viewer: Account, in store: BangfuDatabase) throws -> BatchJSON {
        var json: BatchJSON?
        var entries: [BatchEntryJSON] = []
        try read(batch: id, viewer: viewer, in: store, head: { json = $0 }, entry: { entries.append($0) })
        guard var json else { throw BatchStoreError.noSuchBatch(id) }
        json.entries = entries
        return json
    }

    /// `view` as JSON bytes — the same bytes `JSONTextEncoder` makes of it — handed to `emit`
    /// about `chunkSize` at a time as the entries are read, from one snapshot: first the
    /// batch's members (after every check, so that a refusal comes before any byte), then
    /// the entries. Memory stays flat in the batch's size (issue 22); an error thrown by
    /// `emit` (a client that went away) ends the read.
    public static func writeView(
        batch id: Int64, viewer: Account, in store: BangfuDatabase, chunkSize: Int = 1 << 16, emit: ([UInt8]) throws -> Void
    ) throws {
        let encoder = JSONTextEncoder()
        var bytes: [UInt8] = []
        var first = true
        try read(
            batch: id, viewer: viewer, in: store,
            head: { head in try emit(try encoder.openObject(head, streaming: BatchJSON.CodingKeys.entries)) },
            entry: { entry in
                if !first { JSONBytes.appendSeparator(to: &bytes) }
                first = false
                try encoder.encode(entry, into: &bytes)
                guard bytes.count >= chunkSize else { return }
                try emit(bytes)
                bytes.removeAll(keepingCapacity: true)
            })
        bytes.append(contentsOf: "]}".utf8)
        try emit(bytes)
    }

    /// What `view` shows, read in one snapshot and handed over as it comes: `head` the batch
    /// without entries, then `entry` each entry in order.
    private static func read(
        batch id: Int64, viewer: Account, in store: BangfuDatabase, head: (BatchJSON) throws -> Void, entry: (BatchEntryJSON) throws -> Void
    ) throws {
        try Authority.require(.viewBatches, by: viewer)
        let masked = !Masking.seesFullIDNumbers(viewer.roles)
        try store.readBatch(
            id, union: viewer.union,
            head: { batch, unionTotal in
                var json = BatchJSON(batch, entries: [])
                if viewer.union != nil {
                    // A union's account sees the total of the entries it sees, not the batch's
                    // (spec §8), and a batch without any of them not at all.
                    guard let unionTotal else { throw BatchStoreError.noSuchBatch(id) }
                    json.totalFen = unionTotal.fen
                }
                try head(json)
            },
            entries: { stored, transfer in
                var json = BatchEntryJSON(stored.effective, transfer: transfer)
                if masked {
                    json.idNumber = Masking.idNumber(text: json.idNumber)
                    json.studentIDNumber = json.studentIDNumber.map { Masking.idNumber(text: $0) }
                }
                try entry(json)
            })
    }

    /// The 公示 list of batch `id` as `viewer` may download it (spec §9 `notice.xlsx`): the
    /// entries of their union's archives only, 身份证号 always masked; not found when the
    /// batch has none of them. The download is an audit line.
    public static func noticeSheet(
        batch id: Int64, from start: CalendarDate, days: Int, viewer: Account, in store: some BatchStore & AuditStore, context: RequestContext
    ) throws -> Sheet {
        try Authority.require(.exportNotice, by: viewer)
        let batch = try store.batch(id)
        guard batch.status != .draft else { throw AppError.notComputed(batch: id) }
        let entries = try inScope(try store.payableEntries(ofBatch: id), of: viewer, batch: id)
        let sheet = try PaymentLists.notice(batch, entries, from: start, days: days)
        try audit(sheet, to: "download", batch: id, what: "notice", in: store, context: context)
        return sheet
    }

    /// The bank list of batch `id` (or its re-issue `round`) as `viewer` (finance) may
    /// download it, in their scope.
    public static func bankSheet(
        batch id: Int64, round: Int = 0, viewer: Account, in store: some BatchStore & AuditStore, context: RequestContext
    ) throws -> Sheet {
        try Authority.require(.exportBank, by: viewer)
        let batch = try store.batch(id)
        guard batch.status == .approved || batch.status == .paid else { throw AppError.bankListNeedsApproval(batch: id, status: batch.status) }
        var transfers = try bankTransfers(batch: id, round: round, in: store)
        if let union = viewer.union {
            transfers = transfers.filter { $0.union == union }
            guard !transfers.isEmpty else { throw BatchStoreError.noSuchBatch(id) }
        }
        let sheet = try PaymentLists.bank(batch, transfers, round: round)
        try audit(sheet, to: "download", batch: id, what: "bank", in: store, context: context)
        return sheet
    }

    /// The entries of `viewer`'s union, or all for an account of the whole city; a union
    /// account sees a batch only through its archives' entries, and one with none of them
    /// gets the batch as not found.
    static func inScope(_ entries: [PayableEntry], of viewer: Account, batch id: Int64) throws -> [PayableEntry] {
        guard let union = viewer.union else { return entries }
        let mine = entries.filter { $0.union == union }
        guard !mine.isEmpty else { throw BatchStoreError.noSuchBatch(id) }
        return mine
    }

    /// Writes the 公示 list to `path`; returns its row count.
    public static func exportNotice(
        batch id: Int64, to path: String, from start: CalendarDate, days: Int, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext
    ) throws -> Int {
        try Authority.check(.exportNotice, context: context, in: store)
        let batch = try store.batch(id)
        guard batch.status != .draft else { throw AppError.notComputed(batch: id) }
        let sheet = try PaymentLists.notice(batch, try store.payableEntries(ofBatch: id), from: start, days: days)
        try write(sheet, to: path, batch: id, what: "notice", in: store, context: context)
        return sheet.rows.count
    }

    /// Writes the bank transfer list of an approved or paid batch (or of its re-issue
    /// `round`) to `path`, and for a csv its control file beside it; returns its row count.
    public static func exportBank(
        batch id: Int64, round: Int = 0, to path: String, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext
    ) throws -> Int {
        try Authority.check(.exportBank, context: context, in: store)
        let batch = try store.batch(id)
        guard batch.status == .approved || batch.status == .paid else { throw AppError.bankListNeedsApproval(batch: id, status: batch.status) }
        let transfers = try bankTransfers(batch: id, round: round, in: store)
        let sheet = try PaymentLists.bank(batch, transfers, round: round)
        // The csv is the table alone, for the bank's system: its count, total and digest go
        // beside it, for the receiver to tell a complete list from a cut one. Written before
        // the audit line, so that the line records only a complete export.
        try BangfuExport.write(sheet, to: path)
        if SpreadsheetFormat(path: path) == .csv {
            try ControlFile.write(for: path, rows: sheet.rows.count, total: transfers.reduce(Money.zero) { $0 + $1.amount })
        }
        try audit(sheet, to: path, batch: id, what: "bank", in: store, context: context)
        return sheet.rows.count
    }

    /// List `round` of batch `id`: the list as paid, a re-issue's, or the approved batch's.
    private static func bankTransfers(batch id: Int64, round: Int, in store: some BatchStore) throws -> [BankTransfer] {
        let transfers = try store.bankTransfers(ofBatch: id, round: round)
        guard round == 0 || !transfers.isEmpty else { throw AppError.noReissueList(batch: id, round: round) }
        return transfers
    }

    /// Writes the sheet and records the export.
    private static func write(_ sheet: Sheet, to path: String, batch id: Int64, what: String, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext) throws {
        try BangfuExport.write(sheet, to: path)
        try audit(sheet, to: path, batch: id, what: what, in: store, context: context)
    }

    /// The export's audit line: a bank list carries full account numbers.
    private static func audit(_ sheet: Sheet, to path: String, batch id: Int64, what: String, in store: some AuditStore, context: RequestContext) throws {
        try store.appendAudit(
            actor: context.actor.name, action: .batchExport, batchID: id, detail: "\(what) list, \(sheet.rows.count) rows → \(path)",
            at: context.timestamp)
    }
}
