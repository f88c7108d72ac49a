import Foundation

/// The kinds of import file, told apart by their first bytes, not by their name: a clerk's
/// `户籍.csv` may well be a workbook.
public enum ImportFileFormat: Sendable, Equatable {
    /// Text: UTF-8 or GB18030 (`SourceEncoding`).
    case csv
    /// A zip archive (`PK\u{3}\u{4}`): an Excel workbook.
    case xlsx
    /// An OLE compound file (`D0 CF 11 E0`): an old `.xls`, or an xlsx with a password.
    case legacyWorkbook

    /// The format of the file at `path`.
    public static func of(path: String) throws(ImportError) -> ImportFileFormat {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(file: path, problem: .diagnose(path)) }
        defer { try? handle.close() }
        let head: [UInt8]
        do { head = [UInt8](try handle.read(upToCount: 4) ?? Data()) } catch {
            throw .unreadable(file: path, problem: .diagnose(path))
        }
        switch head {
        case [0x50, 0x4B, 0x03, 0x04]: return .xlsx
        case [0xD0, 0xCF, 0x11, 0xE0]: return .legacyWorkbook
        default: return .csv
        }
    }
}

/// One row of an import file as the column mapping reads it.
struct SourceRow {
    /// The row as Excel numbers it: the header is row 1 in a file that starts with it.
    var number: Int
    /// The cells, trimmed; nil where a CSV cell is not valid UTF-8; empty for a blank line.
    var fields: [String?]
    /// Cells the file has spoiled (`CellProblem`), by zero-based column.
    var problems: [Int: CellProblem] = [:]
}

/// Where an import's rows come from: a CSV or an xlsx file, read as it streams.
protocol RowSource: AnyObject {
    /// The file's text encoding, known once the first row has been read.
    var encoding: SourceEncoding { get }
    /// Calls `body` with each row in order, until it returns false or throws.
    func forEachRow(_ body: @escaping (SourceRow) throws(ImportError) -> Bool) throws(ImportError)
}

/// The source for the file at `path`, by its content.
func rowSource(path: String) throws(ImportError) -> any RowSource {
    switch try ImportFileFormat.of(path: path) {
    case .csv: try CSVRowSource(path: path)
    case .xlsx: try XLSXRowSource(path: path)
    case .legacyWorkbook: throw .legacyWorkbook(file: path)
    }
}

/// A CSV file: libcsv over UTF-8 chunks (`UTF8ChunkReader`).
final class CSVRowSource: RowSource {
    private let path: String
    private let reader: UTF8ChunkReader
    var encoding: SourceEncoding { reader.encoding }

    init(path: String) throws(ImportError) {
        self.path = path
        reader = try UTF8ChunkReader(path: path)
    }

    func forEachRow(_ body: @escaping (SourceRow) throws(ImportError) -> Bool) throws(ImportError) {
        let parser = CSVRecordParser()
        defer { parser.forgetRecordHandler() }
        var failure: ImportError?
        var stopped = false
        // libcsv calls back from C, where nothing can be thrown: the first error is kept,
        // and later records are ignored until the chunk ends.
        let onRecord: ([String?]) -> Void = { fields in
            guard !stopped else { return }
            do throws(ImportError) {
                stopped = try !body(SourceRow(number: parser.recordCount, fields: fields))
            } catch {
                failure = error
                stopped = true
            }
        }
        func check(_ problem: CSVParseProblem?) throws(ImportError) {
            if let failure { throw failure }
            let row = parser.recordCount + 1
            switch problem {
            case nil: return
            case .unbalancedQuote: throw .malformed(file: path, row: row, issues: [])
            case .cellTooLong(let column):
                throw .cellTooLong(file: path, row: row, column: columnLetter(column), limit: CSVRecordParser.cellLimit)
            case .recordTooLong: throw .rowTooLong(file: path, row: row, limit: CSVRecordParser.recordLimit)
            }
        }
        while let chunk = try reader.next() {
            try check(parser.parse(chunk, onRecord: onRecord))
            if stopped { return }
        }
        try check(parser.finish(onRecord: onRecord))
    }
}

/// An xlsx file's first worksheet (`XLSXSheetReader`), shaped as Excel's "save as CSV"
/// would shape it: every row as wide as the header, cells past the header's last column
/// dropped (Excel would give them an empty header, which the import ignores).
final class XLSXRowSource: RowSource {
    private let reader: XLSXSheetReader
    var encoding: SourceEncoding { .xlsx }

    init(path: String) throws(ImportError) {
        reader = try XLSXSheetReader(path: path)
    }

    func forEachRow(_ body: @escaping (SourceRow) throws(ImportError) -> Bool) throws(ImportError) {
        var width: Int?
        var failure: ImportError?
        try reader.forEachRow { row in
            var fields = row.cells
            if let width {
                if fields.count > width { fields.removeLast(fields.count - width) }
                if fields.count < width, !fields.isEmpty { fields += repeatElement("", count: width - fields.count) }
                if fields.allSatisfy(\.isEmpty) { fields = [] }
            } else if !fields.isEmpty {
                width = fields.count
            }
            do throws(ImportError) {
                return try body(SourceRow(number: row.number, fields: fields, problems: row.problems))
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
    }
}
