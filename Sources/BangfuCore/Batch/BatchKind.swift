/// The six batch kinds of spec §1; the raw value is the command-line and JSON word.
public enum BatchKind: String, CaseIterable, Hashable, Sendable {
    case living, education, medical
    case modelWorkerLiving = "model-worker-living"
    case modelWorkerSpecial = "model-worker-special"
    case warmth

    /// The 救助类型 the batch's payments are recorded as.
    public var aidKind: AidKind {
        switch self {
        case .living: .living
        case .education: .education
        case .medical: .medical
        case .modelWorkerLiving: .modelWorkerLiving
        case .modelWorkerSpecial: .modelWorkerSpecial
        case .warmth: .warmth
        }
    }

    public var chineseName: String { aidKind.chineseName }

    /// Whether the 2.1× income cap applies (spec §4: living, education, medical).
    public var isIncomeCapped: Bool { [.living, .education, .medical].contains(self) }
}

/// One proposed payment of a batch, with the reasons an auditor reads (spec §6.1).
public struct BatchEntry: Hashable, Sendable {
    /// The recipient: the head of household, or the model worker.
    public var idNumber: IDNumber
    public var name: String
    /// nil for model workers.
    public var archiveNumber: ArchiveNumber?
    /// The student, for 助学 only.
    public var studentIDNumber: IDNumber?
    public var outcome: Outcome
    /// Each step in Chinese: the rule, the numbers used, each cut.
    public var reasons: [String]

    /// Paid `amount`, or nothing.
    public enum Outcome: Hashable, Sendable {
        case eligible(Money)
        case ineligible
    }

    public init(idNumber: IDNumber, name: String, archiveNumber: ArchiveNumber?, studentIDNumber: IDNumber? = nil, outcome: Outcome, reasons: [String]) {
        self.idNumber = idNumber
        self.name = name
        self.archiveNumber = archiveNumber
        self.studentIDNumber = studentIDNumber
        self.outcome = outcome
        self.reasons = reasons
    }

    public var isEligible: Bool { if case .eligible = outcome { true } else { false } }

    public var amount: Money { if case .eligible(let amount) = outcome { amount } else { .zero } }
}

/// Union aid already paid this calendar year (发放单位 工会), as the limits count it.
public struct EarlierAid: Sendable {
    /// By recipient 身份证号, by kind.
    public var byPerson: [String: [AidKind: Money]]
    /// 助学 by student 身份证号.
    public var educationByStudent: [String: Money]

    public init(byPerson: [String: [AidKind: Money]] = [:], educationByStudent: [String: Money] = [:]) {
        self.byPerson = byPerson
        self.educationByStudent = educationByStudent
    }

    /// Adds one paid record (a union record of the year; the caller filters).
    public mutating func add(_ record: AidRecord) {
        byPerson[record.idNumber.value, default: [:]][record.kind, default: .zero] += record.amount
        if record.kind == .education, let student = record.studentIDNumber {
            educationByStudent[student.value, default: .zero] += record.amount
        }
    }

    /// What the people in `ids` got of `kinds` together.
    public func total(for ids: [IDNumber], kinds: Set<AidKind>) -> Money {
        var total = Money.zero
        for id in Set(ids.map(\.value)) {
            for (kind, amount) in byPerson[id] ?? [:] where kinds.contains(kind) { total += amount }
        }
        return total
    }
}
