import BangfuCore

/// One record typed into a form (建档, an edit) read exactly as a row of its import file:
/// the same cleaning of each cell (trimmed, a formula guard `'` dropped), the same text
/// rules, parsers and bounds, and the same reasons, so that a form and a CSV row can never
/// disagree about a value.
public struct FormRecord<Column: ImportColumn, Record: Sendable>: Sendable {
    /// The record, when every value is right.
    public var record: Record?
    /// Every problem, each with its column (`issue.column` is the Chinese header; the row
    /// number means nothing here).
    public var issues: [RowIssue]
    /// What an import would warn about (an implausible phone, a bank card failing Luhn).
    public var warnings: [ImportWarning]
}

extension RecordFormat {
    /// `values` by column, as typed (a column missing from `values` is an empty cell), read
    /// as one row of the file; `today` bounds the birth dates of 身份证号.
    public func read(form values: [Column: String], today: CalendarDate) -> FormRecord<Column, Record> {
        let header = Column.allCases.map { Optional($0.header) }
        // Every header is present and distinct, which is all the layout can refuse.
        guard let layout = try? ColumnLayout<Column>(header: header, file: title) else {
            preconditionFailure("the columns of \(title) have distinct headers")
        }
        let fields: [String?] = Column.allCases.map { column in values[column].map(Self.cell) ?? "" }
        var row = RowReader(row: 0, fields: fields, layout: layout, today: today)
        let record = decode(&row)
        if record == nil && row.issues.isEmpty { row.failRow(reason: "无法读取", english: "could not be read") }
        return FormRecord(record: row.issues.isEmpty ? record : nil, issues: row.issues, warnings: row.warnings)
    }

    /// A typed value as the CSV parser hands a cell to the row reader: trimmed, without the
    /// formula guard.
    private static func cell(_ typed: String) -> String {
        var text = typed
        return text.withUTF8 { bytes in
            let trimmed = UnsafeBufferPointer(rebasing: bytes[UTF8Text.trimmedRange(bytes)])
            return String(decoding: withoutFormulaGuard(trimmed), as: UTF8.self)
        }
    }
}
