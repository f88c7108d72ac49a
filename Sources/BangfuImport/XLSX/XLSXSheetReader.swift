import Foundation
import ZIPFoundation

/// Reads the first worksheet of an xlsx workbook as Excel saves it, row by row, as text:
/// shared and inline strings (rich text runs joined), numbers as Excel shows them in
/// General format, dates (numbers in a date style) as `YYYY-MM-DD`, booleans as
/// `TRUE`/`FALSE`, formulas by their cached value, gaps by cell reference. The sheet is
/// inflated and parsed as it streams; only the shared strings are held (`SharedStrings`).
public struct XLSXSheetReader {
    /// The file, as messages name it.
    public let path: String
    private let archive: Archive
    private let sheetPath: String
    private let stringsPath: String?
    private let stylesPath: String?
    private let date1904: Bool

    /// Opens the workbook at `path` and finds its first worksheet (`xl/workbook.xml` and
    /// its relationships).
    public init(path: String) throws(ImportError) {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .brokenWorkbook(file: path, problem: .notAZip)
        }
        let workbook = WorkbookPart()
        let relationships = RelationshipsPart()
        try Self.stream("xl/workbook.xml", of: archive, file: path, into: workbook, required: true)
        try Self.stream("xl/_rels/workbook.xml.rels", of: archive, file: path, into: relationships, required: true)
        guard let sheetID = workbook.firstSheet, let sheetPath = relationships.path(ofID: sheetID), archive[sheetPath] != nil else {
            throw .brokenWorkbook(file: path, problem: .noWorksheet)
        }
        self.sheetPath = sheetPath
        date1904 = workbook.date1904
        stringsPath = relationships.path(ofType: "sharedStrings")
        stylesPath = relationships.path(ofType: "styles")
    }

    /// Calls `body` with each row that has a cell, in order, until it returns false.
    public func forEachRow(_ body: @escaping (SheetRow) -> Bool) throws(ImportError) {
        let strings = SharedStrings()
        if let stringsPath {
            try Self.stream(stringsPath, of: archive, file: path, into: strings, required: false) { strings.stream = $0 }
            if strings.isTooLarge { throw .brokenWorkbook(file: path, problem: .tooLarge(stringsPath)) }
        }
        let styles = StylesPart()
        if let stylesPath { try Self.stream(stylesPath, of: archive, file: path, into: styles, required: false) }
        let rows = WorksheetRows(strings: strings, dateStyles: styles.dateStyles, date1904: date1904, file: path, onRow: body)
        try Self.stream(sheetPath, of: archive, file: path, into: rows, required: true) { rows.stream = $0 }
        if let failure = rows.failure { throw failure }
    }

    /// Inflates `part` through an `XMLStream` into `handler`. A missing optional part is
    /// no error (a workbook of numbers only has no shared strings).
    private static func stream(
        _ part: String, of archive: Archive, file: String, into handler: some XMLStreamHandler, required: Bool,
        connect: (XMLStream) -> Void = { _ in }
    ) throws(ImportError) {
        guard let entry = archive[part] else {
            if required { throw .brokenWorkbook(file: file, problem: .missingPart(part)) }
            return
        }
        do throws(WorkbookProblem) {
            let stream = try XMLStream(part: part, handler: handler)
            connect(stream)
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, bufferSize: 1 << 16) { data in
                    try data.withUnsafeBytes { bytes in try stream.feed(bytes) }
                }
            } catch let problem as WorkbookProblem {
                throw problem
            } catch {
                throw .unreadablePart(part)
            }
            try stream.finish()
            if !stream.isStopped, checksum != entry.checksum { throw .unreadablePart(part) }
        } catch {
            throw .brokenWorkbook(file: file, problem: error)
        }
    }
}
