import BangfuCore

/// A bank's return file (回盘) for one batch: the bank list as exported (`batch export
/// --bank`), with three columns the bank fills in — 处理结果 (成功 | 失败), 处理日期 and, for a
/// failure, 失败原因. 序号 and 开户银行 of the list may stay; they are not read.
public enum BankReturnColumn: Int, ImportColumn {
    case line, name, bankName, account, amount, result, date, reason

    public var header: String {
        switch self {
        case .line: "序号"
        case .bankName: "开户银行"
        case .name: BankReturnHeader.name.rawValue
        case .account: BankReturnHeader.account.rawValue
        case .amount: BankReturnHeader.amount.rawValue
        case .result: BankReturnHeader.result.rawValue
        case .date: BankReturnHeader.date.rawValue
        case .reason: BankReturnHeader.reason.rawValue
        }
    }

    public var isRequired: Bool { ![.line, .bankName, .reason].contains(self) }

    public var textRule: TextRule {
        switch self {
        case .name: .personName
        case .bankName: .organisation
        case .reason: .remark
        case .line, .account, .amount, .result, .date: .code
        }
    }
}

extension RecordFormat where Column == BankReturnColumn, Record == ReturnLine {
    /// 银行回盘: one row per transfer of the bank list. A failure needs its reason; a success
    /// with a reason keeps none (the bank's remark on a success says nothing of the money).
    public static let bankReturn = RecordFormat(title: "银行回盘", decode: { row in
        let account = row.required(.account).map(ContactChecks.bankAccount)
        let name = row.required(.name)
        let amount = row.money(.amount)
        let result: TransferResult? = row.choice(.result)
        let date = row.date(.date)
        let reason = result == .failed ? row.required(.reason) : row.text(.reason)
        guard let account, let name, let amount, let result, let date else { return nil }
        let outcome: TransferOutcome
        switch result {
        case .succeeded: outcome = .transferred(on: date)
        case .failed:
            guard let reason else { return nil }
            outcome = .failed(on: date, reason: reason)
        }
        return ReturnLine(row: row.row, bankAccount: account, name: name, amount: amount, outcome: outcome)
    })
}
