import BangfuCore

/// How to read one kind of import file: its columns and how a row becomes a record.
public struct RecordFormat<Column: ImportColumn, Record: Sendable>: Sendable {
    /// What the file holds, for messages: `困难职工家庭档案`.
    public let title: String
    let decode: @Sendable (inout RowReader<Column>) -> Record?
}

/// spec §3.1 — households.csv, keyed by 档案编号.
public enum HouseholdColumn: Int, ImportColumn {
    case archiveNumber, headName, headIDNumber, workUnit, unionName, category, registeredOn, size, annualIncome, medicalExpense, cause, phone, bankName, bankAccount, status

    public var header: String {
        switch self {
        case .archiveNumber: "档案编号"
        case .headName: "户主姓名"
        case .headIDNumber: "户主身份证号"
        case .workUnit: "工作单位"
        case .unionName: "所属工会"
        case .category: "困难类别"
        case .registeredOn: "建档日期"
        case .size: "家庭人口"
        case .annualIncome: "家庭年纯收入"
        case .medicalExpense: "自付医疗费用"
        case .cause: "致困原因"
        case .phone: "联系电话"
        case .bankName: "开户银行"
        case .bankAccount: "银行账号"
        case .status: "档案状态"
        }
    }

    public var isRequired: Bool { ![.medicalExpense, .cause, .status].contains(self) }
}

/// spec §3.2 — members.csv, keyed by 身份证号 within 档案编号.
public enum MemberColumn: Int, ImportColumn {
    case archiveNumber, name, idNumber, relation, schoolStage, school, note

    public var header: String {
        switch self {
        case .archiveNumber: "档案编号"
        case .name: "姓名"
        case .idNumber: "身份证号"
        case .relation: "与户主关系"
        case .schoolStage: "就学阶段"
        case .school: "学校"
        case .note: "备注"
        }
    }

    public var isRequired: Bool { ![.school, .note].contains(self) }
}

/// spec §3.3 — model-workers.csv, keyed by 身份证号.
public enum ModelWorkerColumn: Int, ImportColumn {
    case name, idNumber, level, title, workUnit, annualIncome, hardship, specialCause, phone, bankName, bankAccount

    public var header: String {
        switch self {
        case .name: "姓名"
        case .idNumber: "身份证号"
        case .level: "荣誉级别"
        case .title: "荣誉称号"
        case .workUnit: "工作单位"
        case .annualIncome: "本人年收入"
        case .hardship: "困难类型"
        case .specialCause: "特殊困难原因"
        case .phone: "联系电话"
        case .bankName: "开户银行"
        case .bankAccount: "银行账号"
        }
    }

    public var isRequired: Bool { self != .specialCause }
}

/// spec §3.4 — aid.csv, no key: a row identical to one stored is skipped.
public enum AidColumn: Int, ImportColumn {
    case idNumber, name, kind, amount, paidOn, payer, studentIDNumber

    public var header: String {
        switch self {
        case .idNumber: "身份证号"
        case .name: "姓名"
        case .kind: "救助类型"
        case .amount: "金额"
        case .paidOn: "发放日期"
        case .payer: "发放单位"
        case .studentIDNumber: "受助学生身份证号"
        }
    }

    public var isRequired: Bool { self != .studentIDNumber }
}

extension RecordFormat where Column == HouseholdColumn, Record == Household {
    /// 困难职工家庭档案.
    public static let households = RecordFormat(title: "困难职工家庭档案", decode: { row in
        let archive = row.required(.archiveNumber)
        let headName = row.required(.headName)
        let headID = row.idNumber(.headIDNumber)
        let category: HardshipCategory? = row.choice(.category)
        let registeredOn = row.date(.registeredOn)
        let size = row.householdSize(.size)
        let income = row.money(.annualIncome)
        let medical = row.money(.medicalExpense, optional: true)
        let status: ArchiveStatus? = row.choice(.status, fallback: .active)
        let contact = row.contact(phone: .phone, bankName: .bankName, bankAccount: .bankAccount)
        guard let archive, let headName, let headID, let category, let registeredOn, let size, let income,
            let status
        else { return nil }
        return Household(
            archiveNumber: ArchiveNumber(archive), headName: headName, headIDNumber: headID,
            workUnit: row.text(.workUnit) ?? "", unionName: row.text(.unionName) ?? "", category: category,
            registeredOn: registeredOn, size: size, annualIncome: income, medicalExpense: medical,
            cause: row.text(.cause), phone: contact.phone, bankName: contact.bankName,
            bankAccount: contact.bankAccount, status: status)
    })
}

extension RecordFormat where Column == MemberColumn, Record == Member {
    /// 家庭成员.
    public static let members = RecordFormat(title: "家庭成员", decode: { row in
        let archive = row.required(.archiveNumber)
        let name = row.required(.name)
        let id = row.idNumber(.idNumber)
        let stage: SchoolStage? = row.choice(.schoolStage, fallback: SchoolStage.none)
        guard let archive, let name, let id, let stage else { return nil }
        return Member(
            archiveNumber: ArchiveNumber(archive), name: name, idNumber: id,
            relation: row.text(.relation) ?? "", schoolStage: stage, school: row.text(.school), note: row.text(.note))
    })
}

extension RecordFormat where Column == ModelWorkerColumn, Record == ModelWorker {
    /// 劳模.
    public static let modelWorkers = RecordFormat(title: "劳模", decode: { row in
        let name = row.required(.name)
        let id = row.idNumber(.idNumber)
        let level: HonorLevel? = row.choice(.level)
        let income = row.money(.annualIncome)
        let hardship: ModelWorkerHardship? = row.choice(.hardship)
        var cause: SpecialCause?
        if hardship == .special {
            cause = row.choice(.specialCause)
        } else if let text = row.text(.specialCause) {
            row.warn(.specialCause, "「\(text)」仅在困难类型为特殊困难时填写，已忽略", english: "special cause ignored: hardship is not special")
        }
        let contact = row.contact(phone: .phone, bankName: .bankName, bankAccount: .bankAccount)
        guard let name, let id, let level, let income, let hardship, hardship != .special || cause != nil else {
            return nil
        }
        return ModelWorker(
            name: name, idNumber: id, level: level, title: row.text(.title) ?? "", workUnit: row.text(.workUnit) ?? "",
            annualIncome: income, hardship: hardship, specialCause: cause, phone: contact.phone,
            bankName: contact.bankName, bankAccount: contact.bankAccount)
    })
}

extension RecordFormat where Column == AidColumn, Record == AidRecord {
    /// 已发放救助.
    public static let aid = RecordFormat(title: "已发放救助", decode: { row in
        let id = row.idNumber(.idNumber)
        let name = row.required(.name)
        let kind: AidKind? = row.choice(.kind)
        let amount = row.money(.amount)
        let paidOn = row.date(.paidOn)
        let payer = row.required(.payer)
        let student = row.idNumber(.studentIDNumber, optional: true)
        guard let id, let name, let kind, let amount, let paidOn, let payer else { return nil }
        return AidRecord(
            idNumber: id, name: name, kind: kind, amount: amount, paidOn: paidOn, payer: Payer(payer),
            studentIDNumber: student)
    })
}

extension RowReader {
    /// Phone and bank account, kept as written; implausible ones are warned about, not
    /// refused (domain.md: mobiles `1[3-9]` + 9 digits, bank cards pass Luhn).
    mutating func contact(phone: Column, bankName: Column, bankAccount: Column)
        -> (phone: String, bankName: String, bankAccount: String)
    {
        let phoneText = text(phone) ?? ""
        if !phoneText.isEmpty, !ContactChecks.isPlausiblePhone(phoneText) {
            warn(phone, "「\(phoneText)」不像手机号或固定电话", english: "phone number looks wrong")
        }
        let account = ContactChecks.bankAccount(text(bankAccount) ?? "")
        if !account.isEmpty, !ContactChecks.isPlausibleBankCard(account) {
            warn(bankAccount, "「\(account)」未通过银行卡号校验（16–19位，Luhn）", english: "bank account fails the Luhn check")
        }
        return (phoneText, text(bankName) ?? "", account)
    }
}
