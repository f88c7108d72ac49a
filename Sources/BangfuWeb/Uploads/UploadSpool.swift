import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a server writes its uploads to: `bangfu-uploads-<random>` in the temporary
/// folder, with a lock file the process holds (`flock`) for as long as it lives. An upload
/// in flight when the server is killed stays behind; the next `bangfu serve` removes the
/// folders whose lock nobody holds any more — its own kind only, never another running
/// server's, whatever their process ids (bench/faults left one behind per kill -9).
public final class UploadSpool: Sendable {
    /// The names of the spool folders start with this; nothing else is ever removed.
    static let prefix = "bangfu-uploads-"
    static let lockName = ".lock"

    /// The folder this process writes its uploads to.
    public let folder: URL
    /// The descriptor of the held lock file: open (and so locked) until the process ends.
    private let lock: Int32

    /// A new spool folder in `parent`, readable by this user only, locked by this process.
    /// It is made and locked under another name, then renamed: another server's clean-up
    /// never sees it unlocked.
    public init(in parent: URL = FileManager.default.temporaryDirectory) throws {
        let name = UUID().uuidString.lowercased()
        let staging = parent.appendingPathComponent(".\(Self.prefix)\(name)")
        let folder = parent.appendingPathComponent(Self.prefix + name)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let lock = open(staging.appendingPathComponent(Self.lockName).path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0, rename(staging.path, folder.path) == 0 else {
            if lock >= 0 { close(lock) }
            try? FileManager.default.removeItem(at: staging)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder.path])
        }
        self.folder = folder
        self.lock = lock
    }

    deinit {
        close(lock)
        try? FileManager.default.removeItem(at: folder)
    }

    /// A new, unused path for an upload.
    public func newPath() -> URL { TemporaryUpload.newPath(in: folder) }

    /// Removes from `parent` every spool folder no living process holds the lock of (a server
    /// killed, or a machine that stopped), with the uploads in it; returns how many. A folder
    /// whose lock cannot be taken at once is in use and kept.
    @discardableResult
    public static func removeAbandoned(in parent: URL = FileManager.default.temporaryDirectory) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(prefix) {
            let folder = parent.appendingPathComponent(name)
            let lock = open(folder.appendingPathComponent(lockName).path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
            // No lock file: a folder made and not yet locked, or not ours; left alone.
            guard lock >= 0 else { continue }
            defer { close(lock) }
            guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { continue }
            if (try? FileManager.default.removeItem(at: folder)) != nil { removed += 1 }
        }
        return removed
    }
}
