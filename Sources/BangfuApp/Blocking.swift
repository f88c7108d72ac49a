import BangfuStore
import Foundation

/// Runs the use cases, which read and write SQLite synchronously, from async code (a web
/// request) without holding one of Swift concurrency's few cooperative threads meanwhile:
/// each call gets a thread of its own, and the caller is resumed with its result. A thread
/// per call, not a pool of the cores' size: a long computation must not keep a short page
/// waiting for a free thread.
public enum Blocking {
    /// `work`'s result, computed on a thread of its own. An error SQLite raised (a full disk,
    /// a locked or read-only file) comes out as the store's `StoreError`, which tells a person
    /// in Chinese what happened and that nothing was saved, instead of an internal error
    /// (bench/faults found the API answering 500 with no message).
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }.mapError { StoreError($0) ?? $0 }) }.start()
        }
    }
}
