import BangfuCore
import BangfuStore

/// One year's duplicate-aid check as the review queue keeps it: the findings with their
/// people in full and their identities, the policy whose limits were checked, and the
/// state of the records it read. It leaves the app layer only through `DuplicateQueue`'s
/// views, which mask what a viewer may not see.
public struct ScannedYear: Sendable {
    /// The findings, identified, without decisions (they are read at each view).
    let report: DuplicateReport
    public var year: Int { report.year }
    /// The policy whose annual limits were checked; nil when none was.
    public let policyID: String?
    /// `BangfuDatabase.duplicateInputsMark()` before the scan: a later mark means the
    /// records may have changed since.
    public let mark: Int64
}

/// The duplicate findings as a review queue (issue 16): each finding named by an opaque
/// id, confirmed with an action or dismissed with a reason by an account that may
/// (`Action.decideDuplicates`), the decisions kept and shown again at the next scan.
public enum DuplicateQueue {
    /// Scans `year` under `limits` (nil: over_annual_limit not checked) and names each
    /// finding. A whole year's read: seconds on a province's records.
    public static func scan(year: Int, limits: AnnualLimits?, policyID: String?, in store: BangfuDatabase) throws -> ScannedYear {
        let mark = try store.duplicateInputsMark()
        var report = try DuplicateChecks.report(year: year, limits: limits, in: store)
        let key = try store.findingKey()
        for index in report.findings.indices {
            report.findings[index].id = FindingIdentity.id(of: report.findings[index], year: year, key: key)
        }
        return ScannedYear(report: report, policyID: policyID, mark: mark)
    }

    /// `scan` with the limits of the policy file at `policyPath`.
    public static func scan(year: Int, policyPath: String?, in store: BangfuDatabase) throws -> ScannedYear {
        let limits = try policyPath.map { try DuplicateChecks.limits(of: $0, year: year) }
        return try scan(year: year, limits: limits, policyID: policyPath, in: store)
    }

    /// The year's report with every finding's id and latest decision, people in full: the
    /// command line's, whose user may read the database file anyway (spec §9).
    public static func report(year: Int, policyPath: String?, in store: BangfuDatabase) throws -> DuplicateReport {
        try decided(try scan(year: year, policyPath: policyPath, in: store).report, in: store)
    }

    /// The scan as `viewer` may see it: its latest decisions merged; a union account only
    /// the findings about people of its union's archives, and the rates over its union's
    /// records (`countsRecords`; a caller that shows no rate saves the count); 身份证号 and
    /// bank accounts masked where its roles may not see them whole.
    public static func view(_ scan: ScannedYear, viewer: Account, in store: BangfuDatabase, countsRecords: Bool = true) throws -> DuplicateReport {
        try Authority.require(.viewChecks, by: viewer)
        var report = try decided(scan.report, in: store)
        report.findings = try inScope(report.findings, of: viewer, in: store).map { masked($0, for: viewer.roles) }
        if let union = viewer.union, countsRecords { try countOnly(union, in: &report, store: store) }
        return report
    }

    /// `report`'s rates over `union`'s records: the year's union aid paid to its people, and
    /// of the records behind the findings only theirs (a person listed in two unions'
    /// archives brings the other union's records along).
    private static func countOnly(_ union: String, in report: inout DuplicateReport, store: BangfuDatabase) throws {
        report.unionAidRecords = try store.unionAidRecordCount(year: report.year, union: union)
        let lines = try store.aidRecordLines(ids: Array(Set(report.findings.flatMap(\.aidRecordIDs))))
        let unions = try store.unions(ofPeople: Array(Set(lines.map(\.idNumber))))
        let theirs = Set(lines.filter { unions[$0.idNumber]?.contains(union) == true }.map(\.id))
        for index in report.findings.indices { report.findings[index].aidRecordIDs.removeAll { !theirs.contains($0) } }
    }

    /// Every decision about `findingID` in `scan`, oldest first, as `viewer` may see it: the
    /// latest is the one in force. Not found out of the viewer's union.
    public static func history(of findingID: String, in scan: ScannedYear, viewer: Account, in store: BangfuDatabase) throws -> [FindingDecision] {
        try Authority.require(.viewChecks, by: viewer)
        _ = try finding(findingID, in: scan, for: viewer, in: store)
        return try store.duplicateDecisions(year: scan.year)[findingID] ?? []
    }

    /// The aid records behind `findings` (their evidence), by id, 身份证号 masked as
    /// `viewer` may see them.
    public static func records(of findings: [DuplicateFinding], viewer: Account, in store: BangfuDatabase) throws -> [Int64: AidRecordLine] {
        try Authority.require(.viewChecks, by: viewer)
        let lines = try store.aidRecordLines(ids: Array(Set(findings.flatMap(\.evidence.aidRecordIDs))))
        var byID: [Int64: AidRecordLine] = [:]
        for var line in lines {
            line.idNumber = Masking.identifiers(in: line.idNumber, for: viewer.roles)
            line.studentIDNumber = Masking.identifiers(in: line.studentIDNumber, for: viewer.roles)
            byID[line.id] = line
        }
        return byID
    }

    /// Records the context's decision about a finding of `scan` and answers the finding
    /// with it, as the deciding account may see it (in full while the database has no
    /// accounts). Refused for a role that may not decide; not found for an id the scan does
    /// not hold or a finding out of the account's union; a dismissal needs its reason and a
    /// confirmation its action.
    public static func decide(_ request: DecisionRequest, in scan: ScannedYear, store: BangfuDatabase, context: RequestContext) throws -> DuplicateFinding {
        let account = try Authority.check(.decideDuplicates, context: context, in: store)
        var found = try finding(request.findingID, in: scan, for: account, in: store)
        let note: String
        do { note = try TextRule.remark.clean(request.note) } catch { throw DuplicateDecisionError.invalidNote(error.chinese, error.english) }
        switch request.outcome {
        case .dismissed where note.isEmpty: throw DuplicateDecisionError.reasonRequired
        case .confirmed where request.action == nil: throw DuplicateDecisionError.actionRequired
        default: break
        }
        let decision = FindingDecision(outcome: request.outcome, action: request.action, note: note, by: context.actor.name, at: context.timestamp)
        try store.recordDuplicateDecision(
            DecisionRecord(findingID: found.id, year: scan.year, code: found.code, idNumbers: found.idNumbers, decision: decision))
        found.decision = decision
        return account.map { masked(found, for: $0.roles) } ?? found
    }

    /// Refuses an account whose roles may not see the findings: asked before a scan is
    /// started for it.
    public static func requireViewer(_ account: Account) throws { try Authority.require(.viewChecks, by: account) }

    /// Refuses an account whose roles may not decide about findings: asked before a form
    /// is shown or a scan started; `decide` asks again.
    public static func requireDecider(_ account: Account) throws { try Authority.require(.decideDuplicates, by: account) }

    /// Whether `account` may decide about findings (a page shows its forms then).
    public static func mayDecide(_ account: Account) -> Bool { Permissions.allows(account.roles, .decideDuplicates) }

    // MARK: - helpers

    /// `report` with each finding's latest decision.
    static func decided(_ report: DuplicateReport, in store: BangfuDatabase) throws -> DuplicateReport {
        let decisions = try store.duplicateDecisions(year: report.year)
        var report = report
        for index in report.findings.indices { report.findings[index].decision = decisions[report.findings[index].id]?.last }
        return report
    }

    /// Finding `id` of `scan`, if `account` (nil: no accounts yet) may see it.
    private static func finding(_ id: String, in scan: ScannedYear, for account: Account?, in store: BangfuDatabase) throws -> DuplicateFinding {
        guard let found = scan.report.findings.first(where: { $0.id == id }) else { throw DuplicateDecisionError.noSuchFinding(id) }
        if let account, try inScope([found], of: account, in: store).isEmpty { throw DuplicateDecisionError.noSuchFinding(id) }
        return found
    }

    /// The findings about people of `viewer`'s union (all of them for a city account).
    static func inScope(_ findings: [DuplicateFinding], of viewer: Account, in store: BangfuDatabase) throws -> [DuplicateFinding] {
        guard let union = viewer.union else { return findings }
        let unions = try store.unions(ofPeople: Array(Set(findings.flatMap(\.idNumbers))))
        return findings.filter { finding in finding.idNumbers.contains { unions[$0]?.contains(union) == true } }
    }

    /// `finding` as `roles` may see it; what sets it apart (an account number, perhaps) is
    /// part of its identity only and never shown.
    static func masked(_ finding: DuplicateFinding, for roles: Set<Role>) -> DuplicateFinding {
        var finding = finding
        finding.idNumbers = finding.idNumbers.map { Masking.identifiers(in: $0, for: roles) }
        finding.detail = Masking.identifiers(in: finding.detail, for: roles)
        finding.evidence.holders = finding.evidence.holders.map { holder in
            var holder = holder
            holder.idNumber = Masking.identifiers(in: holder.idNumber, for: roles)
            return holder
        }
        finding.subject = ""
        return finding
    }
}

/// A reviewer's decision as a front end sends it.
public struct DecisionRequest: Sendable {
    public var findingID: String
    public var outcome: FindingOutcome
    /// Required for a confirmation; ignored for a dismissal.
    public var action: FindingAction?
    /// The confirmation's note (may be empty) or the dismissal's reason (required).
    public var note: String

    public init(findingID: String, outcome: FindingOutcome, action: FindingAction?, note: String) {
        self.findingID = findingID
        self.outcome = outcome
        self.action = action
        self.note = note
    }
}

/// Why a decision about a finding is not taken.
public enum DuplicateDecisionError: Error, Equatable, Sendable, UserFacingError {
    /// No finding of the year has this id (or none the account may see).
    case noSuchFinding(String)
    /// A dismissal without its reason.
    case reasonRequired
    /// A confirmation without 追回, 停发 or 属政策允许.
    case actionRequired
    /// A note with characters no text may hold, or too long.
    case invalidNote(String, String)

    public var chinese: String {
        switch self {
        case .noSuchFinding(let id): "没有编号为 \(id.escapedForDisplay) 的重复救助线索（请核对年度、策略和编号）"
        case .reasonRequired: "排除线索须填写原因（说明为何不属重复救助）"
        case .actionRequired: "确认线索须选择处理方式：追回、停发或属政策允许"
        case .invalidNote(let chinese, _): "说明无效：\(chinese)"
        }
    }

    public var english: String {
        switch self {
        case .noSuchFinding(let id): "no duplicate finding \(id.escapedForDisplay) in that year"
        case .reasonRequired: "a dismissal needs a reason"
        case .actionRequired: "a confirmation needs an action: recover, stop or allowed"
        case .invalidNote(_, let english): "invalid note: \(english)"
        }
    }

    public var failure: Failure {
        switch self {
        case .noSuchFinding: .notFound
        case .reasonRequired, .actionRequired, .invalidNote: .badInput
        }
    }
}
