import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// A server opens the database with a pool of readers: one person's long read never holds
/// up another's (issue 13).
struct ConcurrentReadsTests {
    @Test func withConcurrentReadsASecondReadFinishesWhileTheFirstIsStillReading() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        _ = try BangfuDatabase(path: path)
        let store = try BangfuDatabase(path: path, concurrentReads: true)
        #expect(store.queue is DatabasePool)

        let firstIsReading = DispatchSemaphore(value: 0)
        let releaseFirst = DispatchSemaphore(value: 0)
        let secondDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? store.queue.read { db -> Int in
                firstIsReading.signal()
                releaseFirst.wait()
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM households") ?? 0
            }
        }
        firstIsReading.wait()
        Thread.detachNewThread {
            _ = try? store.recordCounts()
            secondDone.signal()
        }
        let overlapped = secondDone.wait(timeout: .now() + 5) == .success
        releaseFirst.signal()
        #expect(overlapped, "the second read waited for the first")
    }

    @Test func aCommandReadsAndWritesOnOneConnection() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        #expect(try BangfuDatabase(path: path).queue is DatabaseQueue)
        #expect(try BangfuDatabase(path: path, access: .readOnly, concurrentReads: true).queue is DatabasePool)
    }
}
