import Foundation

/// The files a command is about to write, checked before anything is opened: an output
/// that is the database (or one of SQLite's files beside it) would destroy it, and two
/// outputs that are one file would leave only the second (a bank list, with full account
/// numbers, under the name of the public notice).
enum OutputPaths {
    /// One file to be written and the option that named it, for messages.
    struct Output {
        /// `--notice`, `--out`, …
        let option: String
        /// The path as given.
        let path: String
    }

    /// The files SQLite keeps beside a database: its journal, write-ahead log and shared memory.
    static let databaseCompanions = ["", "-wal", "-journal", "-shm"]

    /// Refuses (exit 1) an output that is `database` or a file beside it, or that is
    /// another of `outputs`; the same file however named: `./x` and `x`, a symbolic link,
    /// a hard link.
    static func check(_ outputs: [Output], database: String) throws {
        for (index, output) in outputs.enumerated() {
            let identity = FileIdentity(output.path)
            for suffix in databaseCompanions where identity.isSame(as: database + suffix) || identity.isSame(as: resolved(database) + suffix) {
                throw CommandError(
                    "\(output.option) 的文件 \(output.path) 就是数据库\(suffix.isEmpty ? "" : "的附属文件") \(database + suffix)，写入会毁掉数据库；请换一个文件名",
                    english: "\(output.option) \(output.path) is the database \(database + suffix): writing it would destroy the database")
            }
            if let other = outputs[..<index].first(where: { identity.isSame(as: $0.path) }) {
                throw CommandError(
                    "\(other.option) 与 \(output.option) 是同一个文件 \(output.path)，后写的会覆盖先写的；请换一个文件名",
                    english: "\(other.option) and \(output.option) name the same file \(output.path): one would overwrite the other")
            }
        }
    }

    /// `path` with every symbolic link in it resolved, as far as the path exists.
    private static func resolved(_ path: String) -> String { FileIdentity(path).path }
}

/// What makes two paths one file: the same device and inode when it exists (which also
/// catches hard links), else the same path once the existing folders are resolved.
private struct FileIdentity {
    /// The absolute path, its folder's symbolic links resolved.
    let path: String
    /// Device and inode, when the file exists.
    let node: (device: UInt64, inode: UInt64)?

    init(_ given: String) {
        var status = stat()
        node = stat(given, &status) == 0 ? (UInt64(status.st_dev), UInt64(status.st_ino)) : nil
        let absolute = URL(fileURLWithPath: given).standardizedFileURL
        // The folder exists more often than the file: resolve it, then add the name.
        let folder = absolute.deletingLastPathComponent().resolvingSymlinksInPath()
        let whole = absolute.resolvingSymlinksInPath()
        path = node != nil ? whole.path : folder.appendingPathComponent(absolute.lastPathComponent).path
    }

    func isSame(as other: String) -> Bool {
        let identity = FileIdentity(other)
        if let node, let otherNode = identity.node { return node == otherNode }
        return path == identity.path
    }
}
