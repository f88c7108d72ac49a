import BangfuCore
import BangfuStore

/// The JSON shapes of spec §1 and §6, built in one place for every front end (the command
/// line's `--format json`, the web's `/api/v1`), keys in the spec's order, money in fen.
public enum SpecJSON {
    /// `households list`'s element (spec §1), keys in the spec's order.
    public static func household(_ household: Household, members: [Member]) -> [(String, JSONText)] {
        [
            ("archive_no", .string(household.archiveNumber.value)), ("head_name", .string(household.headName)),
            ("head_id_number", .string(household.headIDNumber.value)), ("category", .string(household.category.rawValue)),
            ("size", .number(household.size)), ("annual_income_fen", .number(household.annualIncome.fen)),
            ("status", .string(household.status.rawValue)),
            ("members", .array(members.map { member in
                .object([
                    ("name", .string(member.name)), ("id_number", .string(member.idNumber.value)),
                    ("relation", .string(member.relation)), ("school_stage", .string(member.schoolStage.rawValue)),
                ])
            })),
        ]
    }

    /// `model-workers list`'s element (spec §1).
    public static func modelWorker(_ worker: ModelWorker) -> [(String, JSONText)] {
        [
            ("name", .string(worker.name)), ("id_number", .string(worker.idNumber.value)), ("level", .string(worker.level.rawValue)),
            ("annual_income_fen", .number(worker.annualIncome.fen)), ("hardship", .string(worker.hardship.rawValue)),
            ("special_cause", worker.specialCause.map { .string($0.rawValue) } ?? .null),
        ]
    }

    /// A batch as spec §1 lists it: `{"id", "name", "kind", "status", "date", "total_fen"}`.
    public static func batchListing(_ batch: BatchRecord) -> [(String, JSONText)] {
        [
            ("id", .number(Int(batch.id))), ("name", .string(batch.name)), ("kind", .string(batch.kind.rawValue)),
            ("status", .string(batch.status.rawValue)), ("date", .string(batch.date.description)), ("total_fen", .number(batch.total.fen)),
        ]
    }

    /// spec §6.1 without its entries.
    public static func batchHead(_ batch: BatchRecord) -> JSONText {
        .object([
            ("id", .number(Int(batch.id))), ("name", .string(batch.name)), ("kind", .string(batch.kind.rawValue)),
            ("status", .string(batch.status.rawValue)), ("date", .string(batch.date.description)), ("policy_id", .string(batch.policyID)),
            ("dibao_monthly_fen", batch.dibaoMonthly.map { .number($0.fen) } ?? .null),
            ("budget_fen", batch.budget.map { .number($0.fen) } ?? .null), ("total_fen", .number(batch.total.fen)),
            ("over_budget", .bool(batch.isOverBudget)),
        ])
    }

    /// One entry of spec §6.1.
    public static func batchEntry(_ entry: BatchEntry) -> JSONText {
        .object([
            ("id_number", .string(entry.idNumber.value)), ("name", .string(entry.name)),
            ("archive_no", entry.archiveNumber.map { .string($0.value) } ?? .null),
            ("student_id_number", entry.studentIDNumber.map { .string($0.value) } ?? .null),
            ("eligible", .bool(entry.isEligible)), ("amount_fen", .number(entry.amount.fen)),
            ("reasons", .array(entry.reasons.map(JSONText.string))),
        ])
    }

    /// spec §6.2.
    public static func duplicates(_ report: DuplicateReport) -> JSONText {
        .object([
            ("year", .number(report.year)), ("duplicate_aid_rate", .ratio(report.duplicateAidRate)),
            ("findings", .array(report.findings.map { finding in
                .object([("code", .string(finding.code.rawValue)), ("id_numbers", .array(finding.idNumbers.map(JSONText.string))), ("detail", .string(finding.detail))])
            })),
        ])
    }

    /// spec §6.3.
    public static func evaluation(_ evaluation: Evaluation) -> JSONText {
        .object([
            ("project", .string(evaluation.project.name)), ("year", .number(evaluation.project.year)),
            ("budget_fen", .number(evaluation.project.budget.fen)), ("executed_fen", .number(evaluation.executed.fen)),
            ("execution_rate", .ratio(evaluation.executionRate)), ("execution_score", .decimal(evaluation.executionScore)),
            ("indicators", .array(evaluation.rows.map { row in
                .object([
                    ("level1", .string(row.indicator.level1)), ("level2", .string(row.indicator.level2)), ("name", .string(row.indicator.name)),
                    ("op", .string(row.indicator.op.rawValue)), ("target", target(row.indicator.target)), ("actual", actual(row.actual)),
                    ("weight", .decimal(row.indicator.weight)), ("score", .decimal(row.score)),
                    ("deviation_note", row.deviationNote.map(JSONText.string) ?? .null),
                ])
            })),
            ("total_score", .decimal(evaluation.totalScore)), ("grade", .string(evaluation.grade.rawValue)),
        ])
    }

    /// One line of the audit trail: `{"id", "at", "actor", "action", "batch_id", "subject", "detail"}`.
    public static func auditLine(_ line: AuditLine) -> [(String, JSONText)] {
        [
            ("id", .number(Int(line.id))), ("at", .string(line.at)), ("actor", .string(line.actor)), ("action", .string(line.action.stored)),
            ("batch_id", line.batchID.map { .number(Int($0)) } ?? .null), ("subject", .string(line.subject)), ("detail", .string(line.detail)),
        ]
    }

    private static func target(_ target: IndicatorTarget?) -> JSONText {
        switch target {
        case .number(let value): .decimal(value)
        case .text(let text): .string(text)
        case nil: .null
        }
    }

    private static func actual(_ actual: IndicatorActual) -> JSONText {
        switch actual {
        case .number(let value): .ratio(value)
        case .text(let text): .string(text)
        case .missing: .null
        }
    }
}
