import BangfuCore
import BangfuStore

// The JSON shapes of spec §1 and §6 as `Encodable` values, one place for every front end
// (the command line's `--format json`, the web's `/api/v1`): stored properties in the spec's
// key order, snake_case keys, money in fen, an absent value written as `null`, never left out
// (hence the hand-written `encode(to:)` where a member is optional: the synthesized one skips
// nil).

/// `households list`'s element (spec §1).
public struct HouseholdJSON: Encodable, Sendable {
    public var archiveNo: String
    public var headName: String
    public var headIDNumber: String
    /// `deep|relative|accident`.
    public var category: String
    public var size: Int
    public var annualIncomeFen: Int
    /// `active|exited|closed`.
    public var status: String
    public var members: [MemberJSON]

    /// The archive `household` with its `members`.
    public init(_ household: Household, members: [Member]) {
        archiveNo = household.archiveNumber.value
        headName = household.headName
        headIDNumber = household.headIDNumber.value
        category = household.category.rawValue
        size = household.size
        annualIncomeFen = household.annualIncome.fen
        status = household.status.rawValue
        self.members = members.map(MemberJSON.init)
    }

    enum CodingKeys: String, CodingKey {
        case archiveNo = "archive_no", headName = "head_name", headIDNumber = "head_id_number", category, size
        case annualIncomeFen = "annual_income_fen", status, members
    }
}

/// One member of a household in `households list` (spec §1).
public struct MemberJSON: Encodable, Sendable {
    public var name: String
    public var idNumber: String
    public var relation: String
    /// `none|preschool|compulsory|high_school|vocational|college|undergraduate|graduate|special`.
    public var schoolStage: String

    /// The member `member`.
    public init(_ member: Member) {
        name = member.name
        idNumber = member.idNumber.value
        relation = member.relation
        schoolStage = member.schoolStage.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case name, idNumber = "id_number", relation, schoolStage = "school_stage"
    }
}

/// `model-workers list`'s element (spec §1).
public struct ModelWorkerJSON: Encodable, Sendable {
    public var name: String
    public var idNumber: String
    /// `national|provincial|municipal`.
    public var level: String
    public var annualIncomeFen: Int
    /// `living|special|none`.
    public var hardship: String
    /// `major_illness|disability|disaster`, or null.
    public var specialCause: String?

    /// The model worker `worker`.
    public init(_ worker: ModelWorker) {
        name = worker.name
        idNumber = worker.idNumber.value
        level = worker.level.rawValue
        annualIncomeFen = worker.annualIncome.fen
        hardship = worker.hardship.rawValue
        specialCause = worker.specialCause?.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case name, idNumber = "id_number", level, annualIncomeFen = "annual_income_fen", hardship, specialCause = "special_cause"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(idNumber, forKey: .idNumber)
        try container.encode(level, forKey: .level)
        try container.encode(annualIncomeFen, forKey: .annualIncomeFen)
        try container.encode(hardship, forKey: .hardship)
        try container.encode(specialCause, forKey: .specialCause)
    }
}

/// A batch as `batch list` gives it (spec §1), and as a step (`compute`, `approve`, …) reports it.
public struct BatchListingJSON: Encodable, Sendable {
    public var id: Int
    public var name: String
    public var kind: String
    public var status: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var totalFen: Int

    /// The batch `batch`, without its entries.
    public init(_ batch: BatchRecord) {
        id = Int(batch.id)
        name = batch.name
        kind = batch.kind.rawValue
        status = batch.status.rawValue
        date = batch.date.description
        totalFen = batch.total.fen
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, status, date, totalFen = "total_fen"
    }
}

/// `batch show` (spec §6.1): the batch and its entries.
public struct BatchJSON: Encodable, Sendable {
    public var id: Int
    public var name: String
    public var kind: String
    /// `draft|computed|first_reviewed|second_reviewed|approved|paid`.
    public var status: String
    public var date: String
    public var policyID: String
    /// The 低保 the computation used; null before it.
    public var dibaoMonthlyFen: Int?
    public var budgetFen: Int?
    public var totalFen: Int
    public var overBudget: Bool
    /// The project the batch belongs to, and the 全年预算数 its project file gave when the
    /// batch was created (extra keys beyond spec §6.1; null without them).
    public var project: String?
    public var projectBudgetFen: Int?
    /// Last, so that a front end may stream them after the rest (see `CodingKeys.entries`).
    public var entries: [BatchEntryJSON]

    /// The batch `batch` with `entries` (an excluded entry given as its effective one) and,
    /// by entry, where its transfer stands (`transfers`, parallel to `entries`; none before pay).
    public init(_ batch: BatchRecord, entries: [BatchEntry], transfers: [EntryTransfer?] = []) {
        id = Int(batch.id)
        name = batch.name
        kind = batch.kind.rawValue
        status = batch.status.rawValue
        date = batch.date.description
        policyID = batch.policyID
        dibaoMonthlyFen = batch.dibaoMonthly?.fen
        budgetFen = batch.budget?.fen
        totalFen = batch.total.fen
        overBudget = batch.isOverBudget
        project = batch.project
        projectBudgetFen = batch.projectBudget?.fen
        self.entries = entries.enumerated().map { index, entry in
            BatchEntryJSON(entry, transfer: index < transfers.count ? transfers[index] : nil)
        }
    }

    public enum CodingKeys: String, CodingKey {
        case id, name, kind, status, date, policyID = "policy_id", dibaoMonthlyFen = "dibao_monthly_fen", budgetFen = "budget_fen"
        case totalFen = "total_fen", overBudget = "over_budget", project, projectBudgetFen = "project_budget_fen", entries
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(date, forKey: .date)
        try container.encode(policyID, forKey: .policyID)
        try container.encode(dibaoMonthlyFen, forKey: .dibaoMonthlyFen)
        try container.encode(budgetFen, forKey: .budgetFen)
        try container.encode(totalFen, forKey: .totalFen)
        try container.encode(overBudget, forKey: .overBudget)
        try container.encode(project, forKey: .project)
        try container.encode(projectBudgetFen, forKey: .projectBudgetFen)
        try container.encode(entries, forKey: .entries)
    }
}

/// One entry of spec §6.1.
public struct BatchEntryJSON: Encodable, Sendable {
    public var idNumber: String
    public var name: String
    /// null for model workers.
    public var archiveNo: String?
    /// The student, for 助学 only; else null.
    public var studentIDNumber: String?
    public var eligible: Bool
    public var amountFen: Int
    /// The reasons as the entry holds them: rendered when written (`appendJSON` renders
    /// compact ones straight into the output, issue 22).
    public var reasonLines: EntryReasons
    public var reasons: [String] {
        get { reasonLines.lines }
        set { reasonLines = EntryReasons(lines: newValue) }
    }
    /// Extra keys (issue 19), null for an entry no paid list holds: what the bank reported of
    /// its latest transfer — `not_reported`, `transferred`, `failed`, `cancelled`, or
    /// `reissue_pending` while its re-issue (补发) waits for approval or payment — the bank's
    /// date, the failure's (or cancellation's) reason, and the list (0, or the re-issue).
    public var transferState: String?
    public var transferDate: String?
    public var transferReason: String?
    public var transferRound: Int?

    /// The entry `entry`, and where its transfer stands.
    public init(_ entry: BatchEntry, transfer: EntryTransfer? = nil) {
        idNumber = entry.idNumber.value
        name = entry.name
        archiveNo = entry.archiveNumber?.value
        studentIDNumber = entry.studentIDNumber?.value
        eligible = entry.isEligible
        amountFen = entry.amount.fen
        reasonLines = entry.reasonLines
        guard let transfer else { return }
        transferState = transfer.isPaid ? transfer.state.word : "reissue_pending"
        transferRound = transfer.round
        switch transfer.state {
        case .sent: break
        case .reported(let outcome):
            transferDate = outcome.date.description
            if case .failed(_, let reason) = outcome { transferReason = reason }
        case .cancelled(_, let reason): transferReason = reason
        }
    }

    enum CodingKeys: String, CodingKey {
        case idNumber = "id_number", name, archiveNo = "archive_no", studentIDNumber = "student_id_number", eligible
        case amountFen = "amount_fen", reasons
        case transferState = "transfer_state", transferDate = "transfer_date", transferReason = "transfer_reason", transferRound = "transfer_round"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(idNumber, forKey: .idNumber)
        try container.encode(name, forKey: .name)
        try container.encode(archiveNo, forKey: .archiveNo)
        try container.encode(studentIDNumber, forKey: .studentIDNumber)
        try container.encode(eligible, forKey: .eligible)
        try container.encode(amountFen, forKey: .amountFen)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(transferState, forKey: .transferState)
        try container.encode(transferDate, forKey: .transferDate)
        try container.encode(transferReason, forKey: .transferReason)
        try container.encode(transferRound, forKey: .transferRound)
    }
}

/// `duplicates` (spec §6.2), with the review queue's extra keys (issue 16): how many
/// findings are open, confirmed and dismissed, and the rate counting confirmed ones only.
public struct DuplicateReportJSON: Encodable, Sendable {
    public var year: Int
    /// spec §5's rate, 0…1: every finding counts, open or decided.
    public var duplicateAidRate: JSONRatio
    /// The same rate over the records of confirmed findings only.
    public var confirmedDuplicateAidRate: JSONRatio
    public var openFindings: Int
    public var confirmedFindings: Int
    public var dismissedFindings: Int
    public var findings: [FindingJSON]

    /// The report `report`.
    public init(_ report: DuplicateReport) {
        year = report.year
        duplicateAidRate = JSONRatio(report.duplicateAidRate)
        confirmedDuplicateAidRate = JSONRatio(report.confirmedDuplicateAidRate)
        openFindings = report.count(.open)
        confirmedFindings = report.count(.confirmed)
        dismissedFindings = report.count(.dismissed)
        findings = report.findings.map(FindingJSON.init)
    }

    enum CodingKeys: String, CodingKey {
        case year, duplicateAidRate = "duplicate_aid_rate", confirmedDuplicateAidRate = "confirmed_duplicate_aid_rate"
        case openFindings = "open_findings", confirmedFindings = "confirmed_findings", dismissedFindings = "dismissed_findings", findings
    }
}

/// One finding of spec §6.2, with its id and its latest decision (null while open).
public struct FindingJSON: Encodable, Sendable {
    /// spec §5's code: `same_batch`, `over_annual_limit`, ….
    public var code: String
    public var idNumbers: [String]
    public var detail: String
    /// The opaque id that names the finding at every scan (`bangfu duplicates decide --finding`).
    public var findingID: String
    public var decision: DecisionJSON?

    /// The finding `finding`.
    public init(_ finding: DuplicateFinding) {
        code = finding.code.rawValue
        idNumbers = finding.idNumbers
        detail = finding.detail
        findingID = finding.id
        decision = finding.decision.map(DecisionJSON.init)
    }

    enum CodingKeys: String, CodingKey {
        case code, idNumbers = "id_numbers", detail, findingID = "finding_id", decision
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(idNumbers, forKey: .idNumbers)
        try container.encode(detail, forKey: .detail)
        try container.encode(findingID, forKey: .findingID)
        try container.encode(decision, forKey: .decision)
    }
}

/// A finding's decision: `{"outcome": "confirmed"|"dismissed", "action":
/// "recover"|"stop"|"allowed"|null, "note", "by", "at"}`; a dismissal's reason is its note.
public struct DecisionJSON: Encodable, Sendable {
    public var outcome: String
    public var action: String?
    public var note: String
    public var by: String
    public var at: String

    /// The decision `decision`.
    public init(_ decision: FindingDecision) {
        outcome = decision.outcome.rawValue
        action = decision.action?.rawValue
        note = decision.note
        by = decision.by
        at = decision.at
    }

    enum CodingKeys: String, CodingKey { case outcome, action, note, by, at }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(action, forKey: .action)
        try container.encode(note, forKey: .note)
        try container.encode(by, forKey: .by)
        try container.encode(at, forKey: .at)
    }
}

/// `indicators` (spec §6.3): the filled 自评表.
public struct EvaluationJSON: Encodable, Sendable {
    public var project: String
    public var year: Int
    public var budgetFen: Int
    public var executedFen: Int
    public var executionRate: JSONRatio
    public var executionScore: ExactDecimal
    public var indicators: [IndicatorRowJSON]
    public var totalScore: ExactDecimal
    /// `优|良|中|差`.
    public var grade: String
    /// Beyond §6.3, only when the project file gives 全年执行数 by hand: where it comes from.
    public var executedSource: String?
    /// Beyond §6.3, only when the project file gives 全年执行数 by hand: what the project's
    /// paid batches paid beside it.
    public var batchesPaidFen: Int?
    /// Extra key (issue 19): paid entries the bank has not reported as transferred yet; the
    /// figures count them as paid on the pay date until it does.
    public var entriesNotReported: Int

    /// The form `evaluation`.
    public init(_ evaluation: Evaluation) {
        project = evaluation.project.name
        year = evaluation.project.year
        budgetFen = evaluation.project.budget.fen
        executedFen = evaluation.executed.fen
        executionRate = JSONRatio(evaluation.executionRate)
        executionScore = evaluation.executionScore
        indicators = evaluation.rows.map(IndicatorRowJSON.init)
        totalScore = evaluation.totalScore
        grade = evaluation.grade.rawValue
        executedSource = evaluation.executedSource
        batchesPaidFen = evaluation.executedSource == nil ? nil : evaluation.paidThroughBatches.fen
        entriesNotReported = evaluation.entriesNotReported
    }

    enum CodingKeys: String, CodingKey {
        case project, year, budgetFen = "budget_fen", executedFen = "executed_fen", executionRate = "execution_rate"
        case executionScore = "execution_score", indicators, totalScore = "total_score", grade
        case executedSource = "executed_source", batchesPaidFen = "batches_paid_fen"
        case entriesNotReported = "entries_not_reported"
    }
}

/// One indicator row of spec §6.3.
public struct IndicatorRowJSON: Encodable, Sendable {
    public var level1: String
    public var level2: String
    public var name: String
    /// `>=`, `<=`, `=` or `qualitative`.
    public var op: String
    /// null when the row has none.
    public var target: IndicatorValueJSON?
    /// null when the metric has no value.
    public var actual: IndicatorValueJSON?
    public var weight: ExactDecimal
    public var score: ExactDecimal
    public var deviationNote: String?
    /// Beyond §6.3, only when there are any: what is inconsistent on the row.
    public var flags: [String]

    /// The filled row `row`.
    public init(_ row: Evaluation.Row) {
        level1 = row.indicator.level1
        level2 = row.indicator.level2
        name = row.indicator.name
        op = row.indicator.op.rawValue
        target = row.indicator.target.map { target in
            switch target {
            case .number(let value): .decimal(value)
            case .text(let text): .text(text)
            }
        }
        actual = switch row.actual {
        case .number(let value): .ratio(JSONRatio(value))
        case .text(let text): .text(text)
        case .bound: .text(row.actualText)
        case .missing: nil
        }
        weight = row.indicator.weight
        score = row.score
        deviationNote = row.deviationNote
        flags = row.flags
    }

    enum CodingKeys: String, CodingKey {
        case level1, level2, name, op, target, actual, weight, score, deviationNote = "deviation_note", flags
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level1, forKey: .level1)
        try container.encode(level2, forKey: .level2)
        try container.encode(name, forKey: .name)
        try container.encode(op, forKey: .op)
        try container.encode(target, forKey: .target)
        try container.encode(actual, forKey: .actual)
        try container.encode(weight, forKey: .weight)
        try container.encode(score, forKey: .score)
        try container.encode(deviationNote, forKey: .deviationNote)
        if !flags.isEmpty { try container.encode(flags, forKey: .flags) }
    }
}

/// A target or actual value of an indicator row: a number or a text.
public enum IndicatorValueJSON: Encodable, Sendable {
    /// A target, as the project file gives it.
    case decimal(ExactDecimal)
    /// An actual value, exact where it can be.
    case ratio(JSONRatio)
    /// A qualitative row's text.
    case text(String)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .decimal(let value): try container.encode(value)
        case .ratio(let value): try container.encode(value)
        case .text(let text): try container.encode(text)
        }
    }
}

/// One line of `audit`: `{"id", "at", "actor", "action", "batch_id", "subject", "detail"}`.
public struct AuditLineJSON: Encodable, Sendable {
    public var id: Int
    public var at: String
    public var actor: String
    public var action: String
    /// null for a line about no batch (an import).
    public var batchID: Int?
    public var subject: String
    public var detail: String

    /// The line `line`.
    public init(_ line: AuditLine) {
        id = Int(line.id)
        at = line.at
        actor = line.actor
        action = line.action.stored
        batchID = line.batchID.map { Int($0) }
        subject = line.subject
        detail = line.detail
    }

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, batchID = "batch_id", subject, detail
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(action, forKey: .action)
        try container.encode(batchID, forKey: .batchID)
        try container.encode(subject, forKey: .subject)
        try container.encode(detail, forKey: .detail)
    }
}

/// A line of 项目绩效自评情况汇总表 as `indicators --summary` gives it:
/// `{"number", "project", "unit", "total_score", "grade"}`.
public struct EvaluationSummaryJSON: Encodable, Sendable {
    /// 序号, from 1.
    public var number: Int
    public var project: String
    /// 资金使用单位; empty when the project file names none.
    public var unit: String
    public var totalScore: ExactDecimal
    public var grade: String

    /// The `number`th form of the summary, `evaluation`.
    public init(number: Int, _ evaluation: Evaluation) {
        self.number = number
        project = evaluation.project.name
        unit = evaluation.project.implementer ?? ""
        totalScore = evaluation.totalScore
        grade = evaluation.grade.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case number, project, unit, totalScore = "total_score", grade
    }
}
