import Foundation

/// Runs the use cases, which read and write SQLite synchronously, from async code (a web
/// request) without holding one of Swift concurrency's few cooperative threads meanwhile:
/// each call gets a thread of its own, and the caller is resumed with its result. A thread
/// per call, not a pool of the cores' size: a long computation must not keep a short page
/// waiting for a free thread.
public enum Blocking {
    /// `work`'s result, computed on a thread of its own.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
