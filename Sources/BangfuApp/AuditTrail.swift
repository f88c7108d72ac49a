import BangfuCore
import BangfuStore

/// The audit trail as an account reads it (spec §9 `GET /audit`): the auditor's and the
/// administrator's only. An account of one union reads only its union's part of it — the
/// lines by its union's accounts, about those accounts, and about its union's archives —
/// as it sees only its union's archives (spec §8); a city account reads every line.
/// 身份证号 and bank accounts in a line are masked as the viewer's roles say.
public enum AuditTrail {
    /// One page of the trail, newest first, and how many lines the filter keeps in all.
    public struct Page: Sendable {
        /// Counted up to `countLimit`: past it, `totalIsCapped` says there are more.
        public var total: Int
        public var totalIsCapped: Bool
        public var lines: [AuditLine]
    }

    /// The most lines a page's count counts (a filter narrows what is more).
    public static let countLimit = 10_000

    /// The lines `filter` keeps for `viewer`, oldest first; `limit` lines from the `offset`-th
    /// when given.
    public static func lines(_ filter: AuditFilter, limit: Int? = nil, offset: Int = 0, viewer: Account, in store: BangfuDatabase) throws -> [AuditLine] {
        try Authority.require(.viewAudit, by: viewer)
        return try store.auditLines(scoped(filter, for: viewer), limit: limit, offset: offset).map { masked($0, for: viewer) }
    }

    /// Page `page` (from 1) of `perPage` lines, newest first, for `viewer`.
    public static func page(_ filter: AuditFilter, page: Int, perPage: Int, viewer: Account, in store: BangfuDatabase) throws -> Page {
        try Authority.require(.viewAudit, by: viewer)
        let filter = scoped(filter, for: viewer)
        let lines = try store.auditLines(filter, newestFirst: true, limit: perPage, offset: (max(page, 1) - 1) * perPage)
        let counted = try store.auditCount(filter, limit: countLimit + 1)
        return Page(total: min(counted, countLimit), totalIsCapped: counted > countLimit, lines: lines.map { masked($0, for: viewer) })
    }

    /// The accounts whose lines `viewer` may look for: every account for a city account,
    /// its union's for a union's.
    public static func accounts(viewer: Account, in store: BangfuDatabase) throws -> [Account] {
        try Authority.require(.viewAudit, by: viewer)
        return try store.accounts().filter { viewer.union == nil || $0.union == viewer.union }
    }

    private static func scoped(_ filter: AuditFilter, for viewer: Account) -> AuditFilter {
        var filter = filter
        if let union = viewer.union { filter.union = union }
        return filter
    }

    private static func masked(_ line: AuditLine, for viewer: Account) -> AuditLine {
        var line = line
        line.subject = Masking.identifiers(in: line.subject, for: viewer.roles)
        line.detail = Masking.identifiers(in: line.detail, for: viewer.roles)
        return line
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
