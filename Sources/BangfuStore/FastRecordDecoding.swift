import BangfuCore
import GRDB

/// The stored records read by column position through `FastCursor`. Each `…Columns` list
/// is the SELECT list its decoder reads, in order; keep the two together.
extension FastCursor {
    static let householdColumns = """
        archive_no, head_name, head_id_number, work_unit, union_name, category, registered_on, size,
        annual_income_fen, medical_expense_fen, cause, phone, bank_name, bank_account, status
        """

    func household() throws -> Household {
        Household(
            archiveNumber: ArchiveNumber(text(0)), headName: text(1), headIDNumber: try idNumber(2),
            workUnit: text(3), unionName: text(4), category: try vocabulary(5), registeredOn: try date(6),
            size: int(7), annualIncome: Money(fen: int(8)), medicalExpense: optionalInt(9).map(Money.init(fen:)),
            cause: optionalText(10), phone: text(11), bankName: text(12), bankAccount: text(13), status: try vocabulary(14))
    }

    static let memberColumns = "archive_no, name, id_number, relation, school_stage, school, note"

    func member() throws -> Member {
        Member(
            archiveNumber: ArchiveNumber(text(0)), name: text(1), idNumber: try idNumber(2), relation: text(3),
            schoolStage: try vocabulary(4), school: optionalText(5), note: optionalText(6))
    }

    static let modelWorkerColumns = """
        name, id_number, level, title, work_unit, annual_income_fen, hardship, special_cause, phone, bank_name, bank_account
        """

    func modelWorker() throws -> ModelWorker {
        ModelWorker(
            name: text(0), idNumber: try idNumber(1), level: try vocabulary(2), title: text(3), workUnit: text(4),
            annualIncome: Money(fen: int(5)), hardship: try vocabulary(6), specialCause: isNull(7) ? nil : try vocabulary(7),
            phone: text(8), bankName: text(9), bankAccount: text(10))
    }

    static let batchEntryColumns = """
        id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons, excluded_reason, excluded_by, excluded_at, position,
        reason_lines
        """

    /// `templates`: the batch's (`StoredReasons.templates`).
    func storedBatchEntry(templates: ReasonTemplates?) throws -> StoredBatchEntry {
        let computed = BatchEntry(
            idNumber: try idNumber(0), name: text(1), archiveNumber: optionalText(2).map(ArchiveNumber.init),
            studentIDNumber: isNull(3) ? nil : try idNumber(3), outcome: int(4) != 0 ? .eligible(Money(fen: int(5))) : .ineligible,
            reasons: try StoredReasons.reasons(text: bytes(6), compact: isNull(11) ? nil : blob(11), templates: templates))
        return StoredBatchEntry(
            position: int(10), computed: computed, exclusion: optionalText(7).map { StoredBatchEntry.Exclusion(reason: $0, by: text(8), at: text(9)) })
    }

    private func idNumber(_ column: Int32) throws -> IDNumber { try StoreError.parse(text(column), column: name(column), IDNumber.init) }

    private func date(_ column: Int32) throws -> CalendarDate { try StoreError.parse(text(column), column: name(column), CalendarDate.init) }

    private func vocabulary<V: ChineseVocabulary>(_ column: Int32, as type: V.Type = V.self) throws -> V {
        try StoreError.parse(text(column), column: name(column), V.init(rawValue:))
    }
}
