/// What the batch rules read of an archive (spec §4), and nothing else: a batch's store
/// reads only these columns, so a rule cannot reach a field it was never given (the
/// archive's bank account, its 建档日期) by mistake.
public struct BatchHousehold: Hashable, Sendable {
    public var archiveNumber: ArchiveNumber
    public var headName: String
    public var headIDNumber: IDNumber
    public var category: HardshipCategory
    /// 家庭人口: authoritative for per-capita income.
    public var size: Int
    public var annualIncome: Money
    public var medicalExpense: Money?
    public var status: ArchiveStatus

    public init(
        archiveNumber: ArchiveNumber, headName: String, headIDNumber: IDNumber, category: HardshipCategory, size: Int,
        annualIncome: Money, medicalExpense: Money?, status: ArchiveStatus
    ) {
        self.archiveNumber = archiveNumber
        self.headName = headName
        self.headIDNumber = headIDNumber
        self.category = category
        self.size = size
        self.annualIncome = annualIncome
        self.medicalExpense = medicalExpense
        self.status = status
    }
}

/// What the batch rules read of a 家庭成员: who, the stage of schooling, and the remark
/// that marks a 军校生 or 国防生.
public struct BatchMember: Hashable, Sendable {
    public var name: String
    public var idNumber: IDNumber
    public var schoolStage: SchoolStage
    public var note: String?

    public init(name: String, idNumber: IDNumber, schoolStage: SchoolStage, note: String?) {
        self.name = name
        self.idNumber = idNumber
        self.schoolStage = schoolStage
        self.note = note
    }

    /// 军校生 and 国防生 are paid by the military and get no union 助学 (spec §3.2).
    public var isMilitaryStudent: Bool { Member.isMilitaryStudent(note: note) }
}

extension Household {
    /// The archive as the batch rules see it.
    public var forBatch: BatchHousehold {
        BatchHousehold(
            archiveNumber: archiveNumber, headName: headName, headIDNumber: headIDNumber, category: category, size: size,
            annualIncome: annualIncome, medicalExpense: medicalExpense, status: status)
    }
}

extension Member {
    /// The member as the batch rules see them.
    public var forBatch: BatchMember { BatchMember(name: name, idNumber: idNumber, schoolStage: schoolStage, note: note) }
}
