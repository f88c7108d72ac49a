import BangfuCore

/// A table for people: columns aligned by display width, where a Chinese character
/// takes two columns of a terminal and a Latin one takes one. Control, direction and
/// invisible characters are shown escaped (`\u{1B}`): a cell of stored data must neither
/// drive the terminal nor break a row in two.
struct TextTable {
    let headers: [String]
    /// The cells as given; escaped as they are written.
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

    mutating func append(_ row: [String]) { rows.append(row) }

    func render() -> String {
        var bytes: [UInt8] = []
        appendLines(widths: widths, to: &bytes)
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The heading, the rule and every row, each line ending in a line break.
    func appendLines(widths: [Int], to bytes: inout [UInt8]) {
        let lineBreak = UInt8(ascii: "\n")
        appendLine(headers, widths: widths, to: &bytes)
        bytes.append(lineBreak)
        appendRule(widths, to: &bytes)
        bytes.append(lineBreak)
        for row in rows {
            appendLine(row, widths: widths, to: &bytes)
            bytes.append(lineBreak)
        }
    }

    /// Each column as wide as its widest cell.
    var widths: [Int] {
        var widths = headers.map(TerminalBytes.width)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], TerminalBytes.width(cell))
            }
        }
        return widths
    }

    func appendRule(_ widths: [Int], to bytes: inout [UInt8]) {
        for (index, width) in widths.enumerated() {
            if index > 0 { bytes.append(contentsOf: [TerminalBytes.space, TerminalBytes.space]) }
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
        }
    }

    /// `cells` escaped and padded to `widths`, two spaces apart, without the spaces that
    /// would end the line; with `cutting`, a left-aligned cell wider than its column (but the
    /// last, which nothing follows) is cut to it, ending in `…`. Numbers are never cut: a
    /// wider one pushes the rest of its row along. `last`, when given, writes the UTF-8 of
    /// the last cell, left-aligned, after `cells` (escaped once it is written): the cell
    /// nothing follows needs no width, so it need not be a `String` (issue 22).
    func appendLine(_ cells: [String], widths: [Int], cutting: Bool = false, last: ((inout [UInt8]) -> Void)? = nil, to bytes: inout [UInt8]) {
        let start = bytes.count
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(contentsOf: [TerminalBytes.space, TerminalBytes.space]) }
            let width = index < widths.count ? widths[index] : 0
            let (shown, isPlain) = TerminalBytes.measure(cell)
            if rightAligned.contains(index) {
                bytes.append(contentsOf: repeatElement(TerminalBytes.space, count: max(0, width - shown)))
                TerminalBytes.append(cell, isPlain: isPlain, to: &bytes)
            } else if cutting, index < cells.count - 1 || last != nil, shown > width {
                let kept = TerminalBytes.appendCut(cell, to: width, bytes: &bytes)
                bytes.append(contentsOf: repeatElement(TerminalBytes.space, count: max(0, width - kept)))
            } else {
                TerminalBytes.append(cell, isPlain: isPlain, to: &bytes)
                bytes.append(contentsOf: repeatElement(TerminalBytes.space, count: max(0, width - shown)))
            }
        }
        if let last {
            if !cells.isEmpty { bytes.append(contentsOf: [TerminalBytes.space, TerminalBytes.space]) }
            let cell = bytes.count
            last(&bytes)
            TerminalBytes.escapeInPlace(&bytes, from: cell)
            // A cell that ends in a prepended mark keeps one space of its padding, which
            // `trimTrailingSpaces` leaves to it: the line ends as a padded cell's would.
            let width = cells.count < widths.count ? widths[cells.count] : 0
            if TerminalBytes.endsJoiningASpace(bytes, from: cell), TerminalBytes.width(String(decoding: bytes[cell...], as: UTF8.self)) < width {
                bytes.append(TerminalBytes.space)
            }
        }
        TerminalBytes.trimTrailingSpaces(&bytes, from: start)
    }
}

/// A table written as its rows come, in memory flat in its length (issue 22). The first
/// `pageSize` rows are held to size the columns: a table that ends within them prints as
/// `TextTable.render` prints it. A longer one keeps the first page's widths (widened to the
/// columns' known bounds), and a later text too wide for its column is cut with `…`. Lines
/// go into the output's buffer as bytes.
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
            out.writeBytes { bytes in
                table.appendLine(row, widths: widths, cutting: true, to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
            return
        }
        table.append(row)
        guard table.rows.count == pageSize else { return }
        var widths = table.widths
        for (column, bound) in table.bounds where column < widths.count { widths[column] = max(widths[column], bound) }
        out.writeBytes { bytes in table.appendLines(widths: widths, to: &bytes) }
        table = TextTable(headers: table.headers, rightAligned: table.rightAligned)
        self.widths = widths
    }

    /// `append(cells + [the last cell])`, the last cell written by `last` as UTF-8 straight
    /// into the line once the widths are known (`TextTable.appendLine`).
    func append(_ cells: [String], last: (inout [UInt8]) -> Void) {
        guard let widths else {
            var text: [UInt8] = []
            last(&text)
            return append(cells + [String(decoding: text, as: UTF8.self)])
        }
        count += 1
        withoutActuallyEscaping(last) { last in
            out.writeBytes { bytes in
                table.appendLine(cells, widths: widths, cutting: true, last: last, to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// Writes the table when it ended within its first page.
    func finish() {
        if widths == nil { out.writeBytes { bytes in table.appendLines(widths: table.widths, to: &bytes) } }
    }
}

/// The known widths of the listings' columns (`TextTable.bounds`).
enum ColumnBound {
    /// A 身份证号: 18 characters.
    static let idNumber = 18
    /// Any amount Bangfu accepts, `10,000,000.00` (`Plausible.amount`).
    static let amount = TerminalBytes.width(Plausible.amount.formatted)

    /// The widest word of a vocabulary.
    static func words<Words: ChineseVocabulary>(_ type: Words.Type) -> Int { Words.allCases.map { TerminalBytes.width($0.chineseName) }.max() ?? 0 }
}
