import Foundation

/// What an account may ask for (spec §8, §9), one case per kind of request.
public enum Action: String, CaseIterable, Hashable, Sendable {
    /// Search and list archives, see one household's page.
    case viewArchives = "view_archives"
    /// 建档, edits, 脱困/销档, imports of the four files.
    case editArchives = "edit_archives"
    /// See batches and their entries with reasons.
    case viewBatches = "view_batches"
    /// Create a batch and compute it.
    case prepareBatch = "prepare_batch"
    /// 初审.
    case reviewFirst = "review_first"
    /// 复审.
    case reviewSecond = "review_second"
    /// Take an entry out of a batch during review, with the reason.
    case excludeEntry = "exclude_entry"
    /// 审批.
    case approve
    /// 发放.
    case pay
    /// The 公示 list (masked 身份证号, no account).
    case exportNotice = "export_notice"
    /// The bank transfer list (full accounts).
    case exportBank = "export_bank"
    /// Record the bank's return file, prepare a re-issue of failed transfers, cancel one.
    case reconcile
    /// The duplicate-aid findings and the self-evaluation forms.
    case viewChecks = "view_checks"
    /// Confirm a duplicate-aid finding (追回, 停发, 属政策允许) or dismiss it, with a note.
    case decideDuplicates = "decide_duplicates"
    /// The audit trail.
    case viewAudit = "view_audit"
    /// Accounts: add, disable, enable, reset a password.
    case manageAccounts = "manage_accounts"

    /// The action as a refusal names it: `无权审批`.
    public var chineseName: String {
        switch self {
        case .viewArchives: "查看档案"
        case .editArchives: "建档、修改或导入档案"
        case .viewBatches: "查看批次"
        case .prepareBatch: "新建或计算批次"
        case .reviewFirst: "初审"
        case .reviewSecond: "复审"
        case .excludeEntry: "剔除对象"
        case .approve: "审批"
        case .pay: "发放"
        case .exportNotice: "导出公示名单"
        case .exportBank: "导出银行发放清单"
        case .reconcile: "登记银行回盘或补发"
        case .viewChecks: "查看重复救助检查和绩效自评"
        case .decideDuplicates: "处理重复救助线索"
        case .viewAudit: "查看操作记录"
        case .manageAccounts: "管理账号"
        }
    }
}

/// Where a record belongs, as union scope sees it: the 所属工会 of its archive, or none
/// (a model worker, a batch as a whole, an account).
public enum RecordScope: Hashable, Sendable {
    /// A record of the archive whose 所属工会 is `union`.
    case union(String)
    /// A record that belongs to no grassroots union.
    case citywide
}

/// The answer to a request: allowed, refused for the role, or — out of the account's union —
/// answered as if the record did not exist (spec §8: 404, in lists and counts alike).
public enum Permission: Equatable, Sendable {
    case allowed
    case forbidden
    case notFound
}

/// Who may do what, as data: one pure function every use case asks, never a front end.
public enum Permissions {
    /// The actions each role allows. An account holding several roles may do what any of
    /// them allows (segregation of duties then keeps one account to one step of a batch).
    public static let byRole: [Role: Set<Action>] = [
        .clerk: [.viewArchives, .editArchives, .viewBatches, .prepareBatch, .exportNotice, .viewChecks],
        .firstReviewer: [.viewArchives, .viewBatches, .reviewFirst, .excludeEntry, .exportNotice, .viewChecks, .decideDuplicates],
        .secondReviewer: [.viewArchives, .viewBatches, .reviewSecond, .excludeEntry, .exportNotice, .viewChecks, .decideDuplicates],
        .approver: [.viewArchives, .viewBatches, .approve, .exportNotice, .viewChecks, .decideDuplicates],
        .finance: [.viewArchives, .viewBatches, .pay, .exportNotice, .exportBank, .reconcile, .viewChecks],
        .auditor: [.viewArchives, .viewBatches, .exportNotice, .viewChecks, .viewAudit],
        .admin: [.manageAccounts, .viewAudit],
    ]

    /// Whether an account with `roles`, limited to `union` (nil: the whole city), may do
    /// `action` on a record of `scope`. Out of the account's union the record answers as not
    /// found whatever the role, so that nobody learns it exists.
    public static func decide(roles: Set<Role>, union: String?, action: Action, on scope: RecordScope) -> Permission {
        if let union, case .union(let owner) = scope, owner != union { return .notFound }
        return allows(roles, action) ? .allowed : .forbidden
    }

    /// Whether any of `roles` allows `action`, wherever the record: what a page asks to show
    /// a button or a menu entry at all.
    public static func allows(_ roles: Set<Role>, _ action: Action) -> Bool {
        roles.contains { byRole[$0]?.contains(action) == true }
    }
}

/// What of a person's identifiers a role may see in full (spec §8 masking).
public enum Masking {
    /// Full 身份证号 for the clerk and the reviewers, who check identities; 6 + 4 otherwise.
    public static func seesFullIDNumbers(_ roles: Set<Role>) -> Bool {
        !roles.isDisjoint(with: [.clerk, .firstReviewer, .secondReviewer])
    }

    /// Full bank accounts for finance only; the last 4 digits otherwise.
    public static func seesFullBankAccounts(_ roles: Set<Role>) -> Bool { roles.contains(.finance) }

    /// `account` as `roles` may see it: whole, or `****1234`.
    public static func bankAccount(_ account: String, for roles: Set<Role>) -> String {
        guard !seesFullBankAccounts(roles), !account.isEmpty else { return account }
        return "****" + String(account.suffix(4))
    }

    /// `number` as `roles` may see it: whole, or `370203********4709`.
    public static func idNumber(_ number: IDNumber, for roles: Set<Role>) -> String {
        seesFullIDNumbers(roles) ? number.value : number.masked
    }

    /// A 身份证号 already in text, masked as `IDNumber.masked` masks it: 6 + 4 characters.
    public static func idNumber(text: String) -> String {
        text.count > 10 ? String(text.prefix(6)) + String(repeating: "*", count: text.count - 10) + String(text.suffix(4)) : text
    }

    /// `text` with every 身份证号 in it masked (a finding's detail, a reason), and every bank
    /// account but for its last four digits, as `roles` may see them.
    public static func identifiers(in text: String, for roles: Set<Role>) -> String {
        var result = text
        if !seesFullIDNumbers(roles) {
            result = replacing(#"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])"#, in: result) { idNumber(text: $0) }
        }
        if !seesFullBankAccounts(roles) {
            // A run of digits that is a valid 身份证号 is one, not an account.
            result = replacing(#"(?<![0-9*])[0-9]{12,19}(?![0-9])"#, in: result) { IDNumber($0) == nil ? "****" + String($0.suffix(4)) : $0 }
        }
        return result
    }

    private static func replacing(_ pattern: String, in text: String, with transform: (String) -> String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let whole = text as NSString
        var result = ""
        var last = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: whole.length)) {
            result += whole.substring(with: NSRange(location: last, length: match.range.location - last))
            result += transform(whole.substring(with: match.range))
            last = match.range.location + match.range.length
        }
        return result + whole.substring(from: last)
    }
}
