import BangfuCore
import BangfuStore

/// Computing a batch: the store hands out the candidates and takes the entries
/// (`BatchStore.replaceEntries`), the rules run here. The store's thread reads and writes
/// SQLite; the calculator runs on the second core, chunk by chunk, in
/// order, counting what the batch has already given archive after archive.
enum BatchComputing {
    /// Archives per chunk handed to the second core.
    static let chunkSize = 512

    /// Writes every candidate's entries through `replacement`, telling `progress` how many
    /// candidates (archives, then model workers) are written so far. The store hands each
    /// archive's people's aid on file with the archive, so `calculator.earlier` holds none
    /// of it (only, for the model-worker kinds, the roll's).
    static func compute(_ calculator: BatchCalculator, into replacement: any BatchEntryReplacement, progress: (Int) -> Void = { _ in }) throws {
        let running = RunningCalculator(calculator)
        // Only these people's payments are remembered: memory stays flat in the archives.
        let metAgain = try replacement.peopleMetAgain(for: calculator.kind)
        var done = 0
        if calculator.kind.takesHouseholds {
            // A corrupt row fails its chunk on the second core; `write` rethrows it here, in
            // order, so the transaction rolls back as when this thread made the records.
            let offload = OrderedOffload<any BatchRecordChunk, Result<ComputedChunk, any Error>> { chunk in
                Result {
                    var out = ComputedChunk()
                    try chunk.forEachRecord { household, members, onFile in
                        let entries = try running.calculator.entries(for: household, members: members, onFile: onFile)
                        try running.calculator.counting(entries, remembering: metAgain)
                        out.entries += entries
                        out.archives += 1
                    }
                    return out
                }
            }
            func write(_ result: Result<ComputedChunk, any Error>) throws {
                let chunk = try result.get()
                for entry in chunk.entries { try replacement.write(entry) }
                done += chunk.archives
                progress(done)
            }
            try replacement.forEachHouseholdChunk(for: calculator.kind, year: calculator.date.year, metAgain: metAgain, chunkSize: chunkSize) { chunk in
                try offload.submit(chunk, consume: write)
            }
            try offload.finish(consume: write)
        }
        if calculator.kind.takesModelWorkers {
            try replacement.forEachModelWorker { worker in
                let entries = try running.calculator.entries(for: worker)
                try running.calculator.counting(entries, remembering: metAgain)
                for entry in entries { try replacement.write(entry) }
                done += 1
                if done % 256 == 0 { progress(done) }
            }
            progress(done)
        }
    }
}

/// A chunk's entries (their reasons still templates and numbers), and how many archives it held.
private struct ComputedChunk: Sendable {
    var entries: [BatchEntry] = []
    var archives = 0
}

/// The calculator of one computation as it goes. Touched by one thread at a time: the
/// offload thread while archives are computed, then — after `finish`, which waits for that
/// thread — the writing thread for the model workers.
private final class RunningCalculator: @unchecked Sendable {
    var calculator: BatchCalculator
    init(_ calculator: BatchCalculator) { self.calculator = calculator }
}
