/// Union aid of the year on file (发放单位 工会) for the people of one archive, as the store
/// sums it while it reads the archive: what `EarlierAid` would hold for them, without a
/// table of every person of the year for the whole run.
public struct ArchiveAidOnFile: Sendable, Equatable {
    /// The archive's people together, head and members, each person once.
    public var people: AidByKind
    /// 助学 on file for each student of the archive who has any.
    public var students: [StudentAid]

    /// 助学 paid this year for one student, whoever received it.
    public struct StudentAid: Sendable, Equatable {
        public var student: IDNumber
        public var amount: Money

        public init(student: IDNumber, amount: Money) {
            self.student = student
            self.amount = amount
        }
    }

    public init(people: AidByKind = AidByKind(), students: [StudentAid] = []) {
        self.people = people
        self.students = students
    }

    /// Nothing on file: the first batch of a year, or a caller whose `EarlierAid` holds it all.
    public static let none = ArchiveAidOnFile()

    /// 助学 on file for `student`.
    public func education(of student: IDNumber) -> Money {
        students.first { $0.student == student }?.amount ?? .zero
    }
}

/// The people a batch may pay before it meets them again — the head of one 在档 archive
/// listed in another, or heading two; a student listed in two archives — whose payments
/// `BatchCalculator.counting` must remember. Everyone else is met once, so remembering
/// them (a million heads in a province's batch) only cost memory.
public struct PeopleMetAgain: Sendable, Equatable {
    /// `IDNumber.number`s; nil stands for everyone.
    private let numbers: Set<Int>?

    /// Every person counts: a caller that does not know who is met again.
    public static let everyone = PeopleMetAgain(numbers: nil)

    private init(numbers: Set<Int>?) { self.numbers = numbers }

    public init(_ people: some Sequence<IDNumber>) { numbers = Set(people.lazy.map(\.number)) }

    /// The people by `IDNumber.number`, as the store reads them.
    public init(numbers: some Sequence<Int>) { self.numbers = Set(numbers) }

    public func contains(_ person: IDNumber) -> Bool { numbers?.contains(person.number) ?? true }

    /// How many people are remembered; nil for everyone.
    public var count: Int? { numbers?.count }

    /// The 身份证号 texts, for a statement that reads only their rows.
    public var idNumberTexts: [String] { numbers.map { $0.map(IDNumber.text(number:)) } ?? [] }
}
