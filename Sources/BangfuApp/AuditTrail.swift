import BangfuCore
import BangfuStore

/// The audit trail as an account reads it (spec §9 `GET /audit`): the auditor's and the
/// administrator's only.
public enum AuditTrail {
    /// The lines `filter` keeps, for `viewer`.
    public static func lines(_ filter: AuditFilter, viewer: Account, in store: BangfuDatabase) throws -> [AuditLine] {
        guard Permissions.decide(roles: viewer.roles, union: viewer.union, action: .viewAudit, on: .citywide) == .allowed else {
            throw AuthorityError.roleLacks(login: viewer.login, roles: viewer.roles, action: .viewAudit)
        }
        return try store.auditLines(filter)
    }
}

extension Evaluations {
    /// The form of the project file at `path` for `viewer`: every role that reads the checks
    /// (the forms hold sums and rates, no person's data, and the projects are the city's).
    public static func evaluate(_ path: String, viewer: Account, in store: some BatchStore & CheckStore) throws -> Evaluation {
        guard Permissions.decide(roles: viewer.roles, union: viewer.union, action: .viewChecks, on: .citywide) == .allowed else {
            throw AuthorityError.roleLacks(login: viewer.login, roles: viewer.roles, action: .viewChecks)
        }
        return try evaluate(try load(path).project, in: store)
    }
}
