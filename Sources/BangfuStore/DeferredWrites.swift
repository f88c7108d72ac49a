import Foundation
import GRDB
import Synchronization

/// The small writes a reading request makes — the audit line of an archive viewed, a
/// session's last use — done beside the request instead of in it. An import or a batch of a
/// province holds SQLite's one writer for seconds; a clerk opening a household page must
/// not wait for it (issue 15: p99 under 50 ms while an import runs). The writes go, in
/// order, through a connection of their own, which waits for the writer as long as it
/// takes; until then they live in this process only.
final class DeferredWrites: Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "bangfu.deferred-writes")

    init(path: String, configuration: Configuration) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Runs `write` in a transaction of its own, after every write enqueued before it. A
    /// busy database is waited for (again and again: an import may take minutes); any other
    /// failure is logged and the write dropped, as it would have failed in the request too.
    func enqueue(_ write: @escaping @Sendable (Database) throws -> Void) {
        let connection = connection
        queue.async {
            while true {
                do {
                    try connection.write(write)
                    return
                } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
                    continue
                } catch {
                    FileHandle.standardError.write(Data("bangfu: a deferred write failed and was dropped: \(error)\n".utf8))
                    return
                }
            }
        }
    }

    /// Returns once every write enqueued before has been done.
    func finish() {
        queue.sync {}
    }
}

/// The last use of each session seen by this process, ahead of what the database holds:
/// the idle limit is reckoned from the later of the two.
final class RecentSessionUse: Sendable {
    private let uses = Mutex<[String: (used: Int, written: Int?)]>([:])

    /// Notes a use at `at`; true when the database should hear of it: its last write of this
    /// session is `interval` seconds old or more, or this process has written none.
    func note(_ key: String, at: Int, writeEvery interval: Int) -> Bool {
        uses.withLock { uses in
            let known = uses[key]
            let due = known?.written.map { at - $0 >= interval } ?? true
            uses[key] = (max(known?.used ?? 0, at), due ? at : known?.written)
            return due
        }
    }

    func lastUse(_ key: String) -> Int? { uses.withLock { $0[key]?.used } }
    func forget(_ key: String) { _ = uses.withLock { $0.removeValue(forKey: key) } }
}
