import BangfuCore
import BangfuStore

/// What the use cases ask of a database, as protocols: the SQLite store (`BangfuDatabase`)
/// implements them today, and a second database implements the same queries — no rule
/// lives behind them. `StoreContractTests` holds the behaviour every implementation owes.

/// The records of spec §3 and their loading.
public protocol RecordStore: Sendable {
    /// Runs `body` in one write transaction: all of it stored, or nothing.
    func writeRecords<T>(_ body: (any RecordWriting) throws -> T) throws -> T
    /// Like `writeRecords`, for a file of hundreds of thousands of rows into `table`.
    func writeRecords<T>(bulkInto table: String, _ body: (any RecordWriting) throws -> T) throws -> T
    /// Whether `table` holds no row yet.
    func isEmpty(table: String) throws -> Bool
    /// How many records of each kind are stored.
    func recordCounts() throws -> RecordCounts
    /// Archives by category and status, students by stage, model workers, aid by kind and payer.
    func archiveSummary() throws -> ArchiveSummary
}

/// Batches: their steps, entries and lists.
public protocol BatchStore: Sendable {
    func createBatch(_ batch: NewBatch, actor: String, at: String) throws -> Int64
    func batch(_ id: Int64) throws -> BatchRecord
    func batches() throws -> [BatchRecord]
    /// The year's union aid, summed per person, kind and student, for the calculator: of
    /// everyone, or of the people on the model-worker roll only.
    func earlierUnionAid(year: Int, ofModelWorkersOnly: Bool) throws -> EarlierAid
    /// Replaces the entries of a batch not yet approved with what `compute` writes, in one
    /// transaction with the batch's new state and its audit line.
    func replaceEntries(
        ofBatch id: Int64, dibao: Money, actor: String, at: String, _ compute: (any BatchEntryReplacement) throws -> Void
    ) throws -> BatchComputation
    func review(batch id: Int64, stage: Policy.ReviewStage, by person: String, at: String) throws -> BatchStatus
    func approve(batch id: Int64, by person: String, at: String) throws -> BatchStatus
    func exclude(batch id: Int64, idNumber: IDNumber, reason: String, by person: String, at: String) throws -> Int
    func pay(
        batch id: Int64, on paidOn: CalendarDate, by person: String?, actor: String, at: String, afterRecords: () -> Void
    ) throws -> (records: Int, total: Money)
    func entries(ofBatch id: Int64) throws -> [StoredBatchEntry]
    /// The entries a list shows: eligible, not excluded, with the archive's contact fields.
    func payableEntries(ofBatch id: Int64) throws -> [PayableEntry]
    /// A bank list's transfers: list `round` as paid, or the approved batch's (issue 19).
    func bankTransfers(ofBatch id: Int64, round: Int) throws -> [BankTransfer]
    /// The batches with an entry of an archive of `union`: what a union's account acts on.
    func batchIDs(withEntriesOf union: String) throws -> Set<Int64>
}

/// The checks over a year's records: duplicate aid and a project's measures.
public protocol CheckStore: Sendable {
    /// Runs `body` over the duplicate check's inputs of `year`, all in one read.
    func readDuplicateInputs<T>(year: Int, _ body: (any DuplicateInputs) throws -> T) throws -> T
    /// Runs `body` over `project`'s inputs of `year`, all in one read.
    func readProjectInputs<T>(project: String, year: Int, _ body: (any ProjectInputs) throws -> T) throws -> T
}

/// The append-only trail.
public protocol AuditStore: Sendable {
    func appendAudit(actor: String, action: AuditAction, batchID: Int64?, detail: String, at: String) throws
    func auditLines(batch: Int64?) throws -> [AuditLine]
}

/// Everything the use cases ask of one database.
public typealias AppStore = RecordStore & BatchStore & CheckStore & AuditStore & AccountStore

extension BangfuDatabase: RecordStore, BatchStore, CheckStore, AuditStore {
    public func writeRecords<T>(_ body: (any RecordWriting) throws -> T) throws -> T { try inTransaction { try body($0) } }

    public func writeRecords<T>(bulkInto table: String, _ body: (any RecordWriting) throws -> T) throws -> T {
        try inBulkTransaction(into: table) { try body($0) }
    }
}
