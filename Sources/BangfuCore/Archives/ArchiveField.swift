/// The fields of a household archive as a form and the JSON API name them: the columns of
/// households.csv (spec §3.1) under the JSON keys of spec §1 (`archive_no`, `head_name`, …).
/// One list, so that a problem, a history line and a form field always say the same name;
/// the Chinese label people read is the import column's header (BangfuApp `label`).
public enum ArchiveField: String, CaseIterable, Hashable, Sendable {
    case archiveNo = "archive_no"
    case headName = "head_name"
    case headIDNumber = "head_id_number"
    case workUnit = "work_unit"
    case union
    case category
    case registeredOn = "registered_on"
    case size
    case annualIncome = "annual_income_fen"
    case medicalExpense = "medical_expense_fen"
    case cause
    case phone
    case bankName = "bank_name"
    case bankAccount = "bank_account"
    case status


    /// The field of `household` as people read it (Chinese words, yuan with two decimals);
    /// nil when the archive records nothing there.
    public func text(of household: Household) -> String? {
        func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
        return switch self {
        case .archiveNo: household.archiveNumber.value
        case .headName: household.headName
        case .headIDNumber: household.headIDNumber.value
        case .workUnit: nonEmpty(household.workUnit)
        case .union: nonEmpty(household.unionName)
        case .category: household.category.chineseName
        case .registeredOn: household.registeredOn.description
        case .size: String(household.size)
        case .annualIncome: household.annualIncome.formatted
        case .medicalExpense: household.medicalExpense?.formatted
        case .cause: household.cause
        case .phone: nonEmpty(household.phone)
        case .bankName: nonEmpty(household.bankName)
        case .bankAccount: nonEmpty(household.bankAccount)
        case .status: household.status.chineseName
        }
    }
}

/// The fields of a household member (spec §3.2) under their JSON keys; the 档案编号 is the
/// household's.
public enum MemberField: String, CaseIterable, Hashable, Sendable {
    case name
    case idNumber = "id_number"
    case relation
    case schoolStage = "school_stage"
    case school
    case note


    /// The field of `member` as people read it; nil when empty.
    public func text(of member: Member) -> String? {
        switch self {
        case .name: member.name
        case .idNumber: member.idNumber.value
        case .relation: member.relation.isEmpty ? nil : member.relation
        case .schoolStage: member.schoolStage.chineseName
        case .school: member.school
        case .note: member.note
        }
    }
}
