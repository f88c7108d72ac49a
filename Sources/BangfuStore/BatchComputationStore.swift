import BangfuCore
import Foundation
import GRDB

/// A batch's candidates as chunks of rows that turn into records on any thread: the store
/// only copies cells, whoever computes makes the records (`forEachRecord`).
public protocol BatchRecordChunk: Sendable {
    /// Each archive of the chunk with the members its batch reads and its people's union
    /// aid of the year on file, in read order.
    func forEachRecord(_ body: (BatchHousehold, [BatchMember], ArchiveAidOnFile) throws -> Void) throws
}

/// One computation of a batch as the store serves it, inside one write transaction: the
/// candidates out, the entries in. The rules are the caller's.
public protocol BatchEntryReplacement {
    /// The people a batch of `kind` may pay before it meets them again, found before it
    /// reads an archive: the only ones whose payments it must remember.
    func peopleMetAgain(for kind: BatchKind) throws -> PeopleMetAgain
    /// The 在档 archives in chunks of about `chunkSize`, each with what a batch of `kind` in
    /// `year` reads beside it: its people's union aid on file, the students of 助学 and the
    /// members among `metAgain` — no other member.
    func forEachHouseholdChunk(
        for kind: BatchKind, year: Int, metAgain: PeopleMetAgain, chunkSize: Int, _ body: (any BatchRecordChunk) throws -> Void
    ) throws
    /// The model-worker roll.
    func forEachModelWorker(_ body: (ModelWorker) throws -> Void) throws
    /// Writes one entry, after those written before it: its reasons as the calculator's
    /// templates and numbers (the templates stored once with the batch), or in full.
    func write(_ entry: BatchEntry) throws
}

extension BatchRows: BatchRecordChunk {}

extension BangfuDatabase {
    /// Replaces the entries of a batch not yet approved with what `compute` writes, in one
    /// transaction with the batch's new state (computed, total, 低保, reviews cleared) and
    /// its audit line; readers keep seeing the entries as they were until it commits (WAL).
    ///
    /// The candidates are read from one snapshot and the entries written to a staging file
    /// of their own (`StagedEntries`) without holding the database's one writer; only the
    /// last step — the old entries out, the staged ones copied in, the batch's state — takes
    /// it. A province's computation took the writer for its whole run before, and every
    /// edit and import waited that long (bench/load: 26 s and more on a busy server).
    public func replaceEntries(
        ofBatch id: Int64, dibao: Money, actor: String, at: String, _ compute: (any BatchEntryReplacement) throws -> Void
    ) throws -> BatchComputation {
        try replaceEntries(ofBatch: id, dibao: dibao, actor: actor, at: at, stagingFolder: FileManager.default.temporaryDirectory, compute)
    }

    /// `replaceEntries`, staging in `stagingFolder` (a test's own, away from the computations
    /// of the tests beside it).
    func replaceEntries(
        ofBatch id: Int64, dibao: Money, actor: String, at: String, stagingFolder: URL, _ compute: (any BatchEntryReplacement) throws -> Void
    ) throws -> BatchComputation {
        let staged = try StagedEntries(in: stagingFolder)
        defer { staged.remove() }
        var computation = BatchComputation()
        var templates: ReasonTemplates?
        try staged.queue.writeWithoutTransaction { stage in
            try stage.inTransaction {
                (computation, templates) = try queue.read { db in
                    let restoreCache = try Self.useComputationCache(db)
                    defer { restoreCache() }
                    try Self.checkComputable(db, id)
                    let replacement = try EntryReplacement(reading: db, stagingInto: stage)
                    try compute(replacement)
                    return (replacement.computation, replacement.templates)
                }
                return .commit
            }
        }
        return try queue.writeWithoutTransaction { db in
            let restoreCache = try Self.useComputationCache(db)
            defer { restoreCache() }
            try db.execute(sql: "ATTACH DATABASE ? AS staged", arguments: [staged.path])
            defer { try? db.execute(sql: "DETACH DATABASE staged") }
            var status = BatchStatus.draft
            try db.inTransaction {
                status = try Self.checkComputable(db, id)
                try db.execute(sql: "DELETE FROM batch_entries WHERE batch_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM batch_reason_templates WHERE batch_id = ?", arguments: [id])
                for (number, template) in (templates?.templates ?? []).enumerated() {
                    try db.execute(sql: "INSERT INTO batch_reason_templates(batch_id, number, text) VALUES (?, ?, ?)", arguments: [id, number, template.stored])
                }
                try db.execute(
                    sql: """
                        INSERT INTO batch_entries(
                            batch_id, position, id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons, reason_lines, reasons_cut)
                        SELECT ?, position, id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons, reason_lines, reasons_cut
                        FROM staged.entries ORDER BY position
                        """,
                    arguments: [id])
                // A new computation starts the review over: earlier reviews saw other entries.
                try db.execute(
                    sql: """
                        UPDATE batches SET status = 'computed', total_fen = ?, dibao_monthly_fen = ?, computed_at = ?, computed_by = ?,
                            first_reviewed_by = NULL, first_reviewed_at = NULL, second_reviewed_by = NULL, second_reviewed_at = NULL
                        WHERE id = ?
                        """,
                    arguments: [computation.total.fen, dibao.fen, at, actor, id])
                try Self.appendAudit(
                    db, at: at, actor: actor, action: .batchCompute, batch: id,
                    detail: "\(computation.entries) entries, \(computation.eligible) eligible, total \(computation.total.yuanText)"
                        + (status == .draft ? "" : "; replaced the entries of a \(status.rawValue) batch"))
                return .commit
            }
            return computation
        }
    }

    /// The batch's state when the workflow lets it be computed (again); refused otherwise.
    @discardableResult
    private static func checkComputable(_ db: Database, _ id: Int64) throws -> BatchStatus {
        let batch = try Self.batch(db, id)
        do throws(WorkflowRefusal) { _ = try BatchWorkflow.compute(batch.progress) } catch { throw BatchStoreError.refused(batch: id, error) }
        return batch.status
    }
}

/// The SQLite side of one computation: cursors over the candidates of one snapshot, one
/// prepared insert into the staging file bound from a fixed arena per entry.
private final class EntryReplacement: BatchEntryReplacement {
    let db: Database
    let insert: FastStatement
    private(set) var computation = BatchComputation()
    /// The templates of the computation's entries, once one has come.
    private(set) var templates: ReasonTemplates?
    /// `templates.marks(StoredReasons.cutMarks)`, made once.
    private var cutMarks: ReasonMarks?

    init(reading db: Database, stagingInto stage: Database) throws {
        self.db = db
        insert = try FastStatement(stage, sql: """
            INSERT INTO entries(position, id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons, reason_lines, reasons_cut)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func peopleMetAgain(for kind: BatchKind) throws -> PeopleMetAgain {
        try BangfuDatabase.peopleMetAgain(db, for: kind)
    }

    func forEachHouseholdChunk(
        for kind: BatchKind, year: Int, metAgain: PeopleMetAgain, chunkSize: Int, _ body: (any BatchRecordChunk) throws -> Void
    ) throws {
        try BangfuDatabase.forEachBatchChunk(db, for: kind, year: year, metAgain: metAgain, chunkSize: chunkSize) { try body($0) }
    }

    func forEachModelWorker(_ body: (ModelWorker) throws -> Void) throws {
        try BangfuDatabase.forEachModelWorker(db, body)
    }

    func write(_ entry: BatchEntry) throws {
        try computation.count(entry)
        let reasons = entry.reasonLines
        if templates == nil, let first = reasons.templates {
            templates = first
            cutMarks = first.marks(StoredReasons.cutMarks)
        }
        insert.bind(computation.entries)
        insert.bind(entry.idNumber.value)
        insert.bind(entry.name)
        insert.bind(entry.archiveNumber?.value)
        insert.bind(entry.studentIDNumber?.value)
        insert.bind(entry.isEligible ? 1 : 0)
        insert.bind(entry.amount.fen)
        if let own = reasons.templates, own === templates, let cutMarks {
            insert.bind("")
            insert.bind(blob: reasons.encoded)
            insert.bind(reasons.mentions(cutMarks) ? 1 : 0)
        } else {
            // Lines in full, or of other templates than the batch keeps: stored as text.
            insert.bind(reasons.lines.joined(separator: "\n"))
            insert.bindNull()
            insert.bind(0)
        }
        if let code = try insert.run() { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }
}

/// What a computation wrote: entries, how many are eligible, and their total.
public struct BatchComputation: Sendable, Equatable {
    public private(set) var entries = 0
    public private(set) var eligible = 0
    public private(set) var total = Money.zero

    mutating func count(_ entry: BatchEntry) throws(AmountOverflow) {
        entries += 1
        if entry.isEligible { eligible += 1 }
        do { try total.add(entry.amount) } catch { throw error.at("批次合计") }
    }
}
