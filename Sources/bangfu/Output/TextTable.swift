import BangfuCore

/// A table for people: columns aligned by display width, where a Chinese character
/// takes two columns of a terminal and a Latin one takes one. Control, direction and
/// invisible characters are shown escaped (`\u{1B}`): a cell of stored data must neither
/// drive the terminal nor break a row in two.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []
    /// Columns whose text is aligned right (amounts).
    var rightAligned: Set<Int> = []
    /// The widest text a column can hold, where it is known (an amount within
    /// `Plausible.amount`, a 身份证号, a vocabulary's words): a long table gives such a column
    /// that width, so that none of its cells is ever cut.
    var bounds: [Int: Int] = [:]

    init(headers: [String], rightAligned: Set<Int> = [], bounds: [Int: Int] = [:]) {
        self.headers = headers
        self.rightAligned = rightAligned
        self.bounds = bounds
    }

    mutating func append(_ row: [String]) { rows.append(row.map(\.escapedForDisplay)) }

    func render() -> String {
        let widths = widths
        return ([format(headers, widths: widths), rule(widths)] + rows.map { format($0, widths: widths) }).joined(separator: "\n")
    }

    /// Each column as wide as its widest cell.
    var widths: [Int] {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        return widths
    }

    func rule(_ widths: [Int]) -> String { widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") }

    /// `cells` padded to `widths`; with `cutting`, a left-aligned cell wider than its column
    /// (but the last, which nothing follows) is cut to it, ending in `…`. Numbers are never
    /// cut: a wider one pushes the rest of its row along.
    func format(_ cells: [String], widths: [Int], cutting: Bool = false) -> String {
        cells.enumerated().map { index, cell in
            let width = index < widths.count ? widths[index] : 0
            var cell = cell
            if cutting, index < cells.count - 1, !rightAligned.contains(index), displayWidth(cell) > width { cell = cut(cell, to: width) }
            let padding = String(repeating: " ", count: max(0, width - displayWidth(cell)))
            return rightAligned.contains(index) ? padding + cell : cell + padding
        }.joined(separator: "  ").trailingSpacesRemoved
    }

    /// The start of `text` that fits `width` columns with a `…` after it.
    private func cut(_ text: String, to width: Int) -> String {
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let next = displayWidth(String(scalar))
            if used + next > width - 1 { break }
            kept.append(scalar)
            used += next
        }
        return String(kept) + "…"
    }
}

/// A table written as its rows come, in memory flat in its length (issue 22). The first
/// `pageSize` rows are held to size the columns: a table that ends within them prints as
/// `TextTable.render` prints it. A longer one keeps the first page's widths (widened to the
/// columns' known bounds), and a later text too wide for its column is cut with `…`.
final class StreamedTable {
    private var table: TextTable
    private let out: OutputStream
    private let pageSize: Int
    private var widths: [Int]?
    private(set) var count = 0

    init(_ table: TextTable, out: OutputStream, pageSize: Int = 1000) {
        self.table = table
        self.out = out
        self.pageSize = pageSize
    }

    func append(_ row: [String]) {
        count += 1
        if let widths {
            out.line(table.format(row.map(\.escapedForDisplay), widths: widths, cutting: true))
            return
        }
        table.append(row)
        guard table.rows.count == pageSize else { return }
        var widths = table.widths
        for (column, bound) in table.bounds where column < widths.count { widths[column] = max(widths[column], bound) }
        out.line(table.format(table.headers, widths: widths))
        out.line(table.rule(widths))
        for row in table.rows { out.line(table.format(row, widths: widths)) }
        table = TextTable(headers: table.headers, rightAligned: table.rightAligned)
        self.widths = widths
    }

    /// Writes the table when it ended within its first page.
    func finish() {
        if widths == nil { out.line(table.render()) }
    }
}

/// The known widths of the listings' columns (`TextTable.bounds`).
enum ColumnBound {
    /// A 身份证号: 18 characters.
    static let idNumber = 18
    /// Any amount Bangfu accepts, `10,000,000.00` (`Plausible.amount`).
    static let amount = displayWidth(Plausible.amount.formatted)

    /// The widest word of a vocabulary.
    static func words<Words: ChineseVocabulary>(_ type: Words.Type) -> Int { Words.allCases.map { displayWidth($0.chineseName) }.max() ?? 0 }
}

/// Terminal columns taken by `text`: two for East Asian wide and full-width characters.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            width + 2
        case 0x0300...0x036F, 0x200B...0x200F:
            width
        default:
            width + 1
        }
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
