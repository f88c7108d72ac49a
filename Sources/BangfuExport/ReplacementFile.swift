import Foundation

/// An output file written whole or not at all: the content goes to a new file beside the
/// target, which is renamed over the target only once complete and on disk. A failure, or
/// the program killed midway, leaves any earlier file at the target as it was; a bank
/// reading the folder never sees a shorter list in place of a complete one.
///
/// A target that is a device or a pipe (`/dev/stdout`, a FIFO) cannot be replaced by a
/// rename and is written in place.
struct ReplacementFile {
    /// The path the user named, for messages.
    let target: String
    /// Where the content is written: a hidden file beside the target, or the target itself
    /// when it is written in place.
    let temporary: String
    /// The file `temporary` is renamed to on `commit`: the target, or the file its
    /// symbolic link names; nil when the target is written in place.
    let destination: String?

    /// Creates the file to write; a folder that does not exist, or cannot be written, is
    /// reported here, before any work.
    init(replacing target: String) throws(ExportError) {
        self.target = target
        var status = stat()
        if stat(target, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            temporary = target
            destination = nil
            return
        }
        // Beside the file a symbolic link names, so that the link stays and the rename
        // stays within one file system.
        let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: target)) != nil
            ? URL(fileURLWithPath: target).resolvingSymlinksInPath().path : target
        let folder = (destination as NSString).deletingLastPathComponent
        let name = ".\((destination as NSString).lastPathComponent).\(getpid())-\(UInt32.random(in: .min ... .max)).tmp"
        temporary = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        self.destination = destination
        // Mode 0666 less the umask: the permissions any new file of the user gets.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotCreate(path: target, reason: systemError()) }
        close(descriptor)
    }

    /// Puts the complete, closed file in place of the target: on disk first, then renamed,
    /// then the folder's entry on disk, so that a power cut leaves one list or the other.
    /// On failure the caller discards the file.
    func commit() throws(ExportError) {
        guard let destination else { return }
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let reason = systemError()
            if descriptor >= 0 { close(descriptor) }
            throw .cannotWrite(path: target, reason: reason)
        }
        close(descriptor)
        guard rename(temporary, destination) == 0 else { throw .cannotWrite(path: target, reason: systemError()) }
        let folder = (destination as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Removes what was written; an earlier file at the target is untouched. A device or
    /// pipe written in place is not Bangfu's to remove.
    func discard() {
        if destination != nil { remove(temporary) }
    }
}

extension ReplacementFile {
    /// Writes a file whole with `body`, which writes to `temporary`: committed when `body`
    /// returns, discarded when it or the commit throws.
    static func write(_ target: String, _ body: (ReplacementFile) throws(ExportError) -> Void) throws(ExportError) {
        let file = try ReplacementFile(replacing: target)
        do {
            try body(file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
