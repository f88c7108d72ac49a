import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

/// The import wizard's background work: checks and imports of uploaded files, run one at a
/// time off the event loop, whose state a page polls by id, so that no request waits on a
/// long import. A job belongs to the account that started it: to any other it does not
/// exist. A finished job is kept for `keepFinishedFor`, then dropped with its file.
public actor ImportJobs {
    /// What a job does with its file.
    public enum Mode: Sendable, Equatable {
        /// `Imports.check`: every problem, nothing stored (the wizard's preview).
        case check
        /// `Imports.run`: all or nothing.
        case store
    }

    /// Where a job is.
    public enum State: Sendable {
        /// Waiting for the job before it.
        case queued
        /// Reading the file: about this many rows so far.
        case reading(rows: Int)
        /// Finished: what the import did, or for a check what it would do.
        case done(ImportSummary)
        /// Refused: the message and every problem of the file.
        case failed(ImportJobFailure)
    }

    /// A job as its owner sees it.
    public struct Job: Sendable {
        public let id: ImportJobID
        public let kind: ImportKind
        /// The file's name on the owner's computer.
        public let fileName: String
        public let mode: Mode
        /// The login of the account that started it.
        public let owner: String
        public var state: State
    }

    private struct Entry {
        var job: Job
        /// The uploaded file, owned by this job until it is dropped or handed on.
        var file: URL?
        let rows = RowCount()
        var finishedAt: Date?
    }

    private let store: any RecordStore & AccountStore
    private let keepFinishedFor: TimeInterval
    private let now: @Sendable () -> Date
    private var entries: [ImportJobID: Entry] = [:]
    private var waiting: [ImportJobID] = []
    private var running: ImportJobID?

    /// Jobs over `store`; `now` is the clock for dropping finished jobs (a test's own).
    public init(
        store: any RecordStore & AccountStore, keepFinishedFor: TimeInterval = 3600, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.keepFinishedFor = keepFinishedFor
        self.now = now
    }

    deinit {
        for entry in entries.values { entry.file.map { try? FileManager.default.removeItem(at: $0) } }
    }

    /// Queues a check or an import of `file` as `kind` for `account`, taking the file over.
    public func start(_ kind: ImportKind, file: URL, named fileName: String, mode: Mode, by account: Account) -> ImportJobID {
        dropExpired()
        let id = ImportJobID(UUID().uuidString.lowercased())
        let job = Job(id: id, kind: kind, fileName: fileName, mode: mode, owner: account.login, state: .queued)
        entries[id] = Entry(job: job, file: file)
        waiting.append(id)
        startNext()
        return id
    }

    /// Imports the file a finished, clean check of `account` read, without a second
    /// upload: the check hands its file to a new job.
    public func store(checked id: ImportJobID, by account: Account) throws(ImportJobError) -> ImportJobID {
        dropExpired()
        guard let entry = entries[id], entry.job.owner == account.login else { throw .notFound }
        guard entry.job.mode == .check, case .done = entry.job.state, let file = entry.file else { throw .notCheckedClean }
        entries[id]?.file = nil
        return start(entry.job.kind, file: file, named: entry.job.fileName, mode: .store, by: account)
    }

    /// The job `id` as `account` may see it: nil when it does not exist, was dropped, or
    /// belongs to another account.
    public func job(_ id: ImportJobID, for account: Account) -> Job? {
        dropExpired()
        guard let entry = entries[id], entry.job.owner == account.login else { return nil }
        var job = entry.job
        if case .reading = job.state { job.state = .reading(rows: entry.rows.value) }
        return job
    }

    private func startNext() {
        guard running == nil, !waiting.isEmpty else { return }
        let id = waiting.removeFirst()
        guard let entry = entries[id], let file = entry.file else { return startNext() }
        running = id
        entries[id]?.job.state = .reading(rows: 0)
        let (job, rows, store) = (entry.job, entry.rows, store)
        Task {
            do {
                let summary = try await Blocking.run {
                    let context = RequestContext(actor: try Person(name: job.owner))
                    let progress: @Sendable (Int) -> Void = { rows.value = $0 }
                    return switch job.mode {
                    case .check: try Imports.check(job.kind, path: file.path, named: job.fileName, in: store, context: context, progress: progress)
                    case .store: try Imports.run(job.kind, path: file.path, named: job.fileName, into: store, context: context, progress: progress)
                    }
                }
                finish(id, .done(summary))
            } catch {
                finish(id, .failed(ImportJobFailure(error)))
            }
        }
    }

    private func finish(_ id: ImportJobID, _ state: State) {
        entries[id]?.job.state = state
        entries[id]?.finishedAt = now()
        // An import's file has served, and so has a file its check refused (it holds people's
        // data and nobody will import it); a clean check's waits for `store(checked:)`.
        var served = entries[id]?.job.mode == .store
        if case .failed = state { served = true }
        if served, let file = entries[id]?.file {
            try? FileManager.default.removeItem(at: file)
            entries[id]?.file = nil
        }
        running = nil
        startNext()
    }

    private func dropExpired() {
        let cutoff = now().addingTimeInterval(-keepFinishedFor)
        for (id, entry) in entries {
            guard let finishedAt = entry.finishedAt, finishedAt < cutoff else { continue }
            if let file = entry.file { try? FileManager.default.removeItem(at: file) }
            entries[id] = nil
        }
    }
}

/// A job's id: random, so that one cannot be guessed from another.
public struct ImportJobID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { value }
}

/// Why a job failed, as the wizard shows it.
public struct ImportJobFailure: Sendable {
    /// The whole file's problem, in Chinese.
    public var message: String
    /// The same in English, for the log.
    public var english: String
    /// Every bad row of the file (empty when the file as a whole is refused).
    public var problems: [RowIssue]

    init(_ error: any Error) {
        if let error = error as? ImportError {
            (message, english, problems) = (error.headline.chinese, error.headline.english, error.issues)
        } else if let error = error as? any UserFacingError {
            (message, english, problems) = (error.chinese, error.english, [])
        } else {
            (message, english, problems) = ("服务器内部错误，未导入任何数据", "internal error: \(error)", [])
        }
    }
}

/// Why a job cannot be taken further.
public enum ImportJobError: Error, Equatable, UserFacingError {
    /// No such job for this account (or it was dropped).
    case notFound
    /// Only a check that found no problem can be imported.
    case notCheckedClean

    public var chinese: String {
        switch self {
        case .notFound: "没有这个导入任务（可能已过期），请重新上传"
        case .notCheckedClean: "只有检查通过的文件才能导入，请改正后重新上传"
        }
    }

    public var english: String {
        switch self {
        case .notFound: "no such import job"
        case .notCheckedClean: "only a file checked without problems can be imported"
        }
    }

    public var failure: Failure { self == .notFound ? .notFound : .refused }
}

/// The rows an import has read, written by its reading thread and read by the actor.
final class RowCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Guarded by `lock`: the only state, so `@unchecked Sendable` holds.
    var value: Int {
        get { lock.withLock { count } }
        set { lock.withLock { count = newValue } }
    }
}
