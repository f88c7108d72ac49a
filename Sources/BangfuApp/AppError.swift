import BangfuCore
import BangfuPolicyFiles

/// Refusals of the use cases themselves, before any store or rule is asked.
public enum AppError: Error, Equatable, Sendable, UserFacingError {
    /// A batch with no name.
    case emptyBatchName
    /// Nothing could be computed on the batch's date (no 低保, no standard line yet).
    case batchNotComputable(BatchRuleError)
    /// A list of a batch that has no entries yet.
    case notComputed(batch: Int64)
    /// The bank list of a batch not yet approved.
    case bankListNeedsApproval(batch: Int64, status: BatchStatus)
    /// A re-issue list (补发) the batch does not have.
    case noReissueList(batch: Int64, round: Int)
    /// The policy text a batch keeps no longer parses (the file was edited by hand).
    case storedPolicyUnreadable(batch: Int64, PolicyFileError)
    /// A policy with no 低保 in force in the year a check asks about.
    case noDibaoInYear(policy: String, year: Int)
    /// A policy with no 低保 in force on the day asked about.
    case noDibaoOnDate(policy: String, date: CalendarDate, first: CalendarDate?)

    public var chinese: String {
        switch self {
        case .emptyBatchName: "批次名称不能为空"
        case .batchNotComputable(let rule): "\(rule.chinese)，不能建立该日期的批次"
        case .notComputed(let id): "批次 \(id) 尚未计算，没有可导出的名单"
        case .bankListNeedsApproval(let id, let status): "批次 \(id) 状态为「\(status.chineseName)」，审批后才能导出银行发放清单"
        case .noReissueList(let id, let round): "批次 \(id) 没有第 \(round) 次补发清单"
        case .storedPolicyUnreadable(let id, let error): "批次 \(id) 保存的策略无法读取：\(error.chinese)"
        case .noDibaoInYear(let policy, let year): "策略文件 \(policy) 在 \(year) 年没有适用的低保标准"
        case .noDibaoOnDate(let policy, let date, let first): "策略 \(policy) 在 \(date) 没有生效的低保标准（最早一期自 \(first?.description ?? "—") 起）"
        }
    }

    public var english: String {
        switch self {
        case .emptyBatchName: "--name must not be empty"
        case .batchNotComputable(let rule): "\(rule.english); the batch cannot be created"
        case .notComputed(let id): "batch \(id) is not computed yet"
        case .bankListNeedsApproval(let id, let status): "batch \(id) is \(status.rawValue): the bank list needs an approved batch"
        case .noReissueList(let id, let round): "batch \(id) has no re-issue list \(round)"
        case .storedPolicyUnreadable(let id, let error): "the policy stored with batch \(id) cannot be read: \(error.english)"
        case .noDibaoInYear(let policy, let year): "no 低保 of \(policy) is in force in \(year)"
        case .noDibaoOnDate(let policy, let date, let first): "policy \(policy) has no dibao in force on \(date); the first period starts \(first?.description ?? "—")"
        }
    }

    public var failure: Failure {
        switch self {
        case .emptyBatchName: .invalidValue
        case .noReissueList: .notFound
        default: .refused
        }
    }
}
