import Foundation

/// Writes `bytes` (a text document: a drafted report, a control file) to `path` whole or not
/// at all (`ReplacementFile`).
public func writeDocument(_ bytes: [UInt8], to path: String) throws(ExportError) {
    try ReplacementFile.write(path) { file throws(ExportError) in
        guard let handle = fopen(file.temporary, "wb") else { throw .cannotCreate(path: path, reason: systemError()) }
        let written = fwrite(bytes, 1, bytes.count, handle)
        let closed = fclose(handle)
        guard written == bytes.count, closed == 0 else { throw .cannotWrite(path: path, reason: systemError()) }
    }
}
