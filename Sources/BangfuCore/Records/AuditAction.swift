/// What an audit line records: each step of the work, with the words the database keeps
/// (`batch review first`, unchanged since the first version, so old trails read the same)
/// and its Chinese name for people.
public enum AuditAction: Hashable, Sendable {
    /// An import of one of spec §3's files (`households`, `members`, `model-workers`, `aid`).
    case importFile(String)
    case batchCreate
    case batchCompute
    case batchReview(Policy.ReviewStage)
    case batchExclude
    case batchApprove
    case batchPay
    /// A 公示 or bank list written out.
    case batchExport
    /// A bank return file recorded; a re-issue (补发) of failed transfers prepared, approved
    /// and paid; a failed transfer cancelled (issue 19).
    case batchReconcile
    case reissuePrepare
    case reissueApprove
    case reissuePay
    case transferCancel
    /// A self-evaluation form (绩效自评表) or the forms' summary downloaded as xlsx.
    case formExport
    /// An account added, its password set, disabled or enabled again (spec §8).
    case accountAdd
    case accountPassword
    case accountDisable
    case accountEnable
    /// An account's roles or union changed (`Accounts.update`).
    case accountUpdate
    /// A sign-in, a refused one, and a sign-out (spec §8: every sign-in is audited).
    case signIn
    case signInFailed
    case signOut
    /// One archive's full record viewed (spec §8: who looked at whose record).
    case archiveView
    /// 建档 through a form, an edit of an archive, and its 脱困 / 销档 or return to 在档
    /// (spec §8: every change is an audit line; the archive's history keeps the details).
    case archiveRegister
    case archiveEdit
    case archiveStatus
    /// A duplicate-aid finding confirmed or dismissed (issue 16's review queue).
    case duplicateDecision
    /// `bangfu backup` / `bangfu restore` (issue 17).
    case databaseBackup
    case databaseRestore
    /// A line whose words this version does not know (written by a newer one).
    case other(String)

    /// The words stored in the database.
    public var stored: String {
        switch self {
        case .importFile(let kind): "import \(kind)"
        case .batchCreate: "batch create"
        case .batchCompute: "batch compute"
        case .batchReview(let stage): "batch review \(stage.rawValue)"
        case .batchExclude: "batch exclude"
        case .batchApprove: "batch approve"
        case .batchPay: "batch pay"
        case .batchExport: "batch export"
        case .batchReconcile: "batch reconcile"
        case .reissuePrepare: "reissue prepare"
        case .reissueApprove: "reissue approve"
        case .reissuePay: "reissue pay"
        case .transferCancel: "transfer cancel"
        case .formExport: "form export"
        case .accountAdd: "account add"
        case .accountPassword: "account password"
        case .accountDisable: "account disable"
        case .accountEnable: "account enable"
        case .accountUpdate: "account update"
        case .signIn: "sign in"
        case .signInFailed: "sign in failed"
        case .signOut: "sign out"
        case .archiveView: "archive view"
        case .archiveRegister: "archive register"
        case .archiveEdit: "archive edit"
        case .archiveStatus: "archive status"
        case .duplicateDecision: "duplicate decide"
        case .databaseBackup: "database backup"
        case .databaseRestore: "database restore"
        case .other(let words): words
        }
    }

    /// The files spec §3 imports, as their lines name them, with their Chinese names.
    static let importedFiles: [(kind: String, chinese: String)] = [
        ("households", "家庭档案"), ("members", "家庭成员"), ("model-workers", "劳模"), ("aid", "救助记录"),
    ]

    /// Every action this version writes, in the order a filter lists them.
    public static let known: [AuditAction] =
        [.signIn, .signInFailed, .signOut, .archiveView, .archiveRegister, .archiveEdit, .archiveStatus]
        + importedFiles.map { .importFile($0.kind) }
        + [.batchCreate, .batchCompute] + Policy.ReviewStage.allCases.map(AuditAction.batchReview)
        + [.batchExclude, .batchApprove, .batchPay, .batchExport]
        + [.batchReconcile, .reissuePrepare, .reissueApprove, .reissuePay, .transferCancel, .formExport, .duplicateDecision]
        + [.accountAdd, .accountUpdate, .accountPassword, .accountDisable, .accountEnable, .databaseBackup, .databaseRestore]

    /// The action read back from its stored words.
    public init(stored: String) {
        if let action = Self.known.first(where: { $0.stored == stored }) {
            self = action
        } else if stored.hasPrefix("import ") {
            self = .importFile(String(stored.dropFirst("import ".count)))
        } else {
            self = .other(stored)
        }
    }

    /// The action in Chinese, for tables and pages.
    public var chineseName: String {
        switch self {
        case .importFile(let kind): "导入" + (Self.importedFiles.first { $0.kind == kind }?.chinese ?? " \(kind)")
        case .batchCreate: "新建批次"
        case .batchCompute: "计算"
        case .batchReview(let stage): stage == .first ? "初审" : "复审"
        case .batchExclude: "剔除"
        case .batchApprove: "审批"
        case .batchPay: "发放"
        case .batchExport: "导出"
        case .batchReconcile: "登记银行回盘"
        case .reissuePrepare: "编制补发清单"
        case .reissueApprove: "审批补发"
        case .reissuePay: "登记补发"
        case .transferCancel: "取消转账"
        case .formExport: "导出绩效自评表"
        case .accountAdd: "新建账号"
        case .accountPassword: "修改密码"
        case .accountDisable: "停用账号"
        case .accountEnable: "启用账号"
        case .accountUpdate: "修改角色与工会"
        case .signIn: "登录"
        case .signInFailed: "登录失败"
        case .signOut: "退出登录"
        case .archiveView: "查看档案"
        case .archiveRegister: "建档"
        case .archiveEdit: "修改档案"
        case .archiveStatus: "档案状态变更"
        case .duplicateDecision: "处理重复救助线索"
        case .databaseBackup: "备份数据库"
        case .databaseRestore: "恢复数据库"
        case .other(let words): words
        }
    }
}
