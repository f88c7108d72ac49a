/// What the bank reported of one transfer in its return file (回盘): it arrived on a day, or
/// it failed on a day for a reason (account closed, name and account do not match, card
/// frozen).
public enum TransferOutcome: Sendable, Equatable {
    case transferred(on: CalendarDate)
    case failed(on: CalendarDate, reason: String)

    /// The bank's date.
    public var date: CalendarDate {
        switch self {
        case .transferred(let day), .failed(let day, _): day
        }
    }
}

/// 处理结果 of a return file: 成功 or 失败.
public enum TransferResult: String, ChineseVocabulary {
    case succeeded, failed

    public var chineseName: String { self == .succeeded ? "成功" : "失败" }
}

/// Where one transfer of a batch stands.
public enum TransferState: Sendable, Equatable {
    /// In a paid list, not yet in a return file.
    case sent
    case reported(TransferOutcome)
    /// A failed transfer given up, with the reason (no re-issue will pay it).
    case cancelled(failure: String, reason: String)

    /// The word stored and shown in JSON.
    public var word: String {
        switch self {
        case .sent: "not_reported"
        case .reported(.transferred): "transferred"
        case .reported(.failed): "failed"
        case .cancelled: "cancelled"
        }
    }

    /// The state in Chinese, for tables and pages.
    public var chineseName: String {
        switch self {
        case .sent: "待回盘"
        case .reported(.transferred): "已到账"
        case .reported(.failed): "转账失败"
        case .cancelled: "已取消"
        }
    }
}

/// One transfer of a batch's bank list (round 0) or of one of its re-issues (补发, round 1,
/// 2…) as the return file is matched against it.
public struct TransferOnList: Sendable, Equatable {
    public var id: Int64
    public var round: Int
    public var name: String
    public var bankAccount: String
    public var amount: Money
    public var state: TransferState
    /// The day its list was paid (`batch pay`, or the re-issue's payment); nil while the
    /// re-issue waits for approval or payment: nothing of it can have reached the bank.
    public var paidOn: CalendarDate?

    public init(id: Int64, round: Int, name: String, bankAccount: String, amount: Money, state: TransferState, paidOn: CalendarDate?) {
        self.id = id
        self.round = round
        self.name = name
        self.bankAccount = bankAccount
        self.amount = amount
        self.state = state
        self.paidOn = paidOn
    }
}

/// One row of a return file: the account, the name and the amount of the transfer as the
/// bank list gave them, and what the bank did.
public struct ReturnLine: Sendable, Equatable {
    /// The row as Excel numbers it.
    public var row: Int
    public var bankAccount: String
    public var name: String
    public var amount: Money
    public var outcome: TransferOutcome

    public init(row: Int, bankAccount: String, name: String, amount: Money, outcome: TransferOutcome) {
        self.row = row
        self.bankAccount = bankAccount
        self.name = name
        self.amount = amount
        self.outcome = outcome
    }
}

/// Why a row of a return file cannot be recorded; the column it is about and what to do.
public enum ReturnProblem: Error, Sendable, Equatable {
    /// No transfer of the batch's lists has this account.
    case noSuchAccount
    /// The account is on the list, for somebody else.
    case otherName(expected: String)
    case otherAmount(expected: Money)
    /// An earlier row of the same file already reported this transfer.
    case reportedTwice(firstRow: Int)
    /// A return file recorded before said otherwise.
    case alreadyReported(TransferState)
    /// The transfer is in a re-issue that has not been paid.
    case notPaidYet(round: Int)
    /// The bank's date is before the list was paid.
    case dateBeforePayment(paidOn: CalendarDate)
    /// The bank cannot have reported a day still to come.
    case dateAfterToday(CalendarDate)

    /// The return file's column the problem is about (its header).
    public var column: BankReturnHeader {
        switch self {
        case .noSuchAccount, .reportedTwice, .notPaidYet: .account
        case .otherName: .name
        case .otherAmount: .amount
        case .alreadyReported: .result
        case .dateBeforePayment, .dateAfterToday: .date
        }
    }

    public var chinese: String {
        switch self {
        case .noSuchAccount: "该账号不在本批次的银行发放清单（含补发清单）中"
        case .otherName(let expected): "该账号在发放清单中的收款人是「\(expected)」，姓名不符"
        case .otherAmount(let expected): "金额与发放清单不符（清单为 \(expected.formatted) 元）"
        case .reportedTwice(let first): "与第 \(first) 行是同一笔转账，一笔转账只能回盘一次"
        case .alreadyReported(let state): "该笔转账此前已回盘为「\(state.chineseName)」，与本行不一致"
        case .notPaidYet(let round): "该笔转账属于第 \(round) 次补发，补发尚未登记发放"
        case .dateBeforePayment(let paidOn): "处理日期早于发放日期 \(paidOn)"
        case .dateAfterToday(let today): "处理日期晚于今天（\(today)）"
        }
    }

    public var english: String {
        switch self {
        case .noSuchAccount: "no transfer of the batch's bank lists has this account"
        case .otherName(let expected): "the list pays this account to another name (\(expected))"
        case .otherAmount(let expected): "amount differs from the list's \(expected.plainYuan) yuan"
        case .reportedTwice(let first): "the same transfer as row \(first): a transfer is reported once"
        case .alreadyReported(let state): "already reported as \(state.word), differently"
        case .notPaidYet(let round): "the transfer is in re-issue \(round), which is not paid"
        case .dateBeforePayment(let paidOn): "the bank's date is before the payment on \(paidOn)"
        case .dateAfterToday(let today): "the bank's date is after today (\(today))"
        }
    }
}

/// The columns of a return file, by their headers (the import module maps them).
public enum BankReturnHeader: String, Sendable, CaseIterable {
    case account = "银行账号"
    case name = "姓名"
    case amount = "金额（元）"
    case result = "处理结果"
    case date = "处理日期"
    case reason = "失败原因"
}

/// What recording a return row does to its transfer.
public enum ReturnAction: Sendable, Equatable {
    /// The transfer gets the bank's outcome.
    case record(transfer: Int64, TransferOutcome)
    /// The same outcome was recorded from an earlier file: nothing changes (a file read
    /// twice records nothing twice).
    case alreadyRecorded(transfer: Int64)
}

/// Matches a return file's rows to the transfers of a batch's bank lists (spec: one transfer
/// per person and account, as exported), all rows before anything is recorded, so that one
/// bad row refuses the file. A row is matched by its account; the name and amount must be
/// the list's. Of several transfers to one account (a re-issue to an account that was not
/// changed), the one not yet reported is taken.
public struct BankReturnMatcher: Sendable {
    private let byAccount: [String: [TransferOnList]]
    private let today: CalendarDate
    /// Transfer → the row that reported it, in this file.
    private var claimed: [Int64: Int] = [:]

    public init(transfers: [TransferOnList], today: CalendarDate) {
        self.today = today
        byAccount = Dictionary(grouping: transfers) { ContactChecks.bankAccount($0.bankAccount) }
    }

    /// What `line` records, or every problem with it.
    public mutating func match(_ line: ReturnLine) -> Result<ReturnAction, ReturnProblem> {
        guard let candidates = byAccount[ContactChecks.bankAccount(line.bankAccount)], !candidates.isEmpty else { return .failure(.noSuchAccount) }
        let named = candidates.filter { PersonName.same($0.name, line.name) }
        guard !named.isEmpty else { return .failure(.otherName(expected: candidates[0].name)) }
        // The latest list first: a re-issue to the same account is what a new file reports.
        let ordered = named.sorted { $0.round > $1.round }
        let transfer = ordered.first { $0.state == .sent && claimed[$0.id] == nil } ?? ordered[0]
        if let first = claimed[transfer.id] { return .failure(.reportedTwice(firstRow: first)) }
        guard transfer.amount == line.amount else { return .failure(.otherAmount(expected: transfer.amount)) }
        guard let paidOn = transfer.paidOn else { return .failure(.notPaidYet(round: transfer.round)) }
        guard line.outcome.date >= paidOn else { return .failure(.dateBeforePayment(paidOn: paidOn)) }
        guard line.outcome.date <= today else { return .failure(.dateAfterToday(today)) }
        claimed[transfer.id] = line.row
        switch transfer.state {
        case .sent: return .success(.record(transfer: transfer.id, line.outcome))
        case .reported(let outcome) where outcome == line.outcome: return .success(.alreadyRecorded(transfer: transfer.id))
        case .reported, .cancelled: return .failure(.alreadyReported(transfer.state))
        }
    }
}
