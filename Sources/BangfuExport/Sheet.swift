import BangfuCore

/// One value of a table, typed so that each format writes it the way its readers expect.
public enum Cell: Sendable, Hashable {
    /// Text as it is. Identifiers made of digits (account numbers, ID numbers) belong here:
    /// Excel keeps only 15 significant digits of a number.
    case text(String)
    /// A count or an ordinal (序号).
    case integer(Int)
    /// An amount: a number in yuan shown as `6,000.00` in xlsx, `6000.00` in csv.
    case money(Money)
    /// An exact decimal such as a score `16.65`, as `ExactDecimal` reads it: a number shown
    /// with two decimals in xlsx, the text unchanged in csv.
    case decimal(String)
    /// Nothing; in xlsx the cell still gets the table's borders.
    case empty
}

/// A rectangle of cells shown as one, in indexes relative to the first data row; the row
/// after the last data row is the footer.
public struct Merge: Sendable, Hashable, CustomStringConvertible {
    /// The top row, 0 being the first data row.
    public var firstRow: Int
    /// The leftmost column, from 0.
    public var firstColumn: Int
    /// The bottom row, included.
    public var lastRow: Int
    /// The rightmost column, included.
    public var lastColumn: Int

    /// The cells from (`firstRow`, `firstColumn`) to (`lastRow`, `lastColumn`), both included.
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Whether the cell at `row`, `column` is one of the merged cells.
    func contains(row: Int, column: Int) -> Bool {
        (firstRow...lastRow).contains(row) && (firstColumn...lastColumn).contains(column)
    }

    /// Whether the two rectangles share a cell.
    func overlaps(_ other: Merge) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow
            && firstColumn <= other.lastColumn && other.firstColumn <= lastColumn
    }

    /// `行1–2 列1–3`, counted from 1 as people count, relative to the first data row.
    public var description: String {
        "行\(firstRow + 1)–\(lastRow + 1) 列\(firstColumn + 1)–\(lastColumn + 1)"
    }
}

/// A titled table with notes under it: a 公示 notice, a bank transfer list, a form.
public struct Sheet: Sendable {
    /// The worksheet's name; in xlsx, cut to 31 characters and without `[]:*?/\`.
    public var name: String
    /// A line above everything, centred across the table in a larger bold font.
    public var title: String?
    /// Lines under the title, such as `公示期：2024-01-20 至 2024-01-26`.
    public var subtitle: [String]
    /// The column headers; no header row when empty.
    public var headers: [String]
    /// The data rows; a row shorter than the table is padded with empty cells.
    public var rows: [[Cell]]
    /// A last row in bold, such as the total: `[.text("合计"), .empty, .empty, .money(total)]`.
    public var footer: [Cell]?
    /// Lines under the table, each across its whole width.
    public var notes: [String]
    /// Cells of the data rows (and footer) shown as one, for forms.
    public var merges: [Merge]
    /// Whether a CSV of the sheet is its table alone, header first: a file for another
    /// program (a bank's system loading the transfer list), which would read a title line
    /// as a bad row and a 合计 line as one more transfer. The xlsx keeps every part.
    public var csvIsTableOnly: Bool

    /// A sheet named `name` with the given parts; only the table itself is required.
    public init(
        name: String, title: String? = nil, subtitle: [String] = [], headers: [String], rows: [[Cell]],
        footer: [Cell]? = nil, notes: [String] = [], merges: [Merge] = [], csvIsTableOnly: Bool = false
    ) {
        self.name = name
        self.title = title
        self.subtitle = subtitle
        self.headers = headers
        self.rows = rows
        self.footer = footer
        self.notes = notes
        self.merges = merges
        self.csvIsTableOnly = csvIsTableOnly
    }

    /// The widest of the header, the data rows and the footer; at least one, so that lines
    /// above and below the table have a column to sit in.
    var columnCount: Int {
        max(1, headers.count, rows.reduce(0) { max($0, $1.count) }, footer?.count ?? 0)
    }

    /// The data rows followed by the footer: the rows merges count in.
    var bodyRowCount: Int { rows.count + (footer == nil ? 0 : 1) }

    /// The cells of a body row: a data row, or the footer after the last one.
    func bodyCells(row: Int) -> [Cell] {
        row < rows.count ? rows[row] : footer ?? []
    }

    /// The cell at a body row and column; empty past the end of a short row.
    func bodyCell(row: Int, column: Int) -> Cell {
        let cells = bodyCells(row: row)
        return column < cells.count ? cells[column] : .empty
    }
}
