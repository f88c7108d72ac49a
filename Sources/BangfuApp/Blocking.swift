import Dispatch

/// Runs the use cases, which read and write SQLite synchronously, from async code (a web
/// request) without holding one of Swift concurrency's few cooperative threads meanwhile:
/// the work goes to a dispatch queue's thread and the caller is resumed with its result.
public enum Blocking {
    /// Where the work runs: threads of their own, as many as the work needs at once.
    private static let queue = DispatchQueue(label: "bangfu.blocking", qos: .userInitiated, attributes: .concurrent)

    /// `work`'s result, computed on a thread of `queue`.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
