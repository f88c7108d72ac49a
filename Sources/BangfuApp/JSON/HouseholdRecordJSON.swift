import BangfuCore
import BangfuStore

/// One household as its page and `GET /api/v1/households/{archive_no}` give it (spec §9):
/// the `households list` element of spec §1, then the other fields of households.csv, the
/// day it last changed, the aid paid to its people and its change history. Keys snake_case,
/// money in fen, an absent value written as `null`.
public struct HouseholdRecordJSON: Encodable, Sendable {
    public var archiveNo: String
    public var headName: String
    public var headIDNumber: String
    public var category: String
    public var size: Int
    public var annualIncomeFen: Int
    public var status: String
    public var members: [MemberRecordJSON]
    public var workUnit: String
    public var union: String
    /// 建档日期, `YYYY-MM-DD`.
    public var registeredOn: String
    public var medicalExpenseFen: Int?
    public var cause: String?
    public var phone: String
    public var bankName: String
    public var bankAccount: String
    /// The day the archive last changed, imports included.
    public var lastChangedOn: String?
    public var aid: [AidJSON]
    public var history: [HistoryJSON]
    /// What the import would have warned about in the form just stored (an implausible
    /// phone, a bank card failing Luhn), in Chinese; empty when the archive is only read.
    public var warnings: [String] = []

    /// The archive with its members, aid and history, every identifier whole.
    init(
        _ household: Household, members: [Member], lastChangedOn: CalendarDate?, aid: [ArchiveAid], history: [ArchiveHistoryLine],
        today: CalendarDate? = nil
    ) {
        archiveNo = household.archiveNumber.value
        headName = household.headName
        headIDNumber = household.headIDNumber.value
        category = household.category.rawValue
        size = household.size
        annualIncomeFen = household.annualIncome.fen
        status = household.status.rawValue
        self.members = members.map { MemberRecordJSON($0, today: today) }
        workUnit = household.workUnit
        union = household.unionName
        registeredOn = household.registeredOn.description
        medicalExpenseFen = household.medicalExpense?.fen
        cause = household.cause
        phone = household.phone
        bankName = household.bankName
        bankAccount = household.bankAccount
        self.lastChangedOn = lastChangedOn?.description
        self.aid = aid.map(AidJSON.init)
        self.history = history.map(HistoryJSON.init)
    }

    /// The archive `number` from `store`, as `roles` may see it (nil: the server's own
    /// user, who sees everything); nil when there is no such archive.
    /// Members' ages are counted on `today`.
    static func read(_ number: ArchiveNumber, from store: BangfuDatabase, for roles: Set<Role>?, today: CalendarDate? = nil) throws -> HouseholdRecordJSON? {
        guard let archive = try store.archive(number) else { return nil }
        let record = HouseholdRecordJSON(
            archive.household, members: archive.members, lastChangedOn: try store.lastChange(ofArchive: number),
            aid: try store.aid(ofArchive: number), history: try store.archiveHistory(number), today: today)
        return roles.map(record.masked) ?? record
    }

    /// The record with 身份证号 and bank accounts as `roles` may see them (spec §8), in the
    /// history's sentences too.
    func masked(for roles: Set<Role>) -> HouseholdRecordJSON {
        var masked = self
        if !Masking.seesFullIDNumbers(roles) {
            masked.headIDNumber = Masking.idNumber(text: headIDNumber)
            for index in masked.members.indices { masked.members[index].idNumber = Masking.idNumber(text: members[index].idNumber) }
            for index in masked.aid.indices { masked.aid[index].idNumber = Masking.idNumber(text: aid[index].idNumber) }
        }
        masked.bankAccount = Masking.bankAccount(bankAccount, for: roles)
        for index in masked.history.indices { masked.history[index].change = Masking.identifiers(in: history[index].change, for: roles) }
        return masked
    }

    enum CodingKeys: String, CodingKey {
        case archiveNo = "archive_no", headName = "head_name", headIDNumber = "head_id_number", category, size
        case annualIncomeFen = "annual_income_fen", status, members, workUnit = "work_unit", union
        case registeredOn = "registered_on", medicalExpenseFen = "medical_expense_fen", cause, phone
        case bankName = "bank_name", bankAccount = "bank_account", lastChangedOn = "last_changed_on", aid, history, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(archiveNo, forKey: .archiveNo)
        try container.encode(headName, forKey: .headName)
        try container.encode(headIDNumber, forKey: .headIDNumber)
        try container.encode(category, forKey: .category)
        try container.encode(size, forKey: .size)
        try container.encode(annualIncomeFen, forKey: .annualIncomeFen)
        try container.encode(status, forKey: .status)
        try container.encode(members, forKey: .members)
        try container.encode(workUnit, forKey: .workUnit)
        try container.encode(union, forKey: .union)
        try container.encode(registeredOn, forKey: .registeredOn)
        try container.encode(medicalExpenseFen, forKey: .medicalExpenseFen)
        try container.encode(cause, forKey: .cause)
        try container.encode(phone, forKey: .phone)
        try container.encode(bankName, forKey: .bankName)
        try container.encode(bankAccount, forKey: .bankAccount)
        try container.encode(lastChangedOn, forKey: .lastChangedOn)
        try container.encode(aid, forKey: .aid)
        try container.encode(history, forKey: .history)
        try container.encode(warnings, forKey: .warnings)
    }
}

/// A member on the household's page: spec §1's member and the 学校 and 备注 of members.csv.
public struct MemberRecordJSON: Encodable, Sendable {
    public var name: String
    public var idNumber: String
    public var relation: String
    public var schoolStage: String
    public var school: String?
    public var note: String?
    /// `male|female`, from the 身份证号 (GB 11643), whole or masked alike.
    public var sex: String
    /// Whole years on the day asked, from the 身份证号's birth date; null when no day was given.
    public var age: Int?

    init(_ member: Member, today: CalendarDate? = nil) {
        name = member.name
        idNumber = member.idNumber.value
        relation = member.relation
        schoolStage = member.schoolStage.rawValue
        school = member.school
        note = member.note
        sex = member.idNumber.isMale ? "male" : "female"
        age = today.map { member.idNumber.age(on: $0) }
    }

    enum CodingKeys: String, CodingKey {
        case name, idNumber = "id_number", relation, schoolStage = "school_stage", school, note, sex, age
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(idNumber, forKey: .idNumber)
        try container.encode(relation, forKey: .relation)
        try container.encode(schoolStage, forKey: .schoolStage)
        try container.encode(school, forKey: .school)
        try container.encode(note, forKey: .note)
        try container.encode(sex, forKey: .sex)
        try container.encode(age, forKey: .age)
    }
}

/// spec §9's aid element `{"kind", "amount_fen", "paid_on", "payer", "batch_id"}` (batch_id
/// null for imported aid), and whose it was: `name`, `id_number`.
public struct AidJSON: Encodable, Sendable {
    /// The aid kind's JSON word (`living`, `education`, …, `other`).
    public var kind: String
    public var amountFen: Int
    public var paidOn: String
    public var payer: String
    public var batchID: Int64?
    public var name: String
    public var idNumber: String

    init(_ aid: ArchiveAid) {
        kind = aid.kind.rawValue
        amountFen = aid.amount.fen
        paidOn = aid.paidOn.description
        payer = aid.payer
        batchID = aid.batchID
        name = aid.name
        idNumber = aid.idNumber
    }

    enum CodingKeys: String, CodingKey {
        case kind, amountFen = "amount_fen", paidOn = "paid_on", payer, batchID = "batch_id", name, idNumber = "id_number"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(amountFen, forKey: .amountFen)
        try container.encode(paidOn, forKey: .paidOn)
        try container.encode(payer, forKey: .payer)
        try container.encode(batchID, forKey: .batchID)
        try container.encode(name, forKey: .name)
        try container.encode(idNumber, forKey: .idNumber)
    }
}

/// spec §9's history element `{"at", "by", "change"}`: `change` a Chinese sentence, and
/// `what` its kind (`registered`, `field`, `member_added`, `member_removed`,
/// `member_changed`, `status`, `category_confirmed`, `imported`).
public struct HistoryJSON: Encodable, Sendable {
    public var at: String
    public var by: String
    public var change: String
    public var what: String

    init(_ line: ArchiveHistoryLine) {
        at = line.at
        by = line.by
        change = line.change.chinese
        what = line.change.what.rawValue
    }
}

/// An archive of the 工作台's "not updated for a year" list.
public struct UnchangedArchiveJSON: Encodable, Sendable {
    public var archiveNo: String
    public var headName: String
    public var union: String
    public var category: String
    /// The day it last changed; null for an archive written before changes were dated.
    public var lastChangedOn: String?

    init(_ household: Household, changedOn: CalendarDate?) {
        archiveNo = household.archiveNumber.value
        headName = household.headName
        union = household.unionName
        category = household.category.rawValue
        lastChangedOn = changedOn?.description
    }

    enum CodingKeys: String, CodingKey {
        case archiveNo = "archive_no", headName = "head_name", union, category, lastChangedOn = "last_changed_on"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(archiveNo, forKey: .archiveNo)
        try container.encode(headName, forKey: .headName)
        try container.encode(union, forKey: .union)
        try container.encode(category, forKey: .category)
        try container.encode(lastChangedOn, forKey: .lastChangedOn)
    }
}
