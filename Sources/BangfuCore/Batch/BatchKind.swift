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

    /// Whether the income cap (multiple × 低保) applies (spec §4: living, education, medical).
    public var isIncomeCapped: Bool { [.living, .education, .medical].contains(self) }

    /// Whether 在档 households are candidates (spec §4: living, education, medical, warmth).
    public var takesHouseholds: Bool { [.living, .education, .medical, .warmth].contains(self) }

    /// Whether model workers are candidates (spec §4: the model-worker kinds and warmth).
    public var takesModelWorkers: Bool { [.modelWorkerLiving, .modelWorkerSpecial, .warmth].contains(self) }

    /// Whether the rules count the year's earlier union aid of an archive's people (the
    /// annual limits and the income cap: living, education, medical).
    public var countsArchivesEarlierAid: Bool { isIncomeCapped }

    /// Whether the rules count a model worker's earlier aid (the annual 劳模 limit).
    public var countsModelWorkersEarlierAid: Bool { [.modelWorkerLiving, .modelWorkerSpecial].contains(self) }

    /// Whether the entries go to an archive's students (助学), whom the batch reads.
    public var paysStudents: Bool { self == .education }
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
    /// Each step in Chinese: the rule, the numbers used, each cut; as the calculator wrote
    /// them (templates and numbers) or as stored in full.
    public var reasonLines: EntryReasons

    /// The reasons printed, one line each; setting them stores them in full.
    public var reasons: [String] {
        get { reasonLines.lines }
        set { reasonLines = EntryReasons(lines: newValue) }
    }

    /// Paid `amount`, or nothing.
    public enum Outcome: Hashable, Sendable {
        case eligible(Money)
        case ineligible
    }

    public init(idNumber: IDNumber, name: String, archiveNumber: ArchiveNumber?, studentIDNumber: IDNumber? = nil, outcome: Outcome, reasons: [String]) {
        self.init(idNumber: idNumber, name: name, archiveNumber: archiveNumber, studentIDNumber: studentIDNumber, outcome: outcome, reasons: EntryReasons(lines: reasons))
    }

    public init(idNumber: IDNumber, name: String, archiveNumber: ArchiveNumber?, studentIDNumber: IDNumber? = nil, outcome: Outcome, reasons: EntryReasons) {
        self.idNumber = idNumber
        self.name = name
        self.archiveNumber = archiveNumber
        self.studentIDNumber = studentIDNumber
        self.outcome = outcome
        self.reasonLines = reasons
    }

    public var isEligible: Bool { if case .eligible = outcome { true } else { false } }

    public var amount: Money { if case .eligible(let amount) = outcome { amount } else { .zero } }
}

/// Union aid already paid this calendar year (发放单位 工会), as the limits count it.
/// Keyed by `IDNumber.number` in `IntTable`s: a batch of a million households looks people
/// up here millions of times and adds its own entries as it goes, and a `Dictionary` of
/// dictionaries spent a malloc per person and a SipHash per look-up.
public struct EarlierAid: Sendable {
    /// Where each person's amounts are in `paid`.
    private var rowOfPerson = IntTable<Int>()
    private var paid: [AidByKind] = []
    private var educationByStudent = IntTable<Money>()

    public init() {}

    /// Adds one paid record (a union record of the year; the caller filters).
    public mutating func add(_ record: AidRecord) throws(AmountOverflow) {
        try add(to: record.idNumber, kind: record.kind, amount: record.amount, student: record.studentIDNumber)
    }

    /// Adds `amount` of `kind` paid to `person` (for `student`, when it is 助学);
    /// `AmountOverflow`, naming the person, when their year's total leaves an `Int`.
    public mutating func add(to person: IDNumber, kind: AidKind, amount: Money, student: IDNumber?) throws(AmountOverflow) {
        try add(to: person, kind: kind, amount: amount, student: student, remembering: .everyone)
    }

    /// `add`, keeping the amount only for the person and the student among `people`.
    mutating func add(to person: IDNumber, kind: AidKind, amount: Money, student: IDNumber?, remembering people: PeopleMetAgain) throws(AmountOverflow) {
        do {
            if people.contains(person) {
                let count = paid.count
                let row = rowOfPerson.value(for: person.number) { count }
                if row == count { paid.append(AidByKind()) }
                try paid[row][kind].add(amount)
            }
            if kind == .education, let student, people.contains(student) {
                let total = try (educationByStudent[student.number] ?? .zero).adding(amount)
                educationByStudent.update(student.number, initial: .zero) { $0 = total }
            }
        } catch {
            throw error.at("身份证号\(person.value)")
        }
    }

    /// What the people in `ids` got together, kind by kind; a person listed twice counts
    /// once. Runs once per household of a batch, so it allocates nothing.
    public func paid(to ids: [IDNumber]) throws(AmountOverflow) -> AidByKind {
        var total = AidByKind()
        for (index, id) in ids.enumerated() where !ids[..<index].contains(id) {
            guard let row = rowOfPerson[id.number] else { continue }
            try total.add(paid[row])
        }
        return total
    }

    /// 助学 paid for `student` this year.
    public func education(of student: IDNumber) -> Money { educationByStudent[student.number] ?? .zero }
}

/// An amount of each kind of aid: what one person or one household got this year.
public struct AidByKind: Sendable, Equatable {
    private var living = Money.zero
    private var education = Money.zero
    private var medical = Money.zero
    private var modelWorkerLiving = Money.zero
    private var modelWorkerSpecial = Money.zero
    private var warmth = Money.zero
    private var other = Money.zero

    public init() {}

    public subscript(kind: AidKind) -> Money {
        get {
            switch kind {
            case .living: living
            case .education: education
            case .medical: medical
            case .modelWorkerLiving: modelWorkerLiving
            case .modelWorkerSpecial: modelWorkerSpecial
            case .warmth: warmth
            case .other: other
            }
        }
        set {
            switch kind {
            case .living: living = newValue
            case .education: education = newValue
            case .medical: medical = newValue
            case .modelWorkerLiving: modelWorkerLiving = newValue
            case .modelWorkerSpecial: modelWorkerSpecial = newValue
            case .warmth: warmth = newValue
            case .other: other = newValue
            }
        }
    }

    /// The amounts of `kinds` added up.
    public func sum(_ kinds: AidKind...) throws(AmountOverflow) -> Money {
        var total = Money.zero
        for kind in kinds { try total.add(self[kind]) }
        return total
    }

    /// Adds `other` kind by kind.
    public mutating func add(_ other: AidByKind) throws(AmountOverflow) {
        for kind in AidKind.allCases { try self[kind].add(other[kind]) }
    }
}
