import BangfuCore
import Foundation
import GRDB

/// A batch's candidates as chunks of rows that turn into records on any thread: the store
/// only copies cells, whoever computes makes the records (`forEachRecord`).
public protocol BatchRecordChunk: Sendable {
    /// Each archive of the chunk with its members, in read order.
    func forEachRecord(_ body: (BatchHousehold, [BatchMember]) throws -> Void) throws
}

/// One computation of a batch as the store serves it, inside one write transaction: the
/// candidates out, the entries in. The rules are the caller's.
public protocol BatchEntryReplacement {
    /// The 在档 archives and their members, in chunks of about `chunkSize` archives.
    func forEachHouseholdChunk(chunkSize: Int, _ body: (any BatchRecordChunk) throws -> Void) throws
    /// The model-worker roll.
    func forEachModelWorker(_ body: (ModelWorker) throws -> Void) throws
    /// Writes one entry, after those written before it.
    func write(_ entry: BatchEntry, reasons: String) throws
}

extension BatchRows: BatchRecordChunk {}

extension BangfuDatabase {
    /// Replaces the entries of a batch not yet approved with what `compute` writes, in one
    /// transaction with the batch's new state (computed, total, 低保, reviews cleared) and
    /// its audit line; readers keep seeing the entries as they were until it commits (WAL).
    public func replaceEntries(
        ofBatch id: Int64, dibao: Money, actor: String, at: String, _ compute: (any BatchEntryReplacement) throws -> Void
    ) throws -> BatchComputation {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            do { _ = try BatchWorkflow.compute(batch.progress) } catch let refusal as WorkflowRefusal { throw BatchStoreError.refused(batch: id, refusal) }
            try db.execute(sql: "DELETE FROM batch_entries WHERE batch_id = ?", arguments: [id])
            let replacement = try EntryReplacement(db, batch: id)
            try compute(replacement)
            let computation = replacement.computation
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
                    + (batch.status == .draft ? "" : "; replaced the entries of a \(batch.status.rawValue) batch"))
            return computation
        }
    }
}

/// The SQLite side of one computation: cursors over the candidates, one prepared insert
/// bound from a fixed arena per entry.
private final class EntryReplacement: BatchEntryReplacement {
    let db: Database
    let batch: Int64
    let insert: FastStatement
    private(set) var computation = BatchComputation()

    init(_ db: Database, batch: Int64) throws {
        self.db = db
        self.batch = batch
        insert = try FastStatement(db, sql: """
            INSERT INTO batch_entries(batch_id, position, id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func forEachHouseholdChunk(chunkSize: Int, _ body: (any BatchRecordChunk) throws -> Void) throws {
        try BangfuDatabase.forEachBatchChunk(db, chunkSize: chunkSize) { try body($0) }
    }

    func forEachModelWorker(_ body: (ModelWorker) throws -> Void) throws {
        try BangfuDatabase.forEachModelWorker(db, body)
    }

    func write(_ entry: BatchEntry, reasons: String) throws {
        try computation.count(entry)
        insert.bind(Int(batch))
        insert.bind(computation.entries)
        insert.bind(entry.idNumber.value)
        insert.bind(entry.name)
        insert.bind(entry.archiveNumber?.value)
        insert.bind(entry.studentIDNumber?.value)
        insert.bind(entry.isEligible ? 1 : 0)
        insert.bind(entry.amount.fen)
        insert.bind(reasons)
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
