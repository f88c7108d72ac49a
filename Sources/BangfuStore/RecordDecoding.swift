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

    func aidRecord() throws -> AidRecord {
        let student = text("student_id_number")
        return AidRecord(
            idNumber: try idNumber("id_number"), name: text("name"), kind: try vocabulary("kind"),
            amount: money("amount_fen"), paidOn: try date("paid_on"), payer: Payer(text("payer")),
            studentIDNumber: student.isEmpty ? nil : try idNumber("student_id_number"))
    }
}
