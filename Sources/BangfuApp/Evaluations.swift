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
            duplicates = try DuplicateChecks.report(year: project.year, limits: limitsPolicy.flatMap { AnnualLimits(policy: $0, year: project.year) }, in: store)
        }
        let measures = try store.readProjectInputs(project: project.name, year: project.year) { inputs in
            try ProjectMeasuring.measure(queries, duplicates: duplicates, policies: policies, from: inputs)
        }
        var evaluation = SelfEvaluation.evaluate(project: project, executed: measures.executed, measured: measures.measured)
        evaluation.entriesNotReported = measures.entriesNotReported
        return evaluation
    }
}
