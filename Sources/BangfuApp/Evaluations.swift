import BangfuCore
import BangfuPolicyFiles
import BangfuStore

/// A project's self-evaluation form (绩效自评表, spec §7) filled from the records: its paid
/// batches, their stored policies, the year's duplicate findings.
public enum Evaluations {
    /// The project file at `path` and what in it is allowed but unusual, for the person to
    /// read (a `%` row of a share written as a fraction).
    public static func load(_ path: String) throws -> (project: Project, warnings: [PolicyFileError]) {
        let project = try ProjectFile.load(path: path)
        return (project, ProjectFile.warnings(for: project, file: path))
    }

    /// The form of `project` as the store's records fill it.
    public static func evaluate(_ project: Project, in store: some BatchStore & CheckStore) throws -> Evaluation {
        var reports = DuplicateReports()
        return try evaluate(project, in: store, reports: &reports)
    }

    /// The forms of `projects`, each year's duplicate report read once for all the forms that
    /// need it: it reads the whole year, 70 % of a summary's time (35 s for four forms at
    /// 1,000,000 households when each read its own).
    public static func evaluate(_ projects: [Project], in store: some BatchStore & CheckStore) throws -> [Evaluation] {
        var reports = DuplicateReports()
        return try projects.map { try evaluate($0, in: store, reports: &reports) }
    }

    private static func evaluate(_ project: Project, in store: some BatchStore & CheckStore, reports: inout DuplicateReports) throws -> Evaluation {
        let queries = project.metricQueries
        // The duplicate report is read only when a row needs it: it reads the whole year.
        var duplicates: DuplicateReport?
        // Each batch keeps the text of the policy it was made with; read only for the rows
        // that need it.
        let batches = try store.batches().filter { $0.project == project.name && $0.date.year == project.year }
        func policy(of batch: BatchRecord) throws -> Policy {
            do { return try PolicyFile.parse(batch.policyText, file: batch.policyPath) } catch {
                throw AppError.storedPolicyUnreadable(batch: batch.id, error)
            }
        }
        var policies: [Int64: Policy] = [:]
        if queries.contains(where: { $0.metric == .eligibilityAccuracy }) {
            for batch in batches { policies[batch.id] = try policy(of: batch) }
        }
        if queries.contains(where: { [.duplicateAidRate, .standardAccuracy].contains($0.metric) }) {
            let limitsPolicy = try batches.first.map { try policies[$0.id] ?? policy(of: $0) }
            let limits = limitsPolicy.flatMap { AnnualLimits(policy: $0, year: project.year) }
            duplicates = try reports.report(year: project.year, limits: limits) { try DuplicateChecks.report(year: project.year, limits: limits, in: store) }
        }
        let measures = try store.readProjectInputs(project: project.name, year: project.year) { inputs in
            try ProjectMeasuring.measure(queries, duplicates: duplicates, policies: policies, from: inputs)
        }
        var evaluation = SelfEvaluation.evaluate(project: project, executed: measures.executed, measured: measures.measured)
        evaluation.entriesNotReported = measures.entriesNotReported
        return evaluation
    }
}

/// The duplicate reports already made while filling several forms, by year and limits.
private struct DuplicateReports {
    private var made: [(year: Int, limits: AnnualLimits?, report: DuplicateReport)] = []

    mutating func report(year: Int, limits: AnnualLimits?, make: () throws -> DuplicateReport) rethrows -> DuplicateReport {
        if let known = made.first(where: { $0.year == year && $0.limits == limits }) { return known.report }
        let report = try make()
        made.append((year, limits, report))
        return report
    }
}
