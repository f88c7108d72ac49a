import BangfuCore
import Foundation

/// The control file beside a bank list in CSV (`bank.csv.sum`), by which the receiver
/// tells a complete list from a cut one. The list itself must stay the table alone, header
/// first, for the bank's system to load; so its count, total and digest go beside it:
///
///     file=bank.csv
///     rows=353
///     total=1559746.00
///     sha256=3b1f…(64 hex digits)
///
/// It is written after the list: a list replaced without its control file (the program
/// killed between the two) fails the digest, as does a list cut short.
public enum ControlFile {
    /// `bank.csv` → `bank.csv.sum`.
    public static func path(for list: String) -> String { list + ".sum" }

    /// Writes the control file of the list at `list`, just written with `rows` data rows
    /// (below the header) adding up to `total`; the digest is of the file as it is on disk.
    public static func write(for list: String, rows: Int, total: Money) throws(ExportError) {
        let digest = try sha256(ofFileAt: list)
        let text = "file=\((list as NSString).lastPathComponent)\nrows=\(rows)\ntotal=\(total.yuanText)\nsha256=\(digest)\n"
        try writeDocument(Array(text.utf8), to: path(for: list))
    }

    /// The SHA-256 of the file at `path`, read in large pieces.
    static func sha256(ofFileAt path: String) throws(ExportError) -> String {
        guard let handle = fopen(path, "rb") else { throw .cannotWrite(path: path, reason: systemError()) }
        defer { fclose(handle) }
        var digest = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count > 0 { digest.update(buffer[..<count]) }
            if count < buffer.count {
                guard ferror(handle) == 0 else { throw .cannotWrite(path: path, reason: systemError()) }
                return digest.hexDigest()
            }
        }
    }
}
