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

    /// Whether 在档 households are candidates (spec §4: living, education, medical, warmth).
    public var takesHouseholds: Bool { [.living, .education, .medical, .warmth].contains(self) }

    /// Whether model workers are candidates (spec §4: the model-worker kinds and warmth).
    public var takesModelWorkers: Bool { [.modelWorkerLiving, .modelWorkerSpecial, .warmth].contains(self) }
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
/// Keyed by `IDNumber.number`: a batch looks a million households up here, and integer
/// keys made those look-ups several times cheaper than the 18-character texts.
public struct EarlierAid: Sendable {
    private var byPerson: [Int: [AidKind: Money]] = [:]
    private var educationByStudent: [Int: Money] = [:]

    public init() {}

    /// Adds one paid record (a union record of the year; the caller filters).
    public mutating func add(_ record: AidRecord) {
        add(to: record.idNumber, kind: record.kind, amount: record.amount, student: record.studentIDNumber)
    }

    /// Adds `amount` of `kind` paid to `person` (for `student`, when it is 助学).
    public mutating func add(to person: IDNumber, kind: AidKind, amount: Money, student: IDNumber?) {
        byPerson[person.number, default: [:]][kind, default: .zero] += amount
        if kind == .education, let student { educationByStudent[student.number, default: .zero] += amount }
    }

    /// What the people in `ids` got of `kinds` together; a person listed twice counts once.
    /// Runs once or twice per household of a batch, so it allocates nothing.
    public func total(for ids: [IDNumber], kinds: [AidKind]) -> Money {
        var total = Money.zero
        for (index, id) in ids.enumerated() where !ids[..<index].contains(id) {
            guard let aid = byPerson[id.number] else { continue }
            for (kind, amount) in aid where kinds.contains(kind) { total += amount }
        }
        return total
    }

    /// 助学 paid for `student` this year.
    public func education(of student: IDNumber) -> Money { educationByStudent[student.number] ?? .zero }
}
