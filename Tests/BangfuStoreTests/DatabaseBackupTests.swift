import BangfuCore
import BangfuStore
import Foundation
import GRDB
import Testing

/// `bangfu backup` and `bangfu restore` (issue 17): SQLite's online backup while another
/// connection writes, and a restore that refuses what is not a Bangfu database of this
/// version or would silently replace records.
struct DatabaseBackupTests {
    /// Counts writes that have committed, from the writing thread.
    final class Committed: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test func aBackupTakenDuringWritesHoldsEveryWriteCommittedBeforeItAndRestoresWhole() throws {
        let path = temporaryStorePath()
        let copy = temporaryStorePath()
        let restored = temporaryStorePath()
        defer { [path, copy, restored].forEach(removeStore) }
        // A server's database (a pool of readers), written by another thread the whole time.
        let store = try BangfuDatabase(path: path, concurrentReads: true)
        let committed = Committed()
        let done = DispatchSemaphore(value: 0)
        let stop = Committed()
        DispatchQueue.global().async {
            var n = 0
            while stop.count == 0 && n < 20_000 {
                n += 1
                try? store.appendAudit(actor: "writer", action: .other("test write"), detail: "\(n)", at: "2024-01-01T00:00:00")
                committed.add()
            }
            done.signal()
        }
        while committed.count < 200 { Thread.sleep(forTimeInterval: 0.001) }
        let before = committed.count
        let summary = try store.backup(to: copy, actor: "admin", at: "2024-01-02T00:00:00")
        let after = committed.count
        stop.add()
        done.wait()

        let backup = try DatabaseQueue(path: copy)
        let writes = try backup.read { db in try String.fetchAll(db, sql: "SELECT detail FROM audit WHERE action = 'test write' ORDER BY id") }
        #expect(writes.count >= before && writes.count <= after, "every write committed before the backup, none begun after it ended")
        #expect(writes == (1...writes.count).map(String.init), "the writes in it are the first ones, none missing")
        #expect(try backup.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        #expect(summary.auditLines == (try backup.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit") }))
        try backup.close()

        let (whole, kept) = try BangfuDatabase.restore(from: copy, into: restored, replace: false, actor: "admin", at: "2024-01-03T00:00:00")
        #expect(kept == nil)
        #expect(whole.auditLines == summary.auditLines + 1, "the restore's own audit line")
        #expect(try BangfuDatabase(path: restored).auditLines(AuditFilter()).filter { $0.action == .other("test write") }.count == writes.count)
    }

    @Test func aBackupNeverOverwritesAFile() throws {
        let path = temporaryStorePath()
        let existing = temporaryStorePath()
        defer { [path, existing].forEach(removeStore) }
        try Data("somebody's file".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(throws: BackupError.targetExists(path: existing)) { try BangfuDatabase(path: path).backup(to: existing, actor: "a", at: "t") }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "somebody's file")
    }

    @Test func aRestoreRefusesAFileThatIsNotABangfuDatabaseOrIsOfANewerSchema() throws {
        let target = temporaryStorePath()
        let text = temporaryStorePath()
        let other = temporaryStorePath()
        let newer = temporaryStorePath()
        defer { [target, text, other, newer].forEach(removeStore) }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: BackupError.notABangfuDatabase(path: text)) { try BangfuDatabase.restore(from: text, into: target, replace: false, actor: "a", at: "t") }
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE notes(text)") }
        #expect(throws: BackupError.notABangfuDatabase(path: other)) { try BangfuDatabase.restore(from: other, into: target, replace: false, actor: "a", at: "t") }
        _ = try BangfuDatabase(path: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99 from the future')") }
        #expect(throws: BackupError.newerSchema(path: newer)) { try BangfuDatabase.restore(from: newer, into: target, replace: false, actor: "a", at: "t") }
        #expect(!FileManager.default.fileExists(atPath: target), "nothing was written")
    }

    @Test func aDatabaseWithRecordsIsReplacedOnlyWhenAskedAndIsKeptBesideFirst() throws {
        let source = temporaryStorePath()
        let target = temporaryStorePath()
        let copy = temporaryStorePath()
        defer { [source, target, copy].forEach(removeStore) }
        try BangfuDatabase(path: source).appendAudit(actor: "old", action: .other("in the backup"), detail: "", at: "t")
        _ = try BangfuDatabase(path: source).backup(to: copy, actor: "admin", at: "2024-01-02T10:00:00")
        try BangfuDatabase(path: target).appendAudit(actor: "today", action: .other("since the backup"), detail: "", at: "t")
        #expect(throws: BackupError.targetHoldsRecords(path: target)) {
            try BangfuDatabase.restore(from: copy, into: target, replace: false, actor: "admin", at: "2024-01-03T09:00:00")
        }
        let (_, kept) = try BangfuDatabase.restore(from: copy, into: target, replace: true, actor: "admin", at: "2024-01-03T09:00:00")
        let keptAs = try #require(kept)
        defer { removeStore(at: keptAs) }
        #expect(try BangfuDatabase(path: target).auditLines(AuditFilter()).contains { $0.action == .other("in the backup") })
        #expect(try !BangfuDatabase(path: target).auditLines(AuditFilter()).contains { $0.action == .other("since the backup") })
        #expect(try BangfuDatabase(path: keptAs).auditLines(AuditFilter()).contains { $0.action == .other("since the backup") })
    }
}
