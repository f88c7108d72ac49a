import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// The batch computations of the pages and the API, one at a time off the event loop (they
/// write the same database, whose writes take turns anyway): a page starts one and shows
/// its state, refreshing itself, so that no request waits a minute on a province's batch.
/// A batch has at most one computation queued or running; a second one is refused. A
/// finished one is kept for `keepFinishedFor`, for its page to say how it ended.
public actor BatchComputes {
    /// Where a computation is.
    public enum State: Sendable {
        /// Waiting for the computation before it.
        case queued
        /// Computing: `done` of `total` candidates (archives, then model workers).
        case running(done: Int, total: Int)
        /// Finished: what was written.
        case done(BatchComputation)
        /// Refused or failed: the reason in Chinese.
        case failed(String)

        /// Queued or running.
        public var isActive: Bool {
            switch self {
            case .queued, .running: true
            case .done, .failed: false
            }
        }
    }

    /// A computation as the batch page shows it.
    public struct Job: Sendable {
        public let batch: Int64
        /// The login of the account that asked for it.
        public let owner: String
        public var state: State
    }

    private struct Entry {
        var job: Job
        let context: RequestContext
        let done = RowCount()
        var total = 0
        var finishedAt: Date?
        var waiters: [CheckedContinuation<BatchComputation, any Error>] = []
    }

    private let store: BangfuDatabase
    private let keepFinishedFor: TimeInterval
    private var entries: [Int64: Entry] = [:]
    private var waiting: [Int64] = []
    private var running: Int64?

    public init(store: BangfuDatabase, keepFinishedFor: TimeInterval = 3600) {
        self.store = store
        self.keepFinishedFor = keepFinishedFor
    }

    /// Queues a computation of batch `id` for the context's person; refused while one of
    /// the same batch is queued or running.
    public func start(batch id: Int64, context: RequestContext) throws(BatchComputeBusy) {
        dropExpired()
        if let entry = entries[id], entry.job.state.isActive { throw BatchComputeBusy(batch: id) }
        entries[id] = Entry(job: Job(batch: id, owner: context.actor.name, state: .queued), context: context)
        waiting.append(id)
        startNext()
    }

    /// Computes batch `id` through the queue and waits for the end (the API's step): what
    /// was written, or the computation's own error; refused as `start` refuses.
    public func run(batch id: Int64, context: RequestContext) async throws -> BatchComputation {
        try start(batch: id, context: context)
        return try await withCheckedThrowingContinuation { continuation in entries[id]?.waiters.append(continuation) }
    }

    /// The last computation of batch `id`, running or finished within `keepFinishedFor`.
    public func job(batch id: Int64) -> Job? {
        dropExpired()
        guard let entry = entries[id] else { return nil }
        var job = entry.job
        if case .running = job.state { job.state = .running(done: entry.done.value, total: entry.total) }
        return job
    }

    private func startNext() {
        guard running == nil, !waiting.isEmpty else { return }
        let id = waiting.removeFirst()
        guard let entry = entries[id] else { return startNext() }
        running = id
        entries[id]?.job.state = .running(done: 0, total: 0)
        let (store, context, done) = (store, entry.context, entry.done)
        Task {
            do {
                let total = try await Blocking.run { try store.candidateCount(for: try store.batch(id).kind) }
                entries[id]?.total = total
                let computation = try await Blocking.runInBackground {
                    try Batches.compute(batch: id, in: store, context: context) { done.value = $0 }.computation
                }
                finish(id, .success(computation))
            } catch {
                finish(id, .failure(error))
            }
        }
    }

    private func finish(_ id: Int64, _ result: Result<BatchComputation, any Error>) {
        switch result {
        case .success(let computation): entries[id]?.job.state = .done(computation)
        case .failure(let error): entries[id]?.job.state = .failed((error as? any UserFacingError)?.chinese ?? "服务器内部错误，批次未计算")
        }
        entries[id]?.finishedAt = Date()
        for waiter in entries[id]?.waiters ?? [] { waiter.resume(with: result) }
        entries[id]?.waiters = []
        running = nil
        startNext()
    }

    private func dropExpired() {
        let cutoff = Date().addingTimeInterval(-keepFinishedFor)
        for (id, entry) in entries {
            if let finishedAt = entry.finishedAt, finishedAt < cutoff { entries[id] = nil }
        }
    }
}

/// A second computation of a batch while one is queued or running.
public struct BatchComputeBusy: Error, Equatable, UserFacingError {
    public let batch: Int64

    public var chinese: String { "批次 \(batch) 正在计算中，请等这次计算完成后再试" }
    public var english: String { "batch \(batch) is already being computed" }
    public var failure: Failure { .refused }
}
