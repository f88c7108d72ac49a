/// What a project's budget already carries when one of its batches is approved (issue 16):
/// the batches of one project together may not silently exceed the project's 全年预算数.
/// A batch counts against its project from approval on (approved money is promised money),
/// so that two batches approved before either is paid cannot pass the budget between them.
public struct ProjectBudgetUse: Sendable, Equatable {
    /// The project's name, as the batches carry it (`[project] name`).
    public var project: String
    /// Its 全年预算数, kept on the batch from the project file when the batch was created.
    public var budget: Money
    /// The project's other batches of the year that are paid, less their cancelled transfers.
    public var paid: Money
    /// What those paid batches gave up: transfers that failed and were cancelled (issue 19)
    /// leave the budget, as they left the aid records; a failed transfer still open may yet be
    /// re-issued, so it stays counted.
    public var cancelled: Money
    /// Its other batches of the year that are approved and not yet paid.
    public var approved: Money
    /// What this batch adds: its total.
    public var adding: Money

    public init(project: String, budget: Money, paid: Money, cancelled: Money = .zero, approved: Money, adding: Money) {
        self.project = project
        self.budget = budget
        self.paid = paid
        self.cancelled = cancelled
        self.approved = approved
        self.adding = adding
    }

    /// Paid and approved batches of the project besides this one.
    public var committed: Money { Money(fen: paid.fen + approved.fen) }

    /// The project's total once this batch is approved too.
    public var after: Money { Money(fen: committed.fen + adding.fen) }

    /// What this batch would take the project past its budget by (zero when it fits).
    public var overrun: Money { Money(fen: max(after.fen - budget.fen, 0)) }

    public var exceedsBudget: Bool { after.fen > budget.fen }

    /// What the budget has left before this batch (negative when already past it).
    public var remaining: Money { Money(fen: budget.fen - committed.fen) }

    /// "已发放 N 元", saying what cancelled transfers took off it.
    public var paidText: String {
        "已发放 \(paid.formatted) 元" + (cancelled.fen > 0 ? "（已取消的转账 \(cancelled.formatted) 元不计）" : "")
    }

    /// One line for a person: the budget, what is carried, what this batch adds, and what is
    /// left or by how much it is exceeded.
    public var chineseSummary: String {
        var text = "项目「\(project)」全年预算 \(budget.formatted) 元：\(paidText)"
        if approved.fen > 0 { text += "，已审批待发放 \(approved.formatted) 元" }
        text += "，本批次 \(adding.formatted) 元，合计 \(after.formatted) 元"
        text += exceedsBudget ? "，超出项目预算 \(overrun.formatted) 元，不能审批" : "，尚余 \(Money(fen: budget.fen - after.fen).formatted) 元"
        return text
    }
}
