import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Async callers (the web's requests) run the synchronous use cases on threads of their own.
struct BlockingTests {
    /// Counts the calls that are running, and lets them go only when all are.
    final class Rendezvous: @unchecked Sendable {
        private let condition = NSCondition()
        private var arrived = 0
        let expected: Int
        init(expected: Int) { self.expected = expected }

        /// Whether every call arrived while this one waited (false after `patience`).
        func meet(patience: TimeInterval) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            arrived += 1
            condition.broadcast()
            let deadline = Date().addingTimeInterval(patience)
            while arrived < expected { if !condition.wait(until: deadline) { return false } }
            return true
        }
    }

    @Test func moreBlockingCallsThanCoresAllRunAtOnce() async throws {
        // Eight calls, each waiting for all eight to be running: with fewer threads than
        // calls, none would see the others arrive.
        let rendezvous = Rendezvous(expected: 8)
        let met = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { try await Blocking.run { rendezvous.meet(patience: 30) } } }
            var all: [Bool] = []
            for try await met in group { all.append(met) }
            return all
        }
        #expect(met == Array(repeating: true, count: 8))
    }

    @Test func anErrorOfTheWorkReachesTheCaller() async throws {
        let store = try BangfuDatabase()
        await #expect(throws: BatchStoreError.noSuchBatch(7)) {
            try await Blocking.run { try store.batch(7) }
        }
    }
}
