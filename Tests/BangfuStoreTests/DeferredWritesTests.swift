import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// A server's reading requests write their audit line and their session's last use beside
/// the request: while an import holds the writer, the page still answers (issue 15).
struct DeferredWritesTests {
    /// Another connection holding SQLite's write lock, as an import in progress does, until
    /// `release` is signalled.
    private func holdWriteLock(_ path: String, until release: DispatchSemaphore) throws -> DispatchSemaphore {
        let holding = DispatchSemaphore(value: 0)
        let writer = try DatabaseQueue(path: path)
        Thread.detachNewThread {
            try? writer.inTransaction(.immediate) { db in
                try db.execute(sql: "INSERT INTO login_failures(login, at) VALUES ('import', 0)")
                holding.signal()
                release.wait()
                return .commit
            }
        }
        holding.wait()
        return holding
    }

    @Test func anAuditLineOfAViewWaitsForTheWriterButTheRequestDoesNot() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        _ = try BangfuDatabase(path: path)
        let store = try BangfuDatabase(path: path, concurrentReads: true)
        let release = DispatchSemaphore(value: 0)
        _ = try holdWriteLock(path, until: release)

        let started = Date()
        try store.appendAuditSoon(actor: "zhouting", action: .archiveView, detail: "QD-001", at: "2026-12-06T09:00:00")
        #expect(Date().timeIntervalSince(started) < 1, "the request waited for the writer")
        #expect(try store.auditLines().isEmpty)

        release.signal()
        store.finishDeferredWrites()
        #expect(try store.auditLines().map(\.detail) == ["QD-001"])
    }

    @Test func aSessionsUseCountsAtOnceAndIsWrittenAtMostOnceAMinute() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let single = try BangfuDatabase(path: path)
        try single.addAccount(.init(login: "zhouting", name: "周婷", roles: [.clerk], union: nil), passwordHash: "x", by: "t", at: "t")
        try single.startSession(tokenSHA256: "k", login: "zhouting", at: 1000)
        let store = try BangfuDatabase(path: path, concurrentReads: true)

        try store.touchSession(tokenSHA256: "k", at: 1030)
        #expect(try store.session(tokenSHA256: "k")?.lastUsed == 1030)
        store.finishDeferredWrites()
        #expect(try single.session(tokenSHA256: "k")?.lastUsed == 1030)

        try store.touchSession(tokenSHA256: "k", at: 1050)
        store.finishDeferredWrites()
        #expect(try store.session(tokenSHA256: "k")?.lastUsed == 1050)
        #expect(try single.session(tokenSHA256: "k")?.lastUsed == 1030, "written again within the minute")

        try store.touchSession(tokenSHA256: "k", at: 1100)
        store.finishDeferredWrites()
        #expect(try single.session(tokenSHA256: "k")?.lastUsed == 1100)
    }
}
