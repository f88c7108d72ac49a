/// What a reviewer decided about a duplicate-aid finding (issue 16: the review queue).
public enum FindingOutcome: String, CaseIterable, Hashable, Sendable {
    /// It is a duplicate; `FindingDecision.action` says what is done about it.
    case confirmed
    /// It is not a duplicate; the note says why.
    case dismissed

    public var chineseName: String {
        switch self {
        case .confirmed: "确认属实"
        case .dismissed: "排除（非重复）"
        }
    }
}

/// What is done about a confirmed duplicate.
public enum FindingAction: String, CaseIterable, Hashable, Sendable {
    /// 追回: the money paid twice is claimed back.
    case recover
    /// 停发: further payments stop.
    case stop
    /// 属政策允许: paid twice, and the policy allows it.
    case allowed

    public var chineseName: String {
        switch self {
        case .recover: "追回"
        case .stop: "停发"
        case .allowed: "属政策允许"
        }
    }
}

/// One decision about a finding: a confirmation with its action and note, or a dismissal
/// with its reason (the note). A later decision replaces an earlier one; both are kept.
public struct FindingDecision: Hashable, Sendable {
    public var outcome: FindingOutcome
    /// nil for a dismissal.
    public var action: FindingAction?
    /// The confirmation's note (may be empty), or the dismissal's reason (never empty).
    public var note: String
    /// The account (or `--by` name) that decided.
    public var by: String
    /// When, as the audit trail writes it.
    public var at: String

    public init(outcome: FindingOutcome, action: FindingAction?, note: String, by: String, at: String) {
        self.outcome = outcome
        self.action = outcome == .confirmed ? action : nil
        self.note = note
        self.by = by
        self.at = at
    }

    /// `确认属实，追回` / `排除（非重复）`.
    public var summary: String {
        outcome.chineseName + (action.map { "，\($0.chineseName)" } ?? "")
    }
}

/// Where a finding stands in the review queue: no decision yet, or its latest one's outcome.
public enum FindingStatus: String, CaseIterable, Hashable, Sendable {
    case open, confirmed, dismissed

    public var chineseName: String {
        switch self {
        case .open: "待处理"
        case .confirmed: "已确认"
        case .dismissed: "已排除"
        }
    }
}

/// A holder of a shared bank account, as a shared_account finding lists them.
public struct AccountHolder: Hashable, Sendable {
    public var name: String
    /// `档案QD-001` or `劳模`.
    public var place: String
    public var idNumber: String

    public init(name: String, place: String, idNumber: String) {
        self.name = name
        self.place = place
        self.idNumber = idNumber
    }
}

/// The records behind a finding, for a reviewer to put side by side: the aid records (the
/// union's and other agencies'), the batch entries, the archives, an account's holders.
public struct FindingEvidence: Hashable, Sendable {
    /// Every aid record the finding quotes, the union's and other agencies'.
    public var aidRecordIDs: [Int64]
    /// same_batch: the batch whose entries repeat the person.
    public var batch: Int64?
    /// same_batch: the repeated entries.
    public var entries: [SameBatchEntry]
    /// The archives the finding is about (two_households: each listing the person).
    public var archives: [String]
    /// shared_account: who gave the account.
    public var holders: [AccountHolder]

    public init(aidRecordIDs: [Int64] = [], batch: Int64? = nil, entries: [SameBatchEntry] = [], archives: [String] = [], holders: [AccountHolder] = []) {
        self.aidRecordIDs = aidRecordIDs
        self.batch = batch
        self.entries = entries
        self.archives = archives
        self.holders = holders
    }
}
