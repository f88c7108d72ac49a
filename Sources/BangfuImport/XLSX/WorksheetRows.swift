import BangfuCore

/// One row of a worksheet as text, the way a CSV saved from it would hold it.
public struct SheetRow: Sendable {
    /// The row number Excel shows.
    public var number: Int
    /// The cells from column A, trimmed; a gap between cells is an empty text, and the
    /// row ends at its last cell with a value.
    public var cells: [String]
    /// Cells whose value the file has spoiled, by zero-based column.
    public var problems: [Int: CellProblem]
}

/// The worksheet part, streamed: `<row>`s of `<c>`ells, each turned into text by its
/// type (`t`) and style (`s`) as Excel would show it in a CSV.
final class WorksheetRows: XMLStreamHandler {
    private enum Kind { case number, shared, inline, formulaText, boolean, error, isoDate }

    private let strings: SharedStrings
    private let dateStyles: [Bool]
    private let date1904: Bool
    private let file: String
    /// Told of each row; returns false to stop.
    private let onRow: (SheetRow) -> Bool
    weak var stream: XMLStream?
    /// Why the sheet cannot be read on; the parse stops when it is set.
    private(set) var failure: ImportError?

    private var row = SheetRow(number: 0, cells: [], problems: [:])
    private var rowBytes = 0
    private var column = -1
    private var kind = Kind.number
    private var style = 0
    private var value: [UInt8] = []
    private var collecting = false
    private var inInline = false
    private var inPhonetic = false

    init(strings: SharedStrings, dateStyles: [Bool], date1904: Bool, file: String, onRow: @escaping (SheetRow) -> Bool) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.file = file
        self.onRow = onRow
        value.reserveCapacity(256)
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("c") {
            startCell(attributes)
        } else if name.is("v") {
            collecting = true
        } else if name.is("is") {
            inInline = true
        } else if name.is("rPh") {
            inPhonetic = true
        } else if name.is("t") {
            collecting = inInline && !inPhonetic
        } else if name.is("row") {
            row.number = attributes.value("r").flatMap(CellValues.integer) ?? row.number + 1
            row.cells.removeAll(keepingCapacity: true)
            row.problems = [:]
            rowBytes = 0
            column = -1
        }
    }

    func end(_ name: XMLName) {
        if name.is("c") {
            endCell()
        } else if name.is("v") || name.is("t") {
            collecting = false
        } else if name.is("is") {
            inInline = false
        } else if name.is("rPh") {
            inPhonetic = false
        } else if name.is("row") {
            while row.cells.last?.isEmpty == true { row.cells.removeLast() }
            if !onRow(row) { stream?.stop() }
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard collecting, value.count <= CellLimits.cell else { return }
        value.append(contentsOf: bytes.prefix(CellLimits.cell + 1 - value.count))
    }

    private func startCell(_ attributes: XMLAttributes) {
        if let reference = attributes.value("r") {
            guard let index = CellValues.column(ofReference: reference) else {
                return fail(.brokenWorkbook(file: file, problem: .badCell(String(decoding: reference, as: UTF8.self))))
            }
            column = index
        } else {
            column += 1
        }
        kind = Self.kind(attributes.value("t"))
        style = attributes.value("s").flatMap(CellValues.integer) ?? 0
        value.removeAll(keepingCapacity: true)
        collecting = false
    }

    private static func kind(_ type: UnsafeBufferPointer<UInt8>?) -> Kind {
        guard let type, let first = type.first else { return .number }
        switch (first, type.count) {
        case (UInt8(ascii: "s"), 1): return .shared
        case (UInt8(ascii: "s"), _): return .formulaText
        case (UInt8(ascii: "i"), _): return .inline
        case (UInt8(ascii: "b"), _): return .boolean
        case (UInt8(ascii: "e"), _): return .error
        case (UInt8(ascii: "d"), _): return .isoDate
        default: return .number
        }
    }

    private func endCell() {
        guard failure == nil else { return }
        var problem: CellProblem?
        let text: String
        switch kind {
        case .shared where value.isEmpty:
            text = ""
        case .shared:
            guard let index = value.withUnsafeBufferPointer(CellValues.integer), let shared = strings[index] else {
                return fail(.brokenWorkbook(file: file, problem: .badCell(reference)))
            }
            text = shared
        case .inline, .formulaText, .error:
            text = Self.trimmed(CellValues.unescaped(value))
        case .boolean:
            text = value.isEmpty ? "" : (value == [UInt8(ascii: "1")] ? "TRUE" : "FALSE")
        case .isoDate:
            // `2024-03-15T00:00:00`: the day is what a date column wants.
            text = String(decoding: value.prefix(10), as: UTF8.self)
        case .number:
            if value.isEmpty {
                text = ""
            } else if style < dateStyles.count, dateStyles[style],
                let date = value.withUnsafeBufferPointer({ CellValues.date(serial: $0, date1904: date1904) })
            {
                text = date
            } else {
                (text, problem) = value.withUnsafeBufferPointer(CellValues.number)
            }
        }
        let length = text.utf8.count
        guard length <= CellLimits.cell else {
            return fail(.cellTooLong(file: file, row: row.number, column: columnLetter(column), limit: CellLimits.cell))
        }
        rowBytes += length + 1
        guard rowBytes <= CellLimits.row else { return fail(.rowTooLong(file: file, row: row.number, limit: CellLimits.row)) }
        if column >= row.cells.count {
            row.cells.append(contentsOf: repeatElement("", count: column + 1 - row.cells.count))
        }
        row.cells[column] = text
        if let problem { row.problems[column] = problem }
    }

    private var reference: String { "\(columnLetter(max(column, 0)))\(row.number)" }

    private static func trimmed(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[UTF8Text.trimmedRange(buffer)]), as: UTF8.self)
        }
    }

    private func fail(_ error: ImportError) {
        failure = error
        stream?.stop()
    }
}
