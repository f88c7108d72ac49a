import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Blocking {
    /// `work`'s result, computed on a thread of its own that yields the cores to requests: a
    /// batch of a province or the duplicate check of its year takes seconds of both cores,
    /// and a clerk's page must not queue behind it (bench/load: a household page's p99 went
    /// up with every computation beside it). The thread runs at a nice value `niceness`
    /// above the server's; the threads it starts (the compute's second core) inherit it.
    /// When no request is waiting, the work has the cores as before.
    public static func runInBackground<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await run {
            BackgroundPriority.lowerThisThread()
            return try work()
        }
    }
}

/// The scheduling priority of background work (Linux: the nice value is a thread's own).
public enum BackgroundPriority {
    /// How much lower than the server's threads: at 10, the scheduler gives a waiting
    /// request about nine times the CPU share of the background work.
    public static let niceness: Int32 = 10

    /// Lowers the calling thread's priority by `niceness`; the thread cannot raise it again,
    /// so call it only on a thread of its own. (`PRIO_PROCESS` with 0 names the calling task,
    /// which on Linux is this thread, not the whole process.)
    static func lowerThisThread() {
        #if os(Linux)
            errno = 0
            let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            guard errno == 0 else { return }
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + niceness))
        #endif
    }

    /// The calling thread's nice value (for tests).
    public static func currentNiceness() -> Int32 {
        #if os(Linux)
            errno = 0
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
            return 0
        #endif
    }
}
