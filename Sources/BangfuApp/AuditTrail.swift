import BangfuCore
import BangfuStore

/// The audit trail as an account reads it (spec §9 `GET /audit`): the auditor's and the
/// administrator's only.
public enum AuditTrail {
    /// The lines `filter` keeps, for `viewer`.
    public static func lines(_ filter: AuditFilter, viewer: Account, in store: BangfuDatabase) throws -> [AuditLine] {
        try Authority.require(.viewAudit, by: viewer)
        return try store.auditLines(filter)
    }
}

extension Evaluations {
    /// The form of the project file at `path` for `viewer`: every role that reads the checks,
    /// of the whole city (the forms hold sums and rates, no person's data, and the projects
    /// are the city's: `ProjectForms`).
    public static func evaluate(_ path: String, viewer: Account, in store: some BatchStore & CheckStore) throws -> Evaluation {
        try ProjectForms.requireCityViewer(viewer)
        return try evaluate(try load(path).project, in: store)
    }
}
