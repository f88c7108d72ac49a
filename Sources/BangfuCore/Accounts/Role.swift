/// The seven roles of spec §8. An account holds one or more; what each may do is
/// `Permissions`'.
public enum Role: String, CaseIterable, Hashable, Sendable, Comparable {
    /// 录入员: registers and edits archives, imports, creates and computes batches.
    case clerk
    /// 初审.
    case firstReviewer = "first_reviewer"
    /// 复审.
    case secondReviewer = "second_reviewer"
    /// 审批.
    case approver
    /// 财务: pays, and alone sees and exports the bank list.
    case finance
    /// 监督: reads everything, changes nothing.
    case auditor
    /// 管理员: accounts only; no batch step, no archive.
    case admin

    /// The role as screens name it.
    public var chineseName: String {
        switch self {
        case .clerk: "录入员"
        case .firstReviewer: "初审"
        case .secondReviewer: "复审"
        case .approver: "审批"
        case .finance: "财务"
        case .auditor: "监督"
        case .admin: "管理员"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
