import BangfuCore
import Foundation
import GRDB

extension BangfuDatabase {
    /// Replaces the entries of a batch not yet approved with those `calculator` gives for
    /// every candidate archive and model worker, in one transaction; readers keep seeing the
    /// entries as they were until it commits (WAL).
    public func recompute(batch id: Int64, with calculator: BatchCalculator, actor: String, at: String) throws -> BatchComputation {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            do { _ = try BatchWorkflow.compute(batch.progress) } catch let refusal as WorkflowRefusal { throw BatchStoreError.refused(batch: id, refusal) }
            try db.execute(sql: "DELETE FROM batch_entries WHERE batch_id = ?", arguments: [id])
            let insert = try FastStatement(db, sql: """
                INSERT INTO batch_entries(batch_id, position, id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var computation = BatchComputation()
            func write(_ entries: [(entry: BatchEntry, reasons: String)]) throws {
                for (entry, reasons) in entries {
                    try computation.count(entry)
                    insert.bind(Int(id))
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
            // This thread reads and writes SQLite; the rules and their reason texts run on
            // the second core, in chunks, in order. The calculator counts what the batch has
            // already given, archive after archive, on that core alone.
            let chunkSize = 512
            let running = RunningCalculator(calculator)
            if calculator.kind.takesHouseholds {
                // A corrupt row fails its chunk on the second core; `writeChunk` rethrows it here, in
                // order, so the transaction rolls back as when this thread made the records.
                let offload = OrderedOffload<BatchRows, Result<[(entry: BatchEntry, reasons: String)], any Error>> { rows in
                    Result {
                        var out: [(entry: BatchEntry, reasons: String)] = []
                        try rows.forEachRecord { household, members in
                            let entries = try running.calculator.entries(for: household, members: members)
                            try running.calculator.counting(entries)
                            for entry in entries { out.append((entry, entry.reasons.joined(separator: "\n"))) }
                        }
                        return out
                    }
                }
                func writeChunk(_ result: Result<[(entry: BatchEntry, reasons: String)], any Error>) throws { try write(result.get()) }
                try BangfuDatabase.forEachBatchChunk(db, chunkSize: chunkSize) { rows in
                    try offload.submit(rows, consume: writeChunk)
                }
                try offload.finish(consume: writeChunk)
            }
            if calculator.kind.takesModelWorkers {
                try BangfuDatabase.forEachModelWorker(db) { worker in
                    let entries = try running.calculator.entries(for: worker)
                    try running.calculator.counting(entries)
                    try write(entries.map { ($0, $0.reasons.joined(separator: "\n")) })
                }
            }
            // A new computation starts the review over: earlier reviews saw other entries.
            try db.execute(
                sql: """
                    UPDATE batches SET status = 'computed', total_fen = ?, dibao_monthly_fen = ?, computed_at = ?,
                        first_reviewed_by = NULL, first_reviewed_at = NULL, second_reviewed_by = NULL, second_reviewed_at = NULL
                    WHERE id = ?
                    """,
                arguments: [computation.total.fen, calculator.dibao.fen, at, id])
            try Self.appendAudit(
                db, at: at, actor: actor, action: .batchCompute, batch: id,
                detail: "\(computation.entries) entries, \(computation.eligible) eligible, total \(computation.total.yuanText)"
                    + (batch.status == .draft ? "" : "; replaced the entries of a \(batch.status.rawValue) batch"))
            return computation
        }
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

/// The calculator of one computation as it goes. Touched by one thread at a time: the
/// offload thread while archives are computed, then — after `finish`, which waits for that
/// thread — the writing thread for the model workers.
private final class RunningCalculator: @unchecked Sendable {
    var calculator: BatchCalculator
    init(_ calculator: BatchCalculator) { self.calculator = calculator }
}
