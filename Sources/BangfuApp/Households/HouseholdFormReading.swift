import BangfuCore
import BangfuImport

/// A household form read by the import's rules (`RecordFormat.households` and `.members`
/// over the typed values), so that a form and a CSV row never disagree; every problem is
/// collected, each under its field's JSON key.
enum HouseholdFormReading {
    /// The archive `form` describes — over `stored` for an edit, whose values stand where the
    /// form leaves a field out — its members (nil: an edit that keeps them), and what an
    /// import would warn about (an implausible phone, a bank card failing Luhn); or every
    /// problem, as `HouseholdError.invalid`.
    static func read(
        _ form: HouseholdForm, over stored: (household: Household, members: [Member])?, today: CalendarDate
    ) throws(HouseholdError) -> (household: Household, members: [Member]?, warnings: [String]) {
        var values: [HouseholdColumn: String] = [:]
        for field in ArchiveField.allCases {
            values[field.column] = form.values[field] ?? stored.flatMap { field.text(of: $0.household) } ?? ""
        }
        let read = RecordFormat.households.read(form: values, today: today)
        var problems = read.issues.map { issue in
            problem(issue, field: HouseholdColumn.allCases.first { $0.header == issue.column }.map { ArchiveField($0).rawValue } ?? "")
        }
        if let stored, let household = read.record {
            problems += changesOnlyThroughTheirOwnSteps(stored.household, household, values)
        }
        let archiveText = values[.archiveNumber] ?? ""
        let forms = form.members ?? (stored == nil ? [] : nil)
        var members: [Member]?
        if let forms {
            let (list, memberProblems) = readMembers(forms, archive: archiveText, today: today)
            problems += memberProblems
            members = list
        }
        guard problems.isEmpty, let household = read.record else { throw .invalid(problems) }
        if var list = members, !list.contains(where: { $0.idNumber == household.headIDNumber }) {
            list.insert(
                Member(archiveNumber: household.archiveNumber, name: household.headName, idNumber: household.headIDNumber, relation: "本人", schoolStage: .none),
                at: 0)
            members = list
        }
        return (household, members, read.warnings.map(\.message))
    }

    /// An edit renames no archive (the 档案编号 is its key, and its aid and history follow it),
    /// and moves it between 在档, 脱困 and 销档 only with a reason (`Households.changeStatus`).
    private static func changesOnlyThroughTheirOwnSteps(
        _ stored: Household, _ edited: Household, _ values: [HouseholdColumn: String]
    ) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if edited.archiveNumber != stored.archiveNumber {
            problems.append(FieldProblem(
                field: ArchiveField.archiveNo.rawValue, value: values[.archiveNumber] ?? "", reason: "档案编号不能修改",
                english: "the archive number cannot be changed"))
        }
        if edited.status != stored.status {
            problems.append(FieldProblem(
                field: ArchiveField.status.rawValue, value: values[.status] ?? "", reason: "档案状态须通过脱困、销档或恢复在档办理，并填写原因",
                english: "the status changes through the status request, with a reason"))
        }
        return problems
    }

    /// The members of `forms` in archive `archive`, each read as a row of members.csv, and
    /// their problems under `members[i].field`; a 身份证号 twice in the list is refused as a
    /// key repeated in one file is.
    private static func readMembers(_ forms: [MemberForm], archive: String, today: CalendarDate) -> ([Member], [FieldProblem]) {
        var members: [Member] = []
        var problems: [FieldProblem] = []
        var firstIndex: [IDNumber: Int] = [:]
        for (index, form) in forms.enumerated() {
            var values: [MemberColumn: String] = [.archiveNumber: archive]
            for field in MemberField.allCases { values[field.column] = form.values[field] ?? "" }
            let read = RecordFormat.members.read(form: values, today: today)
            for issue in read.issues where issue.column != MemberColumn.archiveNumber.header {
                let field = MemberColumn.allCases.first { $0.header == issue.column }.flatMap(MemberField.init)
                problems.append(problem(issue, field: "members[\(index)]" + (field.map { ".\($0.rawValue)" } ?? "")))
            }
            guard let member = read.record else { continue }
            if let first = firstIndex[member.idNumber] {
                problems.append(FieldProblem(
                    field: "members[\(index)].\(MemberField.idNumber.rawValue)", value: member.idNumber.value,
                    reason: "与 members[\(first)] 的身份证号重复", english: "repeats the id number of members[\(first)]"))
                continue
            }
            firstIndex[member.idNumber] = index
            members.append(member)
        }
        return (members, problems)
    }

    private static func problem(_ issue: RowIssue, field: String) -> FieldProblem {
        FieldProblem(field: field, value: issue.value, reason: issue.reason, english: issue.englishReason)
    }
}

extension ArchiveField {
    /// The households.csv column of the field.
    var column: HouseholdColumn {
        switch self {
        case .archiveNo: .archiveNumber
        case .headName: .headName
        case .headIDNumber: .headIDNumber
        case .workUnit: .workUnit
        case .union: .unionName
        case .category: .category
        case .registeredOn: .registeredOn
        case .size: .size
        case .annualIncome: .annualIncome
        case .medicalExpense: .medicalExpense
        case .cause: .cause
        case .phone: .phone
        case .bankName: .bankName
        case .bankAccount: .bankAccount
        case .status: .status
        }
    }

    /// The field of a households.csv column.
    init(_ column: HouseholdColumn) {
        guard let field = Self.allCases.first(where: { $0.column == column }) else { preconditionFailure("every column is a field") }
        self = field
    }
}

extension MemberField {
    /// The members.csv column of the field.
    var column: MemberColumn {
        switch self {
        case .name: .name
        case .idNumber: .idNumber
        case .relation: .relation
        case .schoolStage: .schoolStage
        case .school: .school
        case .note: .note
        }
    }

    /// The field of a members.csv column; nil for the 档案编号, which is the household's.
    init?(_ column: MemberColumn) {
        guard let field = Self.allCases.first(where: { $0.column == column }) else { return nil }
        self = field
    }
}
