import Foundation

/// The kinds of file a sheet can be written as.
public enum SpreadsheetFormat: String, Sendable, CaseIterable {
    /// An Excel workbook: formats, merged cells, column widths, print set-up.
    case xlsx
    /// UTF-8 with a BOM and CRLF, as Excel on a Chinese Windows opens it.
    case csv

    /// The format named by the extension of `path`, in any case (`公示.XLSX`); nil for others.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// Writes `sheet` to `path` as the extension says: `.xlsx` or `.csv`. The file is written
/// beside `path` and renamed over it only when complete: on any failure an earlier file at
/// `path` stays as it was, and nothing else is left behind.
public func write(_ sheet: Sheet, to path: String) throws(ExportError) {
    guard let format = SpreadsheetFormat(path: path) else { throw .unknownFormat(path: path) }
    try sheet.check(for: path)
    try ReplacementFile.write(path) { file throws(ExportError) in
        switch format {
        case .xlsx: try XLSXSheetWriter.write(sheet, into: file)
        case .csv: try CSVSheetWriter.write(sheet, into: file)
        }
    }
}

/// The bytes of `sheet` as a file of `format`, for a download: written to a private folder
/// made inside `scratch`, read back, and removed whatever happens.
public func bytes(of sheet: Sheet, as format: SpreadsheetFormat, scratch: URL = FileManager.default.temporaryDirectory) throws(ExportError) -> [UInt8] {
    let folder = scratch.appendingPathComponent("bangfu-download-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("sheet.\(format.rawValue)").path
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    } catch {
        throw .cannotCreate(path: folder.path, reason: "\(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    try write(sheet, to: path)
    guard let data = FileManager.default.contents(atPath: path) else { throw .cannotWrite(path: path, reason: "cannot read back") }
    return [UInt8](data)
}
