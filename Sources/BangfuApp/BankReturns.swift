import BangfuCore
import BangfuImport
import BangfuStore

/// After payment (issue 19): the bank's return file (回盘), the re-issue (补发) of what failed
/// through its own approval, and the cancellation of a transfer given up. Finance records
/// returns and prepares re-issues, an approver approves them, finance pays them — each step
/// by another account than the one before (spec §8). Every step is an audit line.
public enum BankReturns {
    /// Records the return file at `path` for paid batch `id`: every row matched to a transfer
    /// of the batch's lists (`BankReturnMatcher`) before anything is stored; one bad row
    /// refuses the file and the refusal lists every bad row. `fileName` names the file in
    /// the audit line (an upload's own name).
    public static func reconcile(
        batch id: Int64, file path: String, fileName: String? = nil, in store: BangfuDatabase, context: RequestContext
    ) throws -> ReturnSummary {
        try requireCityAccount(try Authority.check(.reconcile, onBatch: id, context: context, in: store))
        var matcher = BankReturnMatcher(transfers: try store.transfersToReconcile(batch: id), today: context.today)
        var actions: [ReturnAction] = []
        do {
            _ = try CSVImporter(format: .bankReturn, today: context.today).run(path: path) { line, _ in
                switch matcher.match(line) {
                case .success(let action):
                    actions.append(action)
                    return .written
                case .failure(let problem):
                    return .rejected(column: problem.column.rawValue, value: value(of: problem.column, in: line), reason: problem.chinese, english: problem.english)
                }
            }
        } catch ImportError.rowsRejected(_, let issues) {
            throw BankReturnError.rejected(file: fileName ?? path, issues)
        } catch let error as ImportError {
            // A file that is empty, not text or has no header: named as the person knows
            // it, never by the server's spool path.
            throw error.naming(fileName ?? path)
        }
        guard !actions.isEmpty else { throw BankReturnError.noRows(file: fileName ?? path) }
        return try store.recordReturn(batch: id, actions, file: fileName ?? path, actor: context.actor.name, at: context.timestamp)
    }

    /// Puts the batch's failed transfers into a re-issue list, with the accounts as the
    /// archives hold them now; it waits for approval.
    public static func prepareReissue(batch id: Int64, in store: BangfuDatabase, context: RequestContext) throws -> (round: Int, transfers: [BankTransfer]) {
        try requireCityAccount(try Authority.check(.reconcile, onBatch: id, context: context, in: store))
        return try store.prepareReissue(batch: id, by: context.actor.name, at: context.timestamp)
    }

    /// Approves the batch's prepared re-issue: an approver, not who prepared it.
    public static func approveReissue(batch id: Int64, in store: BangfuDatabase, context: RequestContext) throws -> Int {
        try Authority.check(.approve, onBatch: id, context: context, in: store)
        return try store.approveReissue(batch: id, by: context.actor.name, at: context.timestamp)
    }

    /// Pays the batch's approved re-issue on `day`: finance, not who approved it.
    public static func payReissue(batch id: Int64, on day: CalendarDate, in store: BangfuDatabase, context: RequestContext) throws -> (round: Int, records: Int, total: Money) {
        try Authority.check(.pay, onBatch: id, context: context, in: store)
        return try store.payReissue(batch: id, on: day, by: context.actor.name, at: context.timestamp)
    }

    /// Gives up `idNumber`'s failed transfers in the batch — or the one failed transfer
    /// `transfer`, as a page names it — with the reason.
    public static func cancel(
        batch id: Int64, idNumber: IDNumber? = nil, transfer: Int64? = nil, reason: String, in store: BangfuDatabase, context: RequestContext
    ) throws -> Int {
        try requireCityAccount(try Authority.check(.reconcile, onBatch: id, context: context, in: store))
        guard !reason.trimmed.isEmpty else { throw BankReturnError.emptyReason }
        return try store.cancelFailedTransfers(
            batch: id, idNumber: idNumber, transfer: transfer, reason: reason, by: context.actor.name, at: context.timestamp)
    }

    /// A return file and a re-issue cover the batch's whole list, every union's people: a
    /// union's account sees only its own (spec §8), so it records neither.
    private static func requireCityAccount(_ account: Account?) throws {
        if let account, let union = account.union { throw BankReturnError.needsCityAccount(login: account.login, union: union) }
    }

    /// The cell a problem is about, as the row gave it.
    private static func value(of column: BankReturnHeader, in line: ReturnLine) -> String {
        switch column {
        case .account: line.bankAccount
        case .name: line.name
        case .amount: line.amount.plainYuan
        case .result:
            if case .transferred = line.outcome { TransferResult.succeeded.chineseName } else { TransferResult.failed.chineseName }
        case .date: line.outcome.date.description
        case .reason: ""
        }
    }
}

/// Why a return file or a re-issue step is refused.
public enum BankReturnError: Error, Sendable, UserFacingError {
    /// Rows that match no transfer, or not as the list has it; nothing was recorded.
    case rejected(file: String, [RowIssue])
    case noRows(file: String)
    case emptyReason
    case needsCityAccount(login: String, union: String)

    public var chinese: String {
        switch self {
        case .rejected(let file, let issues): (["\(file)：\(issues.count)处错误，整个回盘文件未登记，请改正后重试"] + issues.map { "  \($0.chinese)" }).joined(separator: "\n")
        case .noRows(let file): "\(file)：没有回盘行"
        case .emptyReason: "取消原因不能为空"
        case .needsCityAccount(let login, let union): "账号 \(login) 只能办理\(union)的档案；银行回盘和补发涉及整份发放清单，须由全市账号办理"
        }
    }

    public var english: String {
        switch self {
        case .rejected(let file, let issues): (["\(file): \(issues.count) problems: nothing recorded"] + issues.map { "  \($0.english)" }).joined(separator: "\n")
        case .noRows(let file): "\(file): no return rows"
        case .emptyReason: "the reason must not be empty"
        case .needsCityAccount(let login, let union): "the account \(login) acts for \(union) only; returns and re-issues are a city account's"
        }
    }

    public var failure: Failure {
        switch self {
        case .rejected, .noRows: .badInput
        case .emptyReason: .invalidValue
        case .needsCityAccount: .refused
        }
    }

    /// As the command line prints it: the head in both languages, then each bad cell.
    public var message: String {
        switch self {
        case .rejected(let file, let issues):
            (["\(file)：\(issues.count)处错误，整个回盘文件未登记，请改正后重试 (\(issues.count) problems: nothing recorded)"] + issues.map { "  \($0)" })
                .joined(separator: "\n")
        default: "\(chinese) (\(english))"
        }
    }

    /// Every bad row, for a page or the API.
    public var issues: [RowIssue] {
        if case .rejected(_, let issues) = self { return issues }
        return []
    }
}

/// An entry's transfer as tables and pages say it: `已到账 2024-01-25`, `转账失败：账户已销户`.
public enum TransferText {
    public static func describe(_ transfer: EntryTransfer) -> String {
        let list = transfer.round == 0 ? "" : "（第\(transfer.round)次补发）"
        guard transfer.isPaid else { return "补发待审批或待发放" + list }
        switch transfer.state {
        case .sent: return "待回盘" + list
        case .reported(.transferred(let day)): return "已到账 \(day)" + list
        case .reported(.failed(let day, let reason)): return "转账失败 \(day)：\(reason)" + list
        case .cancelled(_, let reason): return "已取消：\(reason)" + list
        }
    }
}
