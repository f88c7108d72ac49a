/// 档案编号: the key of a household archive. A distinct type so that an archive number
/// cannot be passed where a 身份证号 or a name is expected.
public struct ArchiveNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }
    public static func < (lhs: ArchiveNumber, rhs: ArchiveNumber) -> Bool { lhs.value < rhs.value }
}

/// A 困难职工家庭档案 (spec §3.1).
public struct Household: Hashable, Sendable {
    public var archiveNumber: ArchiveNumber
    public var headName: String
    public var headIDNumber: IDNumber
    /// 工作单位 of the head of household.
    public var workUnit: String
    /// 所属工会: the grassroots union that filed the archive.
    public var unionName: String
    public var category: HardshipCategory
    /// 建档日期.
    public var registeredOn: CalendarDate
    /// 家庭人口: authoritative for per-capita income, whatever the member list holds.
    public var size: Int
    /// 家庭年纯收入 of the last 12 months.
    public var annualIncome: Money
    /// 自付医疗费用: the base of 医疗救助; nil when the archive records none.
    public var medicalExpense: Money?
    /// 致困原因, free text.
    public var cause: String?
    public var phone: String
    public var bankName: String
    public var bankAccount: String
    public var status: ArchiveStatus

    public init(
        archiveNumber: ArchiveNumber, headName: String, headIDNumber: IDNumber, workUnit: String,
        unionName: String, category: HardshipCategory, registeredOn: CalendarDate, size: Int,
        annualIncome: Money, medicalExpense: Money? = nil, cause: String? = nil, phone: String,
        bankName: String, bankAccount: String, status: ArchiveStatus = .active
    ) {
        self.archiveNumber = archiveNumber
        self.headName = headName
        self.headIDNumber = headIDNumber
        self.workUnit = workUnit
        self.unionName = unionName
        self.category = category
        self.registeredOn = registeredOn
        self.size = size
        self.annualIncome = annualIncome
        self.medicalExpense = medicalExpense
        self.cause = cause
        self.phone = phone
        self.bankName = bankName
        self.bankAccount = bankAccount
        self.status = status
    }
}

/// A 家庭成员 of an archive (spec §3.2); the head is a member too, with relation `本人`.
public struct Member: Hashable, Sendable {
    public var archiveNumber: ArchiveNumber
    public var name: String
    public var idNumber: IDNumber
    /// 与户主关系, as written (本人, 配偶, 子女, …).
    public var relation: String
    public var schoolStage: SchoolStage
    public var school: String?
    public var note: String?

    public init(
        archiveNumber: ArchiveNumber, name: String, idNumber: IDNumber, relation: String,
        schoolStage: SchoolStage, school: String? = nil, note: String? = nil
    ) {
        self.archiveNumber = archiveNumber
        self.name = name
        self.idNumber = idNumber
        self.relation = relation
        self.schoolStage = schoolStage
        self.school = school
        self.note = note
    }

    /// 军校生 and 国防生 are paid by the military and get no union 助学 (spec §3.2).
    public var isMilitaryStudent: Bool { Self.isMilitaryStudent(note: note) }

    /// Whether a member's 备注 marks a 军校生 or 国防生.
    static func isMilitaryStudent(note: String?) -> Bool {
        guard let note else { return false }
        return note.contains("军校生") || note.contains("国防生")
    }
}
