import BangfuCore
import CXLSXWriter
import Foundation

/// Writes a sheet as an Excel workbook with libxlsxwriter: title, subtitle and notes merged
/// across the table, a bordered table with amounts as numbers, widths from the content, and
/// A4 landscape printing one page wide with the header on every page.
enum XLSXSheetWriter {
    /// Writes `sheet`, which `Sheet.check` has accepted, into `file`.
    static func write(_ sheet: Sheet, into file: ReplacementFile) throws(ExportError) {
        let path = file.target
        let rowCount = (sheet.title == nil ? 0 : 1) + sheet.subtitle.count + (sheet.headers.isEmpty ? 0 : 1)
            + sheet.bodyRowCount + sheet.notes.count
        let columnCount = sheet.columnCount
        guard rowCount <= 1_048_576, columnCount <= 16_384 else {
            throw .tooLarge(path: path, rows: rowCount, columns: columnCount)
        }
        try sheet.checkForExcel(path: path)
        // libxlsxwriter opens the file only when the workbook closes, and then reports a
        // failure on stderr in English; opening it first gives the reason here, in our words.
        guard let probe = fopen(file.temporary, "wb") else { throw .cannotCreate(path: path, reason: systemError()) }
        fclose(probe)
        try withLibraryMessagesHidden { () throws(ExportError) in try fill(sheet, into: file.temporary, naming: path) }
    }

    /// Runs `body` with C's `stderr` pointed at /dev/null: libxlsxwriter prints an English
    /// line there for each failure it also returns, and the returned code is reported instead.
    /// One workbook at a time, as `stderr` is one for the process.
    private static func withLibraryMessagesHidden(_ body: () throws(ExportError) -> Void) throws(ExportError) {
        stderrLock.lock()
        defer { stderrLock.unlock() }
        guard let null = fopen("/dev/null", "w") else { return try body() }
        let previous = bangfu_replace_stderr(null)
        defer {
            bangfu_replace_stderr(previous)
            fclose(null)
        }
        try body()
    }

    private static let stderrLock = NSLock()

    private static func fill(_ sheet: Sheet, into file: String, naming path: String) throws(ExportError) {
        guard let workbook = workbook_new(file) else {
            throw .library(path: path, code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), reason: "cannot start the workbook")
        }
        do throws(ExportError) {
            let name = worksheetName(sheet.name)
            try check(workbook_validate_sheet_name(workbook, name), path)
            guard let worksheet = workbook_add_worksheet(workbook, name) else {
                throw .library(path: path, code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), reason: "cannot add worksheet \(name)")
            }
            var output = WorksheetOutput(
                worksheet: worksheet, formats: try XLSXFormats(workbook, path: path), sheet: sheet, path: path)
            try output.writeAll()
        } catch {
            lxw_workbook_free(workbook)
            throw error
        }
        let closed = workbook_close(workbook)
        // The zip library's own failures (a full disk) leave errno set.
        if closed == LXW_ERROR_ZIP_FILE_OPERATION { throw .cannotWrite(path: path, reason: systemError()) }
        try check(closed, path)
    }
}

/// Turns a libxlsxwriter result into an `ExportError`.
func check(_ result: lxw_error, _ path: String) throws(ExportError) {
    guard result != LXW_NO_ERROR else { return }
    throw .library(path: path, code: Int(result.rawValue), reason: String(cString: lxw_strerror(result)))
}

/// One sheet being written into its worksheet, top to bottom.
private struct WorksheetOutput {
    let worksheet: UnsafeMutablePointer<lxw_worksheet>
    let formats: XLSXFormats
    let sheet: Sheet
    let path: String
    let widths: [Int]
    /// The table's width, counted once: `Sheet.columnCount` reads every row.
    let columnCount: Int
    /// The next row to write, zero-based.
    private var row: lxw_row_t = 0

    init(worksheet: UnsafeMutablePointer<lxw_worksheet>, formats: XLSXFormats, sheet: Sheet, path: String) {
        self.worksheet = worksheet
        self.formats = formats
        self.sheet = sheet
        self.path = path
        widths = XLSXMetrics.columnWidths(sheet)
        columnCount = widths.count
    }

    private var lastColumn: lxw_col_t { lxw_col_t(columnCount - 1) }
    private var totalWidth: Int { widths.reduce(0, +) }

    mutating func writeAll() throws(ExportError) {
        for (column, width) in widths.enumerated() {
            try check(worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), Double(width), nil), path)
        }
        if let title = sheet.title {
            let lines = XLSXMetrics.lines(title, width: totalWidth, scale: XLSXMetrics.titleFontSize / XLSXMetrics.fontSize)
            try line(title, format: formats.title, height: XLSXMetrics.rowHeight(lines: lines, lineHeight: XLSXMetrics.titleLineHeight))
        }
        for text in sheet.subtitle { try line(text, format: formats.subtitle) }
        if !sheet.headers.isEmpty {
            let lines = sheet.headers.indices.map { XLSXMetrics.lines(sheet.headers[$0], width: widths[$0]) }.max() ?? 1
            try check(worksheet_set_row(worksheet, row, XLSXMetrics.rowHeight(lines: lines), nil), path)
            for column in 0..<columnCount {
                let header = column < sheet.headers.count ? sheet.headers[column] : ""
                try check(worksheet_write_string(worksheet, row, lxw_col_t(column), header, formats.header), path)
            }
            try check(worksheet_repeat_rows(worksheet, row, row), path)
            row += 1
            worksheet_freeze_panes(worksheet, row, 0)
        }
        let firstBodyRow = row
        let lineCounts = XLSXMetrics.bodyLineCounts(sheet, widths: widths)
        for (index, cells) in sheet.rows.enumerated() {
            try tableRow(cells, lines: lineCounts[index], formats: formats.body)
        }
        if let footer = sheet.footer { try tableRow(footer, lines: lineCounts[sheet.rows.count], formats: formats.footer) }
        for merge in sheet.merges { try self.merge(merge, from: firstBodyRow) }
        for text in sheet.notes { try line(text, format: formats.note) }
        worksheet_set_landscape(worksheet)
        worksheet_set_paper(worksheet, 9)  // A4
        worksheet_fit_to_pages(worksheet, 1, 0)
        worksheet_center_horizontally(worksheet)
    }

    /// Text across the whole width of the table, its row tall enough for its lines.
    private mutating func line(_ text: String, format: XLSXFormat, height: Double? = nil) throws(ExportError) {
        let height = height ?? XLSXMetrics.rowHeight(lines: XLSXMetrics.lines(text, width: totalWidth))
        try check(worksheet_set_row(worksheet, row, height, nil), path)
        if lastColumn == 0 {
            try check(worksheet_write_string(worksheet, row, 0, text, format), path)
        } else {
            try check(worksheet_merge_range(worksheet, row, 0, row, lastColumn, text, format), path)
        }
        row += 1
    }

    /// A data row or the footer, padded with bordered blanks to the table's width.
    private mutating func tableRow(_ cells: [Cell], lines: Int, formats: XLSXFormats.CellFormats) throws(ExportError) {
        try check(worksheet_set_row(worksheet, row, XLSXMetrics.rowHeight(lines: lines), nil), path)
        for column in 0..<columnCount {
            try write(column < cells.count ? cells[column] : .empty, row: row, column: lxw_col_t(column), formats: formats)
        }
        row += 1
    }

    /// One cell of the table, in the format of its kind.
    private func write(_ cell: Cell, row: lxw_row_t, column: lxw_col_t, formats: XLSXFormats.CellFormats) throws(ExportError) {
        let format = formats.format(for: cell)
        let result =
            switch cell {
            case .text(let text): worksheet_write_string(worksheet, row, column, text, format)
            case .integer(let value): worksheet_write_number(worksheet, row, column, Double(value), format)
            // The one place an amount becomes a Double: Excel stores numbers as doubles. Both
            // operands are exact, so the quotient is the double nearest the amount in yuan.
            case .money(let money): worksheet_write_number(worksheet, row, column, Double(money.fen) / 100, format)
            case .decimal(let text):
                if let value = decimalValue(text) {
                    worksheet_write_number(worksheet, row, column, value, format)
                } else {
                    worksheet_write_string(worksheet, row, column, text, format)
                }
            case .empty: worksheet_write_blank(worksheet, row, column, format)
            }
        try check(result, path)
    }

    /// Merges cells of the body; the first cell's value is written again because
    /// libxlsxwriter's merge writes text over it.
    private func merge(_ merge: Merge, from firstBodyRow: lxw_row_t) throws(ExportError) {
        let top = firstBodyRow + lxw_row_t(merge.firstRow)
        let left = lxw_col_t(merge.firstColumn)
        let cell = sheet.bodyCell(row: merge.firstRow, column: merge.firstColumn)
        let formats = merge.firstRow < sheet.rows.count ? formats.body : formats.footer
        try check(
            worksheet_merge_range(
                worksheet, top, left, firstBodyRow + lxw_row_t(merge.lastRow), lxw_col_t(merge.lastColumn), "",
                formats.format(for: cell)),
            path)
        try write(cell, row: top, column: left, formats: formats)
    }

    /// The number a decimal's text stands for; `Sheet.check` has refused texts that are not one.
    private func decimalValue(_ text: String) -> Double? {
        guard let decimal = ExactDecimal(text) else { return nil }
        return Double(decimal.units) / Double((0..<decimal.scale).reduce(1) { product, _ in product * 10 })
    }
}
