/// 发放单位 of an aid record: the union itself, or another agency whose lists arrive by import.
public enum Payer: Hashable, Sendable, CustomStringConvertible {
    /// 工会: paid by Bangfu's own batches or by the union before Bangfu.
    case union
    /// 民政, 妇联, 共青团, 残联 or any other body, as written.
    case agency(String)

    /// The 发放单位 as written in files.
    public init(_ text: String) {
        let name = text.trimmed
        self = name == "工会" ? .union : .agency(name)
    }

    public var description: String {
        switch self {
        case .union: "工会"
        case .agency(let name): name
        }
    }
}

/// One payment of aid to a person (spec §3.4): paid by a batch, or imported from a list.
public struct AidRecord: Hashable, Sendable {
    public var idNumber: IDNumber
    public var name: String
    public var kind: AidKind
    public var amount: Money
    public var paidOn: CalendarDate
    public var payer: Payer
    /// 受助学生身份证号: for 助学, the student the aid was for.
    public var studentIDNumber: IDNumber?

    public init(
        idNumber: IDNumber, name: String, kind: AidKind, amount: Money, paidOn: CalendarDate,
        payer: Payer, studentIDNumber: IDNumber? = nil
    ) {
        self.idNumber = idNumber
        self.name = name
        self.kind = kind
        self.amount = amount
        self.paidOn = paidOn
        self.payer = payer
        self.studentIDNumber = studentIDNumber
    }
}
