import BangfuCore
import Foundation

/// One problem with one cell (or one row) of an import file: where it is, the value
/// found, and why it is refused, in Chinese for the clerk and English for logs.
public struct RowIssue: Hashable, Sendable, CustomStringConvertible {
    /// The row as Excel numbers it: the header is row 1.
    public var row: Int
    /// The column header, or empty when the issue is with the row as a whole.
    public var column: String
    /// The column's letter as Excel shows it (`A`, `B`, … `AA`), when known.
    public var columnLetter: String
    public var value: String
    public var reason: String
    public var englishReason: String

    public init(row: Int, column: String = "", columnLetter: String = "", value: String = "", reason: String, englishReason: String) {
        self.row = row
        self.column = column
        self.columnLetter = columnLetter
        self.value = value
        self.reason = reason
        self.englishReason = englishReason
    }

    /// `第5行 I列「家庭年纯收入」值「abc」：不是有效金额 (row 5, column I 家庭年纯收入: not an amount)`.
    public var description: String { "\(chinese) (\(english))" }

    /// The issue in Chinese: `第5行 I列「家庭年纯收入」值「abc」：不是有效金额`.
    public var chinese: String {
        var place = "第\(row)行"
        if !column.isEmpty {
            // Escaped: the value may hold the very control characters it is refused for.
            let shown = (value.count > 40 ? String(value.prefix(40)) + "…" : value).escapedForDisplay
            place += " \(columnLetter)列「\(column)」值「\(shown)」"
        }
        return "\(place)：\(reason)"
    }

    /// The issue in English: `row 5, column I (家庭年纯收入): not an amount`.
    public var english: String {
        let place = column.isEmpty ? "row \(row)" : "row \(row), column \(columnLetter) (\(column))"
        return "\(place): \(englishReason)"
    }
}

/// A warning that does not stop the import: an unknown column, a suspicious phone number.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    public var row: Int?
    public var message: String
    public var english: String

    public init(row: Int? = nil, message: String, english: String) {
        self.row = row
        self.message = message
        self.english = english
    }

    public var description: String {
        (row.map { "第\($0)行：" } ?? "") + "\(message) (\(english))"
    }
}

/// Why a whole import file was refused. Nothing of the file is stored in any case.
public enum ImportError: Error, Sendable {
    /// The file cannot be opened or read.
    case unreadable(file: String, problem: FileReadProblem)
    /// A file to be written (a generated data set) cannot be created.
    case cannotCreate(file: String)
    /// Not even a header row.
    case empty(file: String)
    /// UTF-16 and other encodings Bangfu cannot read.
    case unsupportedEncoding(file: String, encoding: String)
    /// Required columns are missing from the header.
    case missingColumns(file: String, columns: [String])
    /// The same column header appears twice.
    case duplicateColumn(file: String, column: String)
    /// The CSV structure breaks (an unbalanced quote); `issues` are bad rows found before it.
    case malformed(file: String, row: Int, issues: [RowIssue])
    /// Rows that fail validation; every one of them is listed.
    case rowsRejected(file: String, issues: [RowIssue])
    /// The first line holds control bytes: not a CSV text file.
    case notText(file: String)
    /// A cell longer than `limit` bytes; `column` is its letter.
    case cellTooLong(file: String, row: Int, column: String, limit: Int)
    /// A row (a record, with its separators) longer than `limit` bytes.
    case rowTooLong(file: String, row: Int, limit: Int)
    /// An xlsx file that cannot be read as a workbook.
    case brokenWorkbook(file: String, problem: WorkbookProblem)
    /// An old `.xls` workbook, or an xlsx saved with a password (both are OLE compound files).
    case legacyWorkbook(file: String)
}

extension ImportError: UserFacingError {
    /// What is wrong with the file as a whole, in Chinese (with the file) and English.
    private var head: (chinese: String, english: String) {
        switch self {
        case .unreadable(let file, let problem):
            ("\(file)：无法读取文件（\(problem.chinese)），未导入任何数据", "cannot read file: \(problem.english)")
        case .cannotCreate(let file):
            ("\(file)：无法创建文件，请检查文件夹是否存在、是否有写权限", "cannot create the file")
        case .empty(let file):
            ("\(file)：文件为空，没有表头行，未导入任何数据", "empty file: no header row")
        case .unsupportedEncoding(let file, let encoding):
            ("\(file)：不支持的文件编码 \(encoding)，请另存为“CSV UTF-8”或“CSV（逗号分隔）”", "unsupported encoding \(encoding)")
        case .missingColumns(let file, let columns):
            ("\(file)：缺少必需的列：\(columns.joined(separator: "、"))，未导入任何数据", "missing required columns: \(columns.joined(separator: ", "))")
        case .duplicateColumn(let file, let column):
            ("\(file)：列「\(column.escapedForDisplay)」出现了两次，未导入任何数据", "column \(column.escapedForDisplay) appears twice")
        case .malformed(let file, let row, _):
            ("\(file)：第\(row)行附近引号不配对，文件结构错误，未导入任何数据", "unbalanced quote near row \(row): nothing imported")
        case .rowsRejected(let file, let issues):
            ("\(file)：\(issues.count)处错误，整个文件未导入，请改正后重新导入", "\(issues.count) problem\(issues.count == 1 ? "" : "s"): nothing imported")
        case .notText(let file):
            (
                "\(file)：不是文本CSV文件（第1行含有NUL等控制字节，可能是其他二进制文件或UTF-16编码），请在Excel中另存为“CSV UTF-8”，未导入任何数据",
                "not a CSV text file: control bytes in the first line"
            )
        case .cellTooLong(let file, let row, let column, let limit):
            (
                "\(file)：第\(row)行 \(column)列的单元格超过\(limit)字节（可能是引号不配对或不是CSV文件），未导入任何数据",
                "row \(row), column \(column): cell longer than \(limit) bytes"
            )
        case .rowTooLong(let file, let row, let limit):
            ("\(file)：第\(row)行超过\(limit)字节（可能缺少换行或不是CSV文件），未导入任何数据", "row \(row) longer than \(limit) bytes")
        case .brokenWorkbook(let file, let problem):
            (
                "\(file)：无法读取Excel文件（\(problem.chinese)），请在Excel中打开后另存为“Excel工作簿(*.xlsx)”再导入，未导入任何数据",
                "not a readable xlsx workbook: \(problem.english)"
            )
        case .legacyWorkbook(let file):
            (
                "\(file)：是旧版Excel（.xls）文件或设有密码的工作簿，请在Excel中另存为不设密码的“Excel工作簿(*.xlsx)”或“CSV UTF-8”，未导入任何数据",
                "an old .xls workbook or a password-protected one: save it as an xlsx without a password, or as CSV"
            )
        }
    }

    /// The file's bad rows, for the errors that list them.
    public var issues: [RowIssue] {
        switch self {
        case .malformed(_, _, let issues), .rowsRejected(_, let issues): issues
        default: []
        }
    }

    /// The file's problem alone, in Chinese and in English, for a page or an answer that
    /// lists the bad rows in a table of their own.
    public var headline: (chinese: String, english: String) { head }

    /// The file's problem and every bad row, in Chinese.
    public var chinese: String { ([head.chinese] + issues.map { "  \($0.chinese)" }).joined(separator: "\n") }

    /// The same in English.
    public var english: String {
        let file = (self.file as NSString).lastPathComponent
        return (["\(file): \(head.english)"] + issues.map { "  \($0.english)" }).joined(separator: "\n")
    }

    /// The report for a person, as the command line prints it: the file's problem, then one
    /// line per bad row, each in Chinese with English in brackets.
    public var message: String {
        let file = self.file
        return (["\(head.chinese) (\(head.english))"] + issues.map { "  \(file) \($0)" }).joined(separator: "\n")
    }

    /// The same as `message`, by its older name.
    public var report: String { message }

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .cannotCreate(let file), .empty(let file), .unsupportedEncoding(let file, _),
            .missingColumns(let file, _), .duplicateColumn(let file, _), .malformed(let file, _, _), .rowsRejected(let file, _),
            .notText(let file), .cellTooLong(let file, _, _, _), .rowTooLong(let file, _, _), .brokenWorkbook(let file, _),
            .legacyWorkbook(let file):
            file
        }
    }
}

/// Excel's letter for a zero-based column index: 0 → A, 25 → Z, 26 → AA.
func columnLetter(_ index: Int) -> String {
    var index = index
    var letters = ""
    repeat {
        letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
        index = index / 26 - 1
    } while index >= 0
    return letters
}

extension ImportError {
    /// The same error about the file called `name`: an upload is read from a temporary
    /// path, but the person knows it by the name it had on their computer.
    public func naming(_ name: String) -> ImportError {
        switch self {
        case .unreadable(_, let problem): .unreadable(file: name, problem: problem)
        case .cannotCreate: .cannotCreate(file: name)
        case .empty: .empty(file: name)
        case .unsupportedEncoding(_, let encoding): .unsupportedEncoding(file: name, encoding: encoding)
        case .missingColumns(_, let columns): .missingColumns(file: name, columns: columns)
        case .duplicateColumn(_, let column): .duplicateColumn(file: name, column: column)
        case .malformed(_, let row, let issues): .malformed(file: name, row: row, issues: issues)
        case .rowsRejected(_, let issues): .rowsRejected(file: name, issues: issues)
        case .notText: .notText(file: name)
        case .cellTooLong(_, let row, let column, let limit): .cellTooLong(file: name, row: row, column: column, limit: limit)
        case .rowTooLong(_, let row, let limit): .rowTooLong(file: name, row: row, limit: limit)
        case .brokenWorkbook(_, let problem): .brokenWorkbook(file: name, problem: problem)
        case .legacyWorkbook: .legacyWorkbook(file: name)
        }
    }
}
