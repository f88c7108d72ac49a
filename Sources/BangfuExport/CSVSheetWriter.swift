import BangfuCore
import Foundation

/// Writes a sheet as CSV: UTF-8 with a BOM (without it Excel on a Chinese Windows reads
/// GBK), CRLF line ends, RFC 4180 quoting. Lines above and below the table are one-field
/// rows, unless the sheet is for another program (`Sheet.csvIsTableOnly`).
enum CSVSheetWriter {
    /// Writes `sheet`, which `Sheet.check` has accepted, into `file`; text that a
    /// spreadsheet would run as a formula is written as text (`FormulaGuard`).
    static func write(_ sheet: Sheet, into file: ReplacementFile) throws(ExportError) {
        guard let handle = fopen(file.temporary, "wb") else { throw .cannotCreate(path: file.target, reason: systemError()) }
        var output = CSVOutput(file: handle, path: file.target)
        do {
            let whole = !sheet.csvIsTableOnly
            let text = { (lines: [String]) in lines.map { [FormulaGuard.guarded($0)] } }
            var lines = whole ? text((sheet.title.map { [$0] } ?? []) + sheet.subtitle) : []
            if !sheet.headers.isEmpty { lines.append(sheet.headers.map(FormulaGuard.guarded)) }
            for line in lines { try output.line(line) }
            for row in sheet.rows { try output.line(row.map(\.csvField)) }
            if whole, let footer = sheet.footer { try output.line(footer.map(\.csvField)) }
            if whole { for line in text(sheet.notes) { try output.line(line) } }
            try output.flush()
        } catch {
            fclose(handle)
            throw error
        }
        guard fclose(handle) == 0 else { throw .cannotWrite(path: file.target, reason: systemError()) }
    }
}

/// The C library's words for the last failed call.
func systemError() -> String { String(cString: strerror(errno)) }

/// Lines gathered into one buffer and handed to the file in large writes, so that a long
/// list never lives in memory whole.
private struct CSVOutput {
    let file: UnsafeMutablePointer<FILE>
    let path: String
    private var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let flushSize = 1 << 16

    init(file: UnsafeMutablePointer<FILE>, path: String) {
        self.file = file
        self.path = path
        bytes.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends one CSV line, writing out the buffer once it is large.
    mutating func line(_ fields: [String]) throws(ExportError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
        if bytes.count >= Self.flushSize { try flush() }
    }

    private mutating func append(_ field: String) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return bytes.append(contentsOf: field.utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Hands everything buffered to the file.
    mutating func flush() throws(ExportError) {
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw .cannotWrite(path: path, reason: systemError()) }
        bytes.removeAll(keepingCapacity: true)
    }
}

extension Cell {
    /// The cell as a CSV field: amounts as plain yuan with two decimals (`6000.00`), text
    /// guarded against being run as a formula.
    var csvField: String {
        switch self {
        case .text(let text): FormulaGuard.guarded(text)
        case .integer(let value): String(value)
        case .money(let money): money.yuanText
        case .decimal(let text): text
        case .empty: ""
        }
    }
}
