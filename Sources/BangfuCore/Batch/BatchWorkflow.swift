/// The states of a batch (spec §6.1), along the approval path of 002:1691–1718:
/// 公示 → 初审 (职工服务中心) → 复审 (生产保护部) → approval (领导小组) → payment (财务).
public enum BatchStatus: String, CaseIterable, Hashable, Sendable {
    case draft, computed
    case firstReviewed = "first_reviewed"
    case secondReviewed = "second_reviewed"
    case approved, paid

    public var chineseName: String {
        switch self {
        case .draft: "草稿"
        case .computed: "已计算"
        case .firstReviewed: "已初审"
        case .secondReviewed: "已复审"
        case .approved: "已审批"
        case .paid: "已发放"
        }
    }

    /// Approved and paid batches are immutable (spec §4).
    public var isFrozen: Bool { self == .approved || self == .paid }
}

/// A step a named person performs on a batch; two steps of one batch need two people.
public enum BatchStep: Hashable, Sendable {
    /// The batch created (`batch create`).
    case creation
    /// Its entries computed, the last time.
    case computation
    case review(Policy.ReviewStage)
    case approval
    case payment

    public var chineseName: String {
        switch self {
        case .creation: "新建"
        case .computation: "计算"
        case .review(let stage): stage.chineseName
        case .approval: "审批"
        case .payment: "发放"
        }
    }

    var english: String {
        switch self {
        case .creation: "creation"
        case .computation: "computation"
        case .review(.first): "first review"
        case .review(.second): "second review"
        case .approval: "approval"
        case .payment: "payment"
        }
    }
}

/// Where a batch stands: its state, who performed which step, and its budget.
public struct BatchProgress: Sendable, Equatable {
    public var status: BatchStatus
    /// The review stages its policy requires, in order (`[workflow] reviews`).
    public var requiredReviews: [Policy.ReviewStage]
    /// Who performed each step so far.
    public var performers: [BatchStep: String]
    public var isOverBudget: Bool
    /// Its project's budget and what the project's other batches already carry, when the
    /// batch belongs to a project whose file gave a budget (read at approval).
    public var projectBudget: ProjectBudgetUse?

    public init(
        status: BatchStatus, requiredReviews: [Policy.ReviewStage], performers: [BatchStep: String] = [:], isOverBudget: Bool = false,
        projectBudget: ProjectBudgetUse? = nil
    ) {
        self.status = status
        self.requiredReviews = requiredReviews
        self.performers = performers
        self.isOverBudget = isOverBudget
        self.projectBudget = projectBudget
    }
}

/// Why a step is refused, in Chinese for the clerk and English for logs.
public enum WorkflowRefusal: Error, Equatable, Sendable, UserFacingError {
    public var failure: Failure { .refused }

    /// Approved or paid: nothing may change any more.
    case frozen(action: String, status: BatchStatus)
    /// The step needs another state first (e.g. review before compute).
    case wrongState(action: String, status: BatchStatus, needs: [BatchStatus])
    /// The policy does not ask for this review stage.
    case stageNotRequired(Policy.ReviewStage, required: [Policy.ReviewStage])
    /// Approval before every required review is done.
    case reviewsMissing([Policy.ReviewStage])
    /// Segregation of duties: the same person already performed another step.
    case samePerson(name: String, earlier: BatchStep, now: BatchStep)
    case overBudget
    /// Approval would take the batch's project past its budget (issue 16).
    case projectOverBudget(ProjectBudgetUse)
    case alreadyPaid

    public var chinese: String {
        switch self {
        case .frozen(let action, let status): "批次已\(status == .paid ? "发放" : "审批")，不能再\(action)（已审批和已发放的批次不可更改）"
        case .wrongState(let action, let status, let needs):
            "批次状态为「\(status.chineseName)」，不能\(action)；需要状态：\(needs.map(\.chineseName).joined(separator: "或"))"
        case .stageNotRequired(let stage, let required):
            "策略文件不要求\(stage.chineseName)" + (required.isEmpty ? "（无审核环节）" : "（要求：\(required.map(\.chineseName).joined(separator: "→"))）")
        case .reviewsMissing(let stages): "尚未完成\(stages.map(\.chineseName).joined(separator: "、"))，不能审批"
        case .samePerson(let name, let earlier, let now): "\(name) 已执行本批次的\(earlier.chineseName)，不能再执行\(now.chineseName)（同一批次的不同环节须由不同人员办理）"
        case .overBudget: "批次合计超出预算，不能审批"
        case .projectOverBudget(let use):
            "项目「\(use.project)」全年预算 \(use.budget.formatted) 元，\(use.paidText)"
                + (use.approved.fen > 0 ? "、已审批待发放 \(use.approved.formatted) 元" : "")
                + "，本批次 \(use.adding.formatted) 元，合计超出项目预算 \(use.overrun.formatted) 元，不能审批"
        case .alreadyPaid: "批次已发放，不能重复发放"
        }
    }

    public var english: String {
        switch self {
        case .frozen(_, let status): "batch is \(status.rawValue) and can no longer change"
        case .wrongState(_, let status, let needs): "batch is \(status.rawValue); needs \(needs.map(\.rawValue).joined(separator: " or "))"
        case .stageNotRequired(let stage, _): "the policy does not require a \(stage.rawValue) review"
        case .reviewsMissing(let stages): "reviews not done: \(stages.map(\.rawValue).joined(separator: ", "))"
        case .samePerson(let name, let earlier, let now): "\(name) already performed the \(earlier.english); cannot perform the \(now.english) too"
        case .overBudget: "the batch total exceeds its budget"
        case .projectOverBudget(let use):
            "approving would take project \(use.project) past its budget: budget \(use.budget.yuanText), committed \(use.committed.yuanText), this batch \(use.adding.yuanText)"
        case .alreadyPaid: "the batch is already paid"
        }
    }
}

/// The approval path as a pure function: whether a step may happen, and the state after it.
public enum BatchWorkflow {
    /// Computing (again) is allowed until approval; it discards earlier reviews.
    public static func compute(_ progress: BatchProgress) throws(WorkflowRefusal) -> BatchStatus {
        if progress.status.isFrozen { throw .frozen(action: "重新计算", status: progress.status) }
        return .computed
    }

    /// Excluding an entry is a review act: after computing, before approval.
    public static func exclude(_ progress: BatchProgress) throws(WorkflowRefusal) {
        if progress.status.isFrozen { throw .frozen(action: "剔除对象", status: progress.status) }
        if progress.status == .draft { throw .wrongState(action: "剔除对象", status: .draft, needs: [.computed]) }
    }

    public static func review(_ stage: Policy.ReviewStage, by person: String, _ progress: BatchProgress) throws(WorkflowRefusal) -> BatchStatus {
        if progress.status.isFrozen { throw .frozen(action: stage.chineseName, status: progress.status) }
        guard let index = progress.requiredReviews.firstIndex(of: stage) else {
            throw .stageNotRequired(stage, required: progress.requiredReviews)
        }
        let needed: BatchStatus = index == 0 ? .computed : status(after: progress.requiredReviews[index - 1])
        guard progress.status == needed else { throw .wrongState(action: stage.chineseName, status: progress.status, needs: [needed]) }
        try checkSegregation(person, .review(stage), progress)
        return status(after: stage)
    }

    public static func approve(by person: String, _ progress: BatchProgress) throws(WorkflowRefusal) -> BatchStatus {
        if progress.status.isFrozen { throw .frozen(action: "审批", status: progress.status) }
        let done = progress.requiredReviews.filter { progress.performers[.review($0)] != nil }
        if done.count < progress.requiredReviews.count || progress.status == .draft {
            guard progress.status != .draft else { throw .wrongState(action: "审批", status: .draft, needs: [.computed]) }
            throw .reviewsMissing(progress.requiredReviews.filter { !done.contains($0) })
        }
        if progress.isOverBudget { throw .overBudget }
        if let use = progress.projectBudget, use.exceedsBudget { throw .projectOverBudget(use) }
        try checkSegregation(person, .approval, progress)
        return .approved
    }

    /// `person` is nil when the payer was not named: then there is nobody to compare.
    public static func pay(by person: String?, _ progress: BatchProgress) throws(WorkflowRefusal) -> BatchStatus {
        if progress.status == .paid { throw .alreadyPaid }
        guard progress.status == .approved else { throw .wrongState(action: "发放", status: progress.status, needs: [.approved]) }
        if let person { try checkSegregation(person, .payment, progress) }
        return .paid
    }

    private static func status(after stage: Policy.ReviewStage) -> BatchStatus {
        stage == .first ? .firstReviewed : .secondReviewed
    }

    private static func checkSegregation(_ person: String, _ step: BatchStep, _ progress: BatchProgress) throws(WorkflowRefusal) {
        // One person does at most one of the reviews, the approval and the payment; who
        // created or computed the batch may not approve it (spec §8).
        let order: [BatchStep] = [.review(.first), .review(.second), .approval, .payment] + (step == .approval ? [.creation, .computation] : [])
        // Compared normalised, so that a zero-width character or a padding space does not
        // make one person two; names stored before `--by` was checked are normalised too.
        let key = PersonName.comparisonKey(person)
        for earlier in order where earlier != step {
            if let name = progress.performers[earlier], PersonName.comparisonKey(name) == key {
                throw .samePerson(name: person, earlier: earlier, now: step)
            }
        }
    }
}

extension BatchWorkflow {
    /// The step the batch waits for, or nil once it is paid: computing a draft, the next
    /// review its policy requires, approval after the last one, payment after approval.
    public static func nextStep(_ progress: BatchProgress) -> BatchStep? {
        switch progress.status {
        case .draft: return .computation
        case .computed, .firstReviewed, .secondReviewed:
            let pending = progress.requiredReviews.first { progress.performers[.review($0)] == nil }
            return pending.map(BatchStep.review) ?? .approval
        case .approved: return .payment
        case .paid: return nil
        }
    }

    /// Whether `person` may take `step` now, as far as the state and segregation of duties
    /// go (roles are the caller's question).
    public static func allows(_ step: BatchStep, by person: String, _ progress: BatchProgress) -> Bool {
        switch step {
        case .creation: false
        case .computation: (try? compute(progress)) != nil
        case .review(let stage): (try? review(stage, by: person, progress)) != nil
        case .approval: (try? approve(by: person, progress)) != nil
        case .payment: (try? pay(by: person, progress)) != nil
        }
    }
}
