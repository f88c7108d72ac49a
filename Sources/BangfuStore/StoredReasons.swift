import BangfuCore
import GRDB

/// An entry's reasons as `batch_entries` keeps them: since v13 as template numbers and the
/// entry's numbers (`reason_lines`, against the batch's `batch_reason_templates`), before
/// it as the lines in full (`reasons`). Every reader of stored entries renders them here.
enum StoredReasons {
    /// What marks a cut entry (`BatchEntryFilter.cut`): `BatchCalculator` writes "核减至N元"
    /// after an annual limit or the income cap, and "本年已获助学N元，可发余额M元" when a
    /// student's earlier 助学 leaves less than the standard. A computation stores whether an
    /// entry's lines say one (`reasons_cut`); older entries are searched in their text.
    static let cutMarks = ["核减至", "本年已获助学"]

    /// The SQL over `batch_entries e` that keeps the entries whose reasons say a cut.
    static let cutCondition = "(e.reasons_cut = 1 OR " + cutMarks.map { "instr(e.reasons, '\($0)') > 0" }.joined(separator: " OR ") + ")"

    /// The templates of batch `id`'s last computation; nil when it has none (never computed,
    /// or computed before v13).
    static func templates(_ db: Database, batch id: Int64) throws -> ReasonTemplates? {
        let texts = try String.fetchAll(db, sql: "SELECT text FROM batch_reason_templates WHERE batch_id = ? ORDER BY number", arguments: [id])
        guard !texts.isEmpty else { return nil }
        guard let templates = ReasonTemplates(stored: texts) else { throw StoreError.corruptRow(column: "batch_reason_templates.text", value: "batch \(id)") }
        return templates
    }

    /// The lines of one stored entry: `compact` against `templates` when the entry has it,
    /// rendered only when a reader asks (a listing renders them straight into its output,
    /// issue 22); else the non-empty lines of `text`, split on the bytes (a `String` split by
    /// characters spent a third of a million-entry `batch show` on grapheme breaking).
    static func reasons(text: UnsafeBufferPointer<UInt8>, compact: UnsafeBufferPointer<UInt8>?, templates: ReasonTemplates?) throws -> EntryReasons {
        if let compact {
            guard let templates, let reasons = EntryReasons(templates, encoded: compact) else {
                throw StoreError.corruptRow(column: "reason_lines", value: "\(compact.count) bytes")
            }
            return reasons
        }
        return EntryReasons(lines: text.split(separator: UInt8(ascii: "\n")).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) })
    }
}
