import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Async callers (the web's requests) run the synchronous use cases on threads of their own.
struct BlockingTests {
    @Test func manyBlockingCallsRunAtOnceWithoutHoldingTheCooperativePool() async throws {
        // Eight calls that each wait a quarter second finish together, well under the two
        // seconds they would take one after another (the cooperative pool has two threads here).
        let started = Date()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask { try await Blocking.run { Thread.sleep(forTimeInterval: 0.25); return index } }
            }
            var seen = 0
            for try await _ in group { seen += 1 }
            #expect(seen == 8)
        }
        #expect(Date().timeIntervalSince(started) < 1.5)
    }

    @Test func anErrorOfTheWorkReachesTheCaller() async throws {
        let store = try BangfuDatabase()
        await #expect(throws: BatchStoreError.noSuchBatch(7)) {
            try await Blocking.run { try store.batch(7) }
        }
    }
}
