import BangfuCore

// How long each column's text may be and which columns name a person (README, 导入).
// Phones get 30 characters: a landline with its extension or two numbers
// (`0532-88888888转123/13800000000`) fit; bank accounts are codes (at most 40 with the
// spaces clerks type, 16–19 digits for a card, up to about 30 for a company account).

extension HouseholdColumn {
    /// The text rule of each column of households.csv.
    public var textRule: TextRule {
        switch self {
        case .headName: .personName
        case .workUnit, .unionName, .bankName: .organisation
        case .cause: .remark
        case .phone: .line(maxLength: 30)
        case .archiveNumber, .headIDNumber, .category, .registeredOn, .size, .annualIncome, .medicalExpense, .bankAccount, .status: .code
        }
    }
}

extension MemberColumn {
    /// The text rule of each column of members.csv.
    public var textRule: TextRule {
        switch self {
        case .name: .personName
        case .school: .organisation
        case .note: .remark
        case .archiveNumber, .idNumber, .relation, .schoolStage: .code
        }
    }
}

extension ModelWorkerColumn {
    /// The text rule of each column of model-workers.csv.
    public var textRule: TextRule {
        switch self {
        case .name: .personName
        case .title, .workUnit, .bankName: .organisation
        case .phone: .line(maxLength: 30)
        case .idNumber, .level, .annualIncome, .hardship, .specialCause, .bankAccount: .code
        }
    }
}

extension AidColumn {
    /// The text rule of each column of aid.csv.
    public var textRule: TextRule {
        switch self {
        case .name: .personName
        case .payer: .organisation
        case .idNumber, .kind, .amount, .paidOn, .studentIDNumber: .code
        }
    }
}

extension FilledFormColumn {
    /// The text rule of each column of a filled self-evaluation form: an indicator's name
    /// and values are a phrase (`≥1500户，超额完成`), its points a number.
    public var textRule: TextRule {
        switch self {
        case .name, .target, .actual: .organisation
        case .weight, .score: .code
        }
    }
}
