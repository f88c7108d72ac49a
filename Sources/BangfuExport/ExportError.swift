import BangfuCore
import Foundation

/// Why a sheet was not written. Every message names the file; it is in Chinese with English
/// in brackets. No error leaves a half-written file: an earlier file of the name is kept.
public enum ExportError: Error, LocalizedError, Hashable, Sendable, UserFacingError {
    /// The name ends neither in `.xlsx` nor in `.csv`.
    case unknownFormat(path: String)
    /// The file cannot be created: no such folder, no permission.
    case cannotCreate(path: String, reason: String)
    /// Writing failed after the file was created, such as a full disk.
    case cannotWrite(path: String, reason: String)
    /// More rows or columns than an Excel sheet holds (1,048,576 × 16,384).
    case tooLarge(path: String, rows: Int, columns: Int)
    /// A `Cell.decimal` that is not a plain decimal such as `16.65`; `row` and `column`
    /// count from 0 in the data rows, the footer being the row after the last.
    case invalidDecimal(path: String, row: Int, column: Int, value: String)
    /// A merge that is inside out, a single cell, or reaches past the data rows and footer.
    case invalidMerge(path: String, Merge)
    /// Two merges share a cell.
    case overlappingMerges(path: String, Merge, Merge)
    /// A text longer than an Excel cell holds (32,767 characters), at `place`.
    case textTooLong(path: String, place: SheetPlace, length: Int)
    /// Any other error libxlsxwriter reports: its code and its own (English) message.
    case library(path: String, code: Int, reason: String)

    /// The file the sheet was to be written to.
    public var path: String {
        switch self {
        case .unknownFormat(let path), .cannotCreate(let path, _), .cannotWrite(let path, _),
            .tooLarge(let path, _, _), .invalidDecimal(let path, _, _, _), .invalidMerge(let path, _),
            .overlappingMerges(let path, _, _), .textTooLong(let path, _, _), .library(let path, _, _):
            path
        }
    }

    /// `/x/公示.xlsx：无法创建文件（文件夹不存在或没有写入权限）`.
    public var chinese: String { "\(path)：\(reason.0)" }

    /// `/x/公示.xlsx: cannot create file: No such file or directory`.
    public var english: String { "\(path): \(reason.1)" }

    /// `/x/公示.xlsx：无法创建文件 (cannot create file: No such file or directory)`.
    public var message: String { "\(chinese) (\(reason.1))" }

    public var failure: Failure {
        switch self {
        case .cannotCreate, .cannotWrite, .library: .unavailable
        default: .badInput
        }
    }

    public var errorDescription: String? { message }

    private var reason: (String, String) {
        switch self {
        case .unknownFormat:
            ("不支持的文件类型，文件名应以 .xlsx 或 .csv 结尾", "unknown file type: the name must end in .xlsx or .csv")
        case .cannotCreate(_, let reason):
            ("无法创建文件（文件夹不存在或没有写入权限）", "cannot create file: \(reason)")
        case .cannotWrite(_, let reason):
            ("写入文件失败（磁盘可能已满），未生成该文件，原有的同名文件保持不变", "cannot write file: \(reason); any earlier file is unchanged")
        case .tooLarge(_, let rows, let columns):
            (
                "表格有 \(rows) 行 \(columns) 列，超出 Excel 工作表的上限（1048576 行，16384 列），请改用 CSV 或分批导出",
                "\(rows) rows × \(columns) columns exceed an Excel sheet (1048576 × 16384)"
            )
        case .invalidDecimal(_, let row, let column, let value):
            (
                "第\(row + 1)行第\(column + 1)列的值「\(value)」不是小数（如 16.65）",
                "row \(row + 1), column \(column + 1): \(value) is not a decimal such as 16.65"
            )
        case .invalidMerge(_, let merge):
            (
                "合并区域 \(merge) 无效：应至少两个单元格，且在表格数据行（含合计行）之内",
                "merge \(merge) must cover at least two cells inside the data rows and footer"
            )
        case .overlappingMerges(_, let first, let second):
            ("合并区域 \(first) 与 \(second) 重叠", "merges \(first) and \(second) overlap")
        case .textTooLong(_, let place, let length):
            (
                "\(place.chinese)的文字有 \(length) 个字符，超出 Excel 单元格的上限 \(Sheet.excelTextLimit) 个字符，请缩短或改用 CSV",
                "\(place.english): \(length) characters exceed an Excel cell's \(Sheet.excelTextLimit)"
            )
        case .library(_, let code, let reason):
            ("生成 Excel 文件出错（错误码 \(code)）", "libxlsxwriter error \(code): \(reason)")
        }
    }
}

/// Where in a sheet a refused text is, for messages; rows and lines count from 0.
public enum SheetPlace: Hashable, Sendable {
    /// The title line.
    case title
    /// A line under the title.
    case subtitle(line: Int)
    /// A column header.
    case header(column: Int)
    /// A cell of the data rows (the footer being the row after the last), with its column's header.
    case cell(row: Int, column: Int, header: String?)
    /// A line under the table.
    case note(line: Int)

    /// `第2行第4列（工作单位）`, counted from 1.
    var chinese: String {
        switch self {
        case .title: "标题"
        case .subtitle(let line): "标题下第\(line + 1)行"
        case .header(let column): "第\(column + 1)列的列名"
        case .cell(let row, let column, let header): "第\(row + 1)行第\(column + 1)列" + (header.map { "（\($0)）" } ?? "")
        case .note(let line): "表格下第\(line + 1)行说明"
        }
    }

    /// `row 2, column 4`, counted from 1.
    var english: String {
        switch self {
        case .title: "the title"
        case .subtitle(let line): "subtitle line \(line + 1)"
        case .header(let column): "the header of column \(column + 1)"
        case .cell(let row, let column, _): "row \(row + 1), column \(column + 1)"
        case .note(let line): "note line \(line + 1)"
        }
    }
}
