import BangfuCore
import GRDB

/// Turns stored rows back into domain records. The schema's CHECKs make a failure here
/// mean a file edited outside Bangfu; it is reported, never trapped.
extension Row {
    func text(_ column: String) -> String { self[column] ?? "" }

    func idNumber(_ column: String) throws -> IDNumber {
        let text = self.text(column)
        guard let id = IDNumber(text) else { throw StoreError.corruptRow(column: column, value: text) }
        return id
    }

    func date(_ column: String) throws -> CalendarDate {
        let text = self.text(column)
        guard let date = CalendarDate(text) else { throw StoreError.corruptRow(column: column, value: text) }
        return date
    }

    func vocabulary<V: ChineseVocabulary>(_ column: String, as type: V.Type = V.self) throws -> V {
        let text = self.text(column)
        guard let value = V(rawValue: text) else { throw StoreError.corruptRow(column: column, value: text) }
        return value
    }

    func money(_ column: String) -> Money { Money(fen: self[column] ?? 0) }

    func optionalMoney(_ column: String) -> Money? { (self[column] as Int?).map(Money.init(fen:)) }

    func household() throws -> Household {
        Household(
            archiveNumber: ArchiveNumber(text("archive_no")), headName: text("head_name"),
            headIDNumber: try idNumber("head_id_number"), workUnit: text("work_unit"),
            unionName: text("union_name"), category: try vocabulary("category"),
            registeredOn: try date("registered_on"), size: self["size"] ?? 1,
            annualIncome: money("annual_income_fen"), medicalExpense: optionalMoney("medical_expense_fen"),
            cause: self["cause"], phone: text("phone"), bankName: text("bank_name"),
            bankAccount: text("bank_account"), status: try vocabulary("status"))
    }

    func member() throws -> Member {
        Member(
            archiveNumber: ArchiveNumber(text("archive_no")), name: text("name"),
            idNumber: try idNumber("id_number"), relation: text("relation"),
            schoolStage: try vocabulary("school_stage"), school: self["school"], note: self["note"])
    }

    func modelWorker() throws -> ModelWorker {
        let cause: String? = self["special_cause"]
        return ModelWorker(
            name: text("name"), idNumber: try idNumber("id_number"), level: try vocabulary("level"),
            title: text("title"), workUnit: text("work_unit"), annualIncome: money("annual_income_fen"),
            hardship: try vocabulary("hardship"), specialCause: try cause.map { _ in try vocabulary("special_cause") },
            phone: text("phone"), bankName: text("bank_name"), bankAccount: text("bank_account"))
    }

    func aidRecord() throws -> AidRecord {
        let student = text("student_id_number")
        return AidRecord(
            idNumber: try idNumber("id_number"), name: text("name"), kind: try vocabulary("kind"),
            amount: money("amount_fen"), paidOn: try date("paid_on"), payer: Payer(text("payer")),
            studentIDNumber: student.isEmpty ? nil : try idNumber("student_id_number"))
    }
}
