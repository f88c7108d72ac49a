import BangfuCore
import BangfuStore

/// Computing a batch: the store hands out the candidates and takes the entries
/// (`BatchStore.replaceEntries`), the rules run here. The store's thread reads and writes
/// SQLite; the calculator and its reason texts run on the second core, chunk by chunk, in
/// order, counting what the batch has already given archive after archive.
enum BatchComputing {
    /// Archives per chunk handed to the second core.
    static let chunkSize = 512

    /// Writes every candidate's entries through `replacement`.
    static func compute(_ calculator: BatchCalculator, into replacement: any BatchEntryReplacement) throws {
        let running = RunningCalculator(calculator)
        if calculator.kind.takesHouseholds {
            // A corrupt row fails its chunk on the second core; `write` rethrows it here, in
            // order, so the transaction rolls back as when this thread made the records.
            let offload = OrderedOffload<any BatchRecordChunk, Result<[(entry: BatchEntry, reasons: String)], any Error>> { chunk in
                Result {
                    var out: [(entry: BatchEntry, reasons: String)] = []
                    try chunk.forEachRecord { household, members in
                        let entries = try running.calculator.entries(for: household, members: members)
                        try running.calculator.counting(entries)
                        for entry in entries { out.append((entry, entry.reasons.joined(separator: "\n"))) }
                    }
                    return out
                }
            }
            func write(_ result: Result<[(entry: BatchEntry, reasons: String)], any Error>) throws {
                for (entry, reasons) in try result.get() { try replacement.write(entry, reasons: reasons) }
            }
            try replacement.forEachHouseholdChunk(chunkSize: chunkSize) { chunk in try offload.submit(chunk, consume: write) }
            try offload.finish(consume: write)
        }
        if calculator.kind.takesModelWorkers {
            try replacement.forEachModelWorker { worker in
                let entries = try running.calculator.entries(for: worker)
                try running.calculator.counting(entries)
                for entry in entries { try replacement.write(entry, reasons: entry.reasons.joined(separator: "\n")) }
            }
        }
    }
}

/// The calculator of one computation as it goes. Touched by one thread at a time: the
/// offload thread while archives are computed, then — after `finish`, which waits for that
/// thread — the writing thread for the model workers.
private final class RunningCalculator: @unchecked Sendable {
    var calculator: BatchCalculator
    init(_ calculator: BatchCalculator) { self.calculator = calculator }
}
