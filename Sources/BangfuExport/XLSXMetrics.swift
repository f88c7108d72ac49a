import BangfuCore

/// Sizes for the xlsx layout, in Excel's units: column widths in widths of the digit 0 of the
/// default 11-point font (a Chinese character takes about two), row heights in points.
///
/// Row heights are set, not left to the reader: Excel never grows a merged row to fit its
/// text, and the Chinese fallback fonts are taller than the default row.
enum XLSXMetrics {
    /// The workbook's default font size, in points.
    static let fontSize = 11.0
    /// The title's font size, in points.
    static let titleFontSize = 16.0
    /// Narrowest and widest column before padding; wider text wraps.
    static let columnWidths = 6...60
    /// Room on either side of a column's widest text.
    static let columnPadding = 2
    /// One line of 11-point text.
    static let lineHeight = 15.0
    /// One line of the title.
    static let titleLineHeight = 22.0
    /// Room above and below the text of every row.
    static let rowPadding = 3.0

    /// Each column's width: its widest header or cell as shown, clamped, plus padding. Cells
    /// merged across columns are left out: their text spreads over all of them.
    static func columnWidths(_ sheet: Sheet) -> [Int] {
        var widths = (0..<sheet.columnCount).map { column in
            column < sheet.headers.count ? displayWidth(sheet.headers[column]) : 0
        }
        let wideMerges = sheet.merges.filter { $0.firstColumn < $0.lastColumn }
        for row in 0..<sheet.bodyRowCount {
            for (column, cell) in sheet.bodyCells(row: row).enumerated()
            where !wideMerges.contains(where: { $0.contains(row: row, column: column) }) {
                widths[column] = max(widths[column], cell.shownWidth)
            }
        }
        return widths.map { min(max($0, columnWidths.lowerBound), columnWidths.upperBound) + columnPadding }
    }

    /// How many lines each body row needs for its text to wrap within the column widths; a
    /// merged cell shares its lines among the rows it spans.
    static func bodyLineCounts(_ sheet: Sheet, widths: [Int]) -> [Int] {
        var counts = [Int](repeating: 1, count: sheet.bodyRowCount)
        for row in counts.indices {
            for (column, cell) in sheet.bodyCells(row: row).enumerated()
            where !sheet.merges.contains(where: { $0.contains(row: row, column: column) }) {
                counts[row] = max(counts[row], lines(cell, width: widths[column]))
            }
        }
        for merge in sheet.merges {
            let cell = sheet.bodyCell(row: merge.firstRow, column: merge.firstColumn)
            let width = widths[merge.firstColumn...merge.lastColumn].reduce(0, +)
            let rows = merge.lastRow - merge.firstRow + 1
            let perRow = (lines(cell, width: width) + rows - 1) / rows
            for row in merge.firstRow...merge.lastRow { counts[row] = max(counts[row], perRow) }
        }
        return counts
    }

    /// Lines a cell takes in a column `width` wide; numbers never wrap.
    static func lines(_ cell: Cell, width: Int) -> Int {
        guard case .text(let text) = cell else { return 1 }
        return lines(text, width: width)
    }

    /// Lines `text` takes in a column (or merged columns) `width` wide, in a font `scale`
    /// times the default.
    static func lines(_ text: String, width: Int, scale: Double = 1) -> Int {
        let room = Double(max(width - columnPadding, 1))
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).reduce(0) { count, line in
            count + max(1, Int((Double(displayWidth(String(line))) * scale / room).rounded(.up)))
        }
    }

    /// The height of a row of `lines` lines.
    static func rowHeight(lines: Int, lineHeight: Double = lineHeight) -> Double {
        Double(lines) * lineHeight + rowPadding
    }
}

extension Cell {
    /// How wide the cell shows in xlsx: amounts with separators (`6,000.00`), decimals with two places.
    var shownWidth: Int {
        switch self {
        case .text(let text): displayWidth(text)
        case .integer(let value): String(value).count
        case .money(let money): money.formatted.count
        case .decimal(let text):
            (ExactDecimal(text)?.description.split(separator: ".").first?.count ?? text.count) + 3
        case .empty: 0
        }
    }
}
