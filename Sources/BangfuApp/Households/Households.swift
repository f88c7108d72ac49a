import BangfuCore
import BangfuStore

/// 建档, edits and the lifecycle of a household archive (spec §8, §9), the one path every
/// front end takes: the clerk's role, the account's union, the import's validation, the
/// income check of the category, and in one transaction the archive, its history lines and
/// the audit line. Without accounts in the database (the command line's single user) anyone
/// named in the request may, as for every other step.
public enum Households {
    /// Registers the archive `form` describes (建档) and answers it as stored. Every problem
    /// of the form is refused at once (`HouseholdError.invalid`), nothing stored; a category
    /// the income check disagrees with is refused as `needsConfirmation` unless `confirmed`.
    /// The income check takes the 低保 in force on the 建档日期 among `policies`. A union's
    /// account registers into its own union only (an empty 所属工会 is its union).
    public static func register(
        _ form: HouseholdForm, confirmed: Bool, policies: [Policy], in store: BangfuDatabase, context: RequestContext
    ) throws -> HouseholdRecordJSON {
        let account = try Authority.check(.editArchives, context: context, in: store)
        var form = form
        if let union = account?.union, (form.values[.union] ?? "").trimmed.isEmpty { form.values[.union] = union }
        let (household, members, warnings) = try HouseholdFormReading.read(form, over: nil, today: context.today)
        try requireOwnUnion(household, account)
        var changes = [ArchiveChange(.registered, new: household.headName)]
        changes += try confirmation(of: household, on: household.registeredOn, policies: policies, confirmed: confirmed)
        let number = household.archiveNumber
        try store.changeArchive(number, actor: context.actor.name, at: context.timestamp, on: context.today) { current in
            guard current == nil else { throw HouseholdError.archiveExists(number.value) }
            return (ArchiveUpdate(household: household, members: members ?? [], changes: changes, audit: .archiveRegister, auditDetail: "\(number.value)：建档"), ())
        }
        return try answer(number, store, account, warnings: warnings)
    }

    /// Changes archive `number` as `form` says: the fields it gives (the others keep their
    /// stored values) and, when it gives members, the whole member list. Validated as 建档
    /// is; every field and member that changed is a history line (old → new, by whom). A
    /// changed category, income or household size is checked against the 低保 in force
    /// today. Out of a union account's union the archive answers as absent.
    public static func edit(
        _ number: ArchiveNumber, _ form: HouseholdForm, confirmed: Bool, policies: [Policy], in store: BangfuDatabase, context: RequestContext
    ) throws -> HouseholdRecordJSON {
        let account = try Authority.check(.editArchives, context: context, in: store)
        let warnings = try store.changeArchive(number, actor: context.actor.name, at: context.timestamp, on: context.today) { current in
            let current = try inScope(current, number, account)
            let form = keepingMaskedValues(form, of: current.household, for: account)
            let (household, members, warnings) = try HouseholdFormReading.read(form, over: current, today: context.today)
            try requireOwnUnion(household, account)
            var changes = ArchiveDiff.changes(from: current.household, current.members, to: household, members)
            let old = current.household
            if old.category != household.category || old.annualIncome != household.annualIncome || old.size != household.size {
                changes += try confirmation(of: household, on: context.today, policies: policies, confirmed: confirmed)
            }
            guard !changes.isEmpty else { return (nil, warnings) }
            let fields = changes.map { $0.member.isEmpty ? $0.field : ($0.field.isEmpty ? "members" : "members.\($0.field)") }.filter { !$0.isEmpty }
            let detail = "\(number.value)：修改 \(changes.count) 处" + (fields.isEmpty ? "" : "（\(Set(fields).sorted().joined(separator: "、"))）")
            // Members are written only when one of them changed: rewriting them all would also
            // drop the import that wrote them from the archive's history.
            let membersChanged = changes.contains { !$0.member.isEmpty }
            return (
                ArchiveUpdate(household: household, members: membersChanged ? members : nil, changes: changes, audit: .archiveEdit, auditDetail: detail),
                warnings
            )
        }
        return try answer(number, store, account, warnings: warnings)
    }

    /// Moves archive `number` to `status` (在档 → 脱困 or 销档, 脱困 → 销档, and back to 在档),
    /// with the `reason` the history and the audit trail keep; a reason is required.
    public static func changeStatus(
        _ number: ArchiveNumber, to status: ArchiveStatus, reason: String, in store: BangfuDatabase, context: RequestContext
    ) throws -> HouseholdRecordJSON {
        let account = try Authority.check(.editArchives, context: context, in: store)
        let cleaned: String
        do { cleaned = try TextRule.remark.clean(reason) } catch {
            throw HouseholdError.invalid([FieldProblem(field: "reason", value: reason, reason: error.chinese, english: error.english)])
        }
        guard !cleaned.isEmpty else { throw HouseholdError.reasonRequired }
        try store.changeArchive(number, actor: context.actor.name, at: context.timestamp, on: context.today) { current in
            var household = try inScope(current, number, account).household
            let from = household.status
            guard ArchiveLifecycle.allows(from: from, to: status) else { throw HouseholdError.statusRefused(from: from, to: status) }
            household.status = status
            let change = ArchiveChange(.status, field: ArchiveField.status.rawValue, old: from.chineseName, new: status.chineseName, reason: cleaned)
            let detail = "\(number.value)：\(from.chineseName) → \(status.chineseName)，原因：\(cleaned)"
            return (ArchiveUpdate(household: household, members: nil, changes: [change], audit: .archiveStatus, auditDetail: detail), ())
        }
        return try answer(number, store, account)
    }

    /// Refuses `account` the 建档 and edit forms when its roles may not register or edit
    /// archives: asked before anyone types; `register` and `edit` ask again.
    public static func requireEditor(_ account: Account) throws {
        try Authority.require(.editArchives, by: account)
    }

    /// The 在档 archives in `viewer`'s scope last changed before `day` (imports count as
    /// changes): how many, and page `page` of them, longest unchanged first. The 工作台 asks
    /// with the day a year before today ("archives not updated for a year").
    public static func unchanged(
        since day: CalendarDate, page: Int, perPage: Int, viewer: Account, in store: BangfuDatabase
    ) throws -> (total: Int, items: [UnchangedArchiveJSON]) {
        try Authority.require(.viewArchives, by: viewer)
        let found = try store.archivesUnchanged(since: day, union: viewer.union, offset: max(page - 1, 0) * perPage, limit: perPage)
        return (found.total, found.page.map { UnchangedArchiveJSON($0.household, changedOn: $0.changedOn) })
    }

    // MARK: - the rules of each step

    /// The stored archive, or not found — also when it is out of `account`'s union, so that
    /// nobody learns it exists (spec §8).
    private static func inScope(
        _ current: (household: Household, members: [Member])?, _ number: ArchiveNumber, _ account: Account?
    ) throws -> (household: Household, members: [Member]) {
        guard let current else { throw ArchiveError.notFound(number.value) }
        if let account {
            try Authority.require(.editArchives, by: account, on: .union(current.household.unionName), outOfScope: ArchiveError.notFound(number.value))
        }
        return current
    }

    /// `form` with a value sent back as the account was shown it — a bank account masked to
    /// its last 4 digits for any role but finance — taken for the stored value, not typed
    /// over it: an edit form filled from the page, or a PATCH of what a GET answered, must
    /// not store `****1234` for the account.
    private static func keepingMaskedValues(_ form: HouseholdForm, of stored: Household, for account: Account?) -> HouseholdForm {
        guard let account, let sent = form.values[.bankAccount], sent != stored.bankAccount,
            sent == Masking.bankAccount(stored.bankAccount, for: account.roles)
        else { return form }
        var form = form
        form.values[.bankAccount] = nil
        return form
    }

    /// A union's account files archives into its own union only.
    private static func requireOwnUnion(_ household: Household, _ account: Account?) throws {
        guard let account, let union = account.union, household.unionName != union else { return }
        throw AuthorityError.otherUnion(login: account.login, union: union, asked: household.unionName)
    }

    /// The history line of a category the income check disagrees with, once confirmed;
    /// none when it agrees or no 低保 is in force on `day`.
    private static func confirmation(of household: Household, on day: CalendarDate, policies: [Policy], confirmed: Bool) throws -> [ArchiveChange] {
        guard let check = try CategoryCheck.check(household, on: day, policies: policies), check.disagrees else { return [] }
        guard confirmed else { throw HouseholdError.needsConfirmation(check) }
        return [ArchiveChange(.categoryConfirmed, field: ArchiveField.category.rawValue, new: household.category.chineseName, reason: check.chinese)]
    }

    /// The archive as stored, as the account that changed it sees it, with the form's warnings.
    private static func answer(_ number: ArchiveNumber, _ store: BangfuDatabase, _ account: Account?, warnings: [String] = []) throws -> HouseholdRecordJSON {
        guard var record = try HouseholdRecordJSON.read(number, from: store, for: account?.roles) else { throw ArchiveError.notFound(number.value) }
        record.warnings = warnings
        return record
    }
}

/// The steps between 在档, 脱困 and 销档 (domain.md: a household whose hardship is over
/// moves to 脱困; archives are cleaned up yearly; a household may fall back into hardship).
public enum ArchiveLifecycle {
    /// Whether an archive may go from `from` to `to`: out of 在档 either way, a 脱困 archive
    /// closed in a clean-up, and back to 在档 from either; never to where it is, nor a closed
    /// archive to 脱困.
    public static func allows(from: ArchiveStatus, to: ArchiveStatus) -> Bool {
        switch (from, to) {
        case (.active, .exited), (.active, .closed), (.exited, .closed), (.exited, .active), (.closed, .active): true
        default: false
        }
    }
}
