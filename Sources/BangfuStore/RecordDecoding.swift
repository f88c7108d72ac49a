import BangfuCore
import GRDB

/// Turns stored rows back into domain records. The schema's CHECKs make a failure here
/// mean a file edited outside Bangfu; it is reported, never trapped.
extension Row {
    func text(_ column: String) -> String { self[column] ?? "" }

    func idNumber(_ column: String) throws -> IDNumber { try StoreError.parse(text(column), column: column, IDNumber.init) }

    func date(_ column: String) throws -> CalendarDate { try StoreError.parse(text(column), column: column, CalendarDate.init) }

    func vocabulary<V: ChineseVocabulary>(_ column: String, as type: V.Type = V.self) throws -> V {
        try StoreError.parse(text(column), column: column, V.init(rawValue:))
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
