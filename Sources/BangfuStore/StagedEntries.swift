import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// A computation's entries on their way in: a file of their own in the temporary folder,
/// written without a journal (it is thrown away whole on any failure), removed when done.
///
/// It holds the batch's names and 身份证号, so a computation killed with `kill -9` must not
/// leave it behind for good: the process holds an `flock` on the file while it lives, and
/// each new computation first removes the staging files nobody holds (`removeAbandoned`).
final class StagedEntries {
    /// The names of staging files start with this; nothing else is ever removed.
    static let prefix = "bangfu-entries-"

    let path: String
    let queue: DatabaseQueue
    /// The descriptor of the held lock: open, and so locked, until `remove`.
    private let lock: Int32

    init(in folder: URL = FileManager.default.temporaryDirectory) throws {
        Self.removeAbandoned(in: folder)
        // Made and locked under another name, then renamed: a sweep never sees it unlocked.
        let name = "\(Self.prefix)\(UUID().uuidString).sqlite"
        let hidden = folder.appendingPathComponent("." + name).path
        path = folder.appendingPathComponent(name).path
        let lock = open(hidden, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0, rename(hidden, path) == 0 else {
            if lock >= 0 { close(lock) }
            unlink(hidden)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.lock = lock
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE entries (
                        position INTEGER PRIMARY KEY, id_number TEXT NOT NULL, name TEXT NOT NULL, archive_no TEXT,
                        student_id_number TEXT, eligible INTEGER NOT NULL, amount_fen INTEGER NOT NULL, reasons TEXT NOT NULL,
                        reason_lines BLOB, reasons_cut INTEGER NOT NULL)
                    """)
            }
        } catch {
            unlink(path)
            close(lock)
            throw error
        }
    }

    func remove() {
        try? queue.close()
        unlink(path)
        close(lock)
    }

    /// How long an unlocked staging file is left alone: a bangfu from before these locks,
    /// still running beside a new one, does not hold them, and writes its file all along.
    static let graceSeconds: TimeInterval = 600

    /// Removes the staging files of `folder` that no living process holds and that have not
    /// changed for `graceSeconds`: left by a computation that was killed. Returns how many.
    @discardableResult
    static func removeAbandoned(in folder: URL = FileManager.default.temporaryDirectory, now: Date = Date()) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".sqlite") {
            let path = folder.appendingPathComponent(name).path
            guard let changed = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(changed) > graceSeconds
            else { continue }
            let lock = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
            guard lock >= 0 else { continue }
            defer { close(lock) }
            guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
