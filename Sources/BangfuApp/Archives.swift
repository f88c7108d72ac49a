import BangfuCore
import BangfuStore

/// Archives as an account sees them (spec §8, §9): only its union's, 身份证号 masked where its
/// roles may not see them whole; one archive's full record viewed is an audit line.
public enum Archives {
    /// One page of the archives `text` finds (a 档案编号, a 身份证号 or part of a name), with
    /// how many it finds in all (up to `ArchiveQuery.defaultCountLimit`), in `viewer`'s scope
    /// only; `category` and `union` narrow it further.
    public static func search(
        _ text: String?, status: ArchiveStatus?, category: HardshipCategory? = nil, union: String? = nil, page: Int, perPage: Int,
        viewer: Account, in store: BangfuDatabase
    ) throws -> (total: Int, items: [HouseholdJSON]) {
        try Authority.require(.viewArchives, by: viewer)
        let query = ArchiveQuery(
            text: text, status: status, category: category, union: viewer.union, unionFilter: union, offset: max(page - 1, 0) * perPage,
            limit: perPage)
        let found = try store.searchArchives(query)
        return (found.total, found.page.map { HouseholdJSON($0.0, members: $0.1).masked(for: viewer.roles) })
    }

    /// The archive `number` as `viewer` may see it; not found when it is out of their union,
    /// exactly as when it does not exist. The view is an audit line.
    public static func household(_ number: ArchiveNumber, viewer: Account, in store: BangfuDatabase, context: RequestContext) throws -> HouseholdJSON {
        guard let archive = try store.archive(number) else { throw ArchiveError.notFound(number.value) }
        try Authority.require(.viewArchives, by: viewer, on: .union(archive.union), outOfScope: ArchiveError.notFound(number.value))
        try store.appendAudit(actor: viewer.login, action: .archiveView, batchID: nil, detail: number.value, at: context.timestamp)
        return HouseholdJSON(archive.household, members: archive.members).masked(for: viewer.roles)
    }

    /// The model workers' roll as `viewer` may see it. The roll is the city's (no 所属工会): a
    /// union's account sees it too, 身份证号 masked where its roles may not see them whole.
    public static func modelWorkers(viewer: Account, in store: BangfuDatabase) throws -> [ModelWorkerJSON] {
        try Authority.require(.viewArchives, by: viewer)
        var roll: [ModelWorkerJSON] = []
        try store.forEachModelWorker { worker in
            var json = ModelWorkerJSON(worker)
            if !Masking.seesFullIDNumbers(viewer.roles) { json.idNumber = Masking.idNumber(text: json.idNumber) }
            roll.append(json)
        }
        return roll
    }
}

/// An archive that is not there — or, for the account asking, is out of its union.
public enum ArchiveError: Error, Equatable, Sendable, UserFacingError {
    case notFound(String)

    public var chinese: String {
        switch self {
        case .notFound(let number): "没有档案编号为 \(number.escapedForDisplay) 的档案"
        }
    }

    public var english: String {
        switch self {
        case .notFound(let number): "no archive \(number.escapedForDisplay)"
        }
    }

    public var failure: Failure { .notFound }
}

extension HouseholdJSON {
    /// The archive with every 身份证号 as `roles` may see it.
    public func masked(for roles: Set<Role>) -> HouseholdJSON {
        guard !Masking.seesFullIDNumbers(roles) else { return self }
        var masked = self
        masked.headIDNumber = Masking.idNumber(text: headIDNumber)
        masked.members = members.map { member in
            var member = member
            member.idNumber = Masking.idNumber(text: member.idNumber)
            return member
        }
        return masked
    }
}
