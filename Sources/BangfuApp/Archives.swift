import BangfuCore
import BangfuStore

/// Archives as an account sees them (spec §8, §9): only its union's, 身份证号 masked where its
/// roles may not see them whole; one archive's full record viewed is an audit line.
public enum Archives {
    /// One page of the archives `text` finds (a 档案编号, a 身份证号 or part of a name) among
    /// those `category` and `union` (a 所属工会) leave, in `viewer`'s scope only, with how
    /// many it finds — counted up to `ArchiveQuery.defaultCountLimit`, `totalIsCapped` past it.
    public static func search(
        _ text: String?, status: ArchiveStatus?, category: HardshipCategory? = nil, union: String? = nil, page: Int, perPage: Int,
        viewer: Account, in store: BangfuDatabase
    ) throws -> (total: Int, totalIsCapped: Bool, items: [HouseholdJSON]) {
        try Authority.require(.viewArchives, by: viewer)
        let query = ArchiveQuery(
            text: text, status: status, category: category, union: viewer.union, unionFilter: union, offset: max(page - 1, 0) * perPage,
            limit: perPage)
        let found = try store.searchArchives(query)
        return (found.total, found.totalIsCapped, found.page.map { HouseholdJSON($0.0, members: $0.1).masked(for: viewer.roles) })
    }

    /// The archive `number` as `viewer` may see it; not found when it is out of their union,
    /// exactly as when it does not exist. The view is an audit line.
    /// The answer is spec §9's household: the §1 fields and the rest of households.csv, the
    /// aid paid to its head and members with the batch each came from, and its history.
    public static func household(_ number: ArchiveNumber, viewer: Account, in store: BangfuDatabase, context: RequestContext) throws -> HouseholdRecordJSON {
        guard let archive = try store.archive(number) else { throw ArchiveError.notFound(number.value) }
        try Authority.require(.viewArchives, by: viewer, on: .union(archive.union), outOfScope: ArchiveError.notFound(number.value))
        try store.appendAuditSoon(actor: viewer.login, action: .archiveView, detail: number.value, at: context.timestamp)
        guard let record = try HouseholdRecordJSON.read(number, from: store, for: viewer.roles, today: context.today) else { throw ArchiveError.notFound(number.value) }
        return record
    }

    /// The transfers to the archive's people that failed or were cancelled (issue 19): they
    /// are no aid record, so the aid the page lists leaves them out, and the clerk asked where
    /// the money went must see it here. No account number: the page's people see names only.
    public static func unsettledTransfers(of number: ArchiveNumber, viewer: Account, in store: BangfuDatabase) throws -> [UnsettledTransfer] {
        guard let archive = try store.archive(number) else { throw ArchiveError.notFound(number.value) }
        try Authority.require(.viewArchives, by: viewer, on: .union(archive.union), outOfScope: ArchiveError.notFound(number.value))
        return try store.unsettledTransfers(to: [archive.household.headIDNumber] + archive.members.map(\.idNumber))
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
