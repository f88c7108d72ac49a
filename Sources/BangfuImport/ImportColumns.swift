import BangfuCore

/// The columns of one import file (spec §3), numbered 0, 1, 2… by their raw value so
/// that finding a cell is an array look-up, not a string hash.
public protocol ImportColumn: RawRepresentable<Int>, CaseIterable, Hashable, Sendable {
    /// The Chinese header of spec §3.
    var header: String { get }
    /// Whether the header must contain this column.
    var isRequired: Bool { get }
    /// How the cell's text is normalised and how long it may be.
    var textRule: TextRule { get }
}

/// Where each known column sits in a file's header, worked out once from the header row.
struct ColumnLayout<Column: ImportColumn>: Sendable {
    /// The field index of each column by its raw value; nil when the file lacks it.
    private let fieldIndices: [Int?]
    let width: Int

    /// Where `column` sits in a row, or nil.
    func position(of column: Column) -> Int? { fieldIndices[column.rawValue] }

    /// Maps the header; unknown columns become warnings, missing required ones an error.
    init(header: [String?], file: String) throws(ImportError) {
        var positions = [Int?](repeating: nil, count: Column.allCases.count)
        let byHeader = Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0.header, $0) })
        var seen: Set<String> = []
        var warnings: [ImportWarning] = []
        for (index, raw) in header.enumerated() {
            // Normalised as a cell is, so that a stray BOM or zero-width space does not hide a
            // known header; one that cannot be cleaned is an unknown column, shown escaped.
            let name = (try? TextRule.organisation.clean(raw ?? "")) ?? (raw ?? "").escapedForDisplay
            guard !name.isEmpty else { continue }
            guard seen.insert(name).inserted else { throw .duplicateColumn(file: file, column: name) }
            if let column = byHeader[name] {
                positions[column.rawValue] = index
            } else {
                warnings.append(ImportWarning(
                    row: 1, message: "未知的列「\(name)」（\(columnLetter(index))列）已忽略",
                    english: "unknown column \(name) ignored"))
            }
        }
        let missing = Column.allCases.filter { $0.isRequired && positions[$0.rawValue] == nil }
        guard missing.isEmpty else { throw .missingColumns(file: file, columns: missing.map(\.header)) }
        self.fieldIndices = positions
        self.width = header.count
        self.warnings = warnings
    }

    let warnings: [ImportWarning]

    /// Each known column's Excel letter, by header name.
    var letters: [String: String] {
        Dictionary(uniqueKeysWithValues: Column.allCases.compactMap { column in
            position(of: column).map { (column.header, columnLetter($0)) }
        })
    }
}

/// Reads the cells of one data row by column, collecting an issue for each bad cell
/// instead of stopping at the first, so the report can list them all.
struct RowReader<Column: ImportColumn> {
    let row: Int
    private let fields: [String?]
    private let layout: ColumnLayout<Column>
    /// No one on file is born after it.
    private let today: CalendarDate
    /// Cells the file itself spoiled (an xlsx number past 15 digits), by field index.
    private let spoiled: [Int: CellProblem]
    private(set) var issues: [RowIssue] = []
    private(set) var warnings: [ImportWarning] = []

    /// `fields` as `CSVRecordParser` gives them: trimmed, nil where not valid UTF-8.
    init(row: Int, fields: [String?], layout: ColumnLayout<Column>, today: CalendarDate, spoiled: [Int: CellProblem] = [:]) {
        self.row = row
        self.today = today
        self.spoiled = spoiled
        self.fields = fields
        self.layout = layout
        if fields.count != layout.width {
            issues.append(RowIssue(
                row: row, reason: "该行有\(fields.count)列，表头有\(layout.width)列（可能是逗号未加引号）",
                englishReason: "row has \(fields.count) fields, header has \(layout.width)"))
        }
    }

    private enum Cell {
        case absent, empty, undecodable
        case refused(String, TextRefusal)
        case spoiled(CellProblem)
        case text(String)
    }

    /// The cell normalised by its column's `textRule`; empty when nothing but white space
    /// and zero-width characters is in it.
    private func cell(_ column: Column) -> Cell {
        guard let index = layout.position(of: column), index < fields.count else { return .absent }
        guard let raw = fields[index] else { return .undecodable }
        if !spoiled.isEmpty, let problem = spoiled[index] { return .spoiled(problem) }
        if raw.isEmpty { return .empty }
        do {
            let text = try column.textRule.clean(raw)
            return text.isEmpty ? .empty : .text(text)
        } catch {
            return .refused(raw, error)
        }
    }

    /// The cell's text, normalised; nil when the column is absent or the cell is empty.
    mutating func text(_ column: Column) -> String? {
        text(column, cell(column))
    }

    private mutating func text(_ column: Column, _ cell: Cell) -> String? {
        switch cell {
        case .text(let text): return text
        case .undecodable:
            fail(column, value: "", reason: "不是有效的文本编码（文件中混有其他编码）", english: "invalid UTF-8 text")
            return nil
        case .refused(let raw, let refusal):
            fail(column, value: raw, reason: refusal.chinese, english: refusal.english)
            return nil
        case .spoiled(let problem):
            fail(column, value: problem.value, reason: problem.reason, english: problem.english)
            return nil
        case .absent, .empty: return nil
        }
    }

    /// The cell's text; an issue when it is empty, or when the file lacks an optional
    /// column that this row needs (特殊困难原因 for a model worker in 特殊困难).
    mutating func required(_ column: Column) -> String? {
        let cell = cell(column)
        switch cell {
        case .empty:
            fail(column, value: "", reason: "不能为空", english: "must not be empty")
            return nil
        case .absent:
            fail(column, value: "", reason: "此行需要填写该列，但文件中没有这一列", english: "this row needs the column, which the file lacks")
            return nil
        case .text, .undecodable, .refused, .spoiled:
            return text(column, cell)
        }
    }

    /// A yuan amount read as `Money`, at most `Plausible.amount`; `optional` cells may be empty.
    mutating func money(_ column: Column, optional: Bool = false) -> Money? {
        guard let text = optional ? text(column) : required(column) else { return nil }
        guard let money = Money(yuanText: text) else {
            fail(column, value: text, reason: "不是有效的金额（应为如 6000、6000.5、6,000.00 的非负数，最多两位小数，不超过\(Plausible.amountText)元）",
                 english: "not an amount in yuan")
            return nil
        }
        guard money <= Plausible.amount else {
            fail(column, value: text, reason: "金额超出合理范围（单笔金额不超过\(Plausible.amountText)元，更大的数多为录入错误）",
                 english: "amount above \(Plausible.amount.plainYuan) yuan, most likely a typing error")
            return nil
        }
        return money
    }

    /// A date whose year is within `Plausible.years`.
    mutating func date(_ column: Column) -> CalendarDate? {
        guard let text = required(column) else { return nil }
        guard let date = CalendarDate(text) else {
            fail(column, value: text, reason: "不是有效的日期（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年MM月DD日，且该日存在）",
                 english: "not a valid date")
            return nil
        }
        guard Plausible.isPlausible(date) else {
            fail(column, value: text, reason: "年份超出合理范围（应在\(Plausible.yearsText)年之间，多为录入错误）",
                 english: "year outside \(Plausible.yearsText), most likely a typing error")
            return nil
        }
        return date
    }

    mutating func idNumber(_ column: Column, optional: Bool = false) -> IDNumber? {
        guard let text = optional ? text(column) : required(column) else { return nil }
        do {
            let number = try IDNumber(validating: text)
            // GB 11643 allows any real date; no one on file is born after today.
            guard number.birthDate <= today else {
                fail(column, value: text, reason: "身份证号中的出生日期\(number.birthDate)晚于今天",
                     english: "birth date \(number.birthDate) in the id number is after today")
                return nil
            }
            return number
        } catch {
            fail(column, value: text, reason: error.chinese, english: error.english)
            return nil
        }
    }

    /// A closed choice; `fallback` is used when the cell is empty and the choice optional.
    mutating func choice<V: ChineseVocabulary>(_ column: Column, fallback: V? = nil) -> V? {
        guard let text = fallback == nil ? required(column) : text(column) else { return fallback }
        guard let value = V(chineseName: text) else {
            fail(column, value: text, reason: "不是可选的值（可选：\(V.chineseChoices)）",
                 english: "not one of \(V.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// 家庭人口: a whole number within `Plausible.householdSize`.
    mutating func householdSize(_ column: Column) -> Int? {
        guard let text = required(column) else { return nil }
        let sizes = Plausible.householdSize
        guard text.allSatisfy({ ("0"..."9").contains($0) }), text.count <= 6, let value = Int(text), value >= sizes.lowerBound else {
            fail(column, value: text, reason: "应为不小于\(sizes.lowerBound)的整数", english: "must be a whole number of at least \(sizes.lowerBound)")
            return nil
        }
        guard value <= sizes.upperBound else {
            fail(column, value: text, reason: "家庭人口超出合理范围（不超过\(sizes.upperBound)人，更大的数多为录入错误）",
                 english: "household size above \(sizes.upperBound), most likely a typing error")
            return nil
        }
        return value
    }

    mutating func fail(_ column: Column, value: String, reason: String, english: String) {
        let index = layout.position(of: column)
        let issue = RowIssue(
            row: row, column: column.header, columnLetter: index.map(columnLetter) ?? "", value: value,
            reason: reason, englishReason: english)
        // A cell read twice (a contact check, then the record) is reported once.
        if !issues.contains(issue) { issues.append(issue) }
    }

    /// An issue with the row as a whole.
    mutating func failRow(reason: String, english: String) {
        issues.append(RowIssue(row: row, reason: reason, englishReason: english))
    }

    mutating func warn(_ column: Column, _ message: String, english: String) {
        warnings.append(ImportWarning(row: row, message: "「\(column.header)」\(message)", english: english))
    }

    /// Whether every cell is blank: Excel leaves such rows (`,,,,`) after the data.
    var isBlank: Bool { fields.allSatisfy { $0?.isEmpty ?? false } }
}
