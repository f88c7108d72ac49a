import BangfuCore
import Foundation
import GRDB

/// What one change of an archive writes: the archive after it, its members (nil keeps them
/// as stored), the history lines, and the audit line.
public struct ArchiveUpdate: Sendable {
    public var household: Household
    /// The whole member list after the change, in the form's order; nil leaves the members.
    public var members: [Member]?
    public var changes: [ArchiveChange]
    public var audit: AuditAction
    public var auditDetail: String

    public init(household: Household, members: [Member]?, changes: [ArchiveChange], audit: AuditAction, auditDetail: String) {
        self.household = household
        self.members = members
        self.changes = changes
        self.audit = audit
        self.auditDetail = auditDetail
    }
}

extension BangfuDatabase {
    /// Changes the archive `number` in one transaction: `decide` is given the archive as it is
    /// stored now (nil when there is none) and answers what to write — nil: nothing, an edit
    /// that changes nothing is no change — or throws to write nothing. Reading and writing in
    /// the same transaction, two clerks' edits of one archive cannot lose one another's
    /// changes. The archive's last change becomes `day`.
    public func changeArchive<T>(
        _ number: ArchiveNumber, actor: String, at: String, on day: CalendarDate,
        _ decide: ((household: Household, members: [Member])?) throws -> (ArchiveUpdate?, T)
    ) throws -> T {
        try queue.write { db in
            let current = try Self.archive(db, number).map { (household: $0.0, members: $0.1) }
            let (decided, result) = try decide(current)
            guard let update = decided else { return result }
            try Self.write(update.household, isNew: current == nil, on: day, db)
            if let members = update.members { try Self.replaceMembers(of: number, with: members, db) }
            for change in update.changes {
                try db.execute(
                    sql: """
                        INSERT INTO archive_history(archive_no, at, actor, what, field, member, old_value, new_value, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [number.value, at, actor, change.what.rawValue, change.field, change.member, change.old, change.new, change.reason])
            }
            try Self.appendAudit(db, at: at, actor: actor, action: update.audit, batch: nil, subject: number.value, detail: update.auditDetail)
            return result
        }
    }

    /// Inserts or updates the household row; an import's stamp on it stays, so the history
    /// still names the import that last wrote it.
    private static func write(_ household: Household, isNew: Bool, on day: CalendarDate, _ db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [
            household.headName, household.headIDNumber.value, household.workUnit, household.unionName, household.category.rawValue,
            household.registeredOn.description, household.size, household.annualIncome.fen, household.medicalExpense?.fen,
            household.cause, household.phone, household.bankName, household.bankAccount, household.status.rawValue, day.description,
            household.archiveNumber.value,
        ]
        let sql =
            isNew
            ? """
            INSERT INTO households(head_name, head_id_number, work_unit, union_name, category, registered_on, size,
                annual_income_fen, medical_expense_fen, cause, phone, bank_name, bank_account, status, changed_on, archive_no)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
            : """
            UPDATE households SET head_name = ?, head_id_number = ?, work_unit = ?, union_name = ?, category = ?,
                registered_on = ?, size = ?, annual_income_fen = ?, medical_expense_fen = ?, cause = ?, phone = ?,
                bank_name = ?, bank_account = ?, status = ?, changed_on = ?
            WHERE archive_no = ?
            """
        try db.execute(sql: sql, arguments: StatementArguments(values))
    }

    /// The archive's members become `members`, in that order: the others are removed, and
    /// each keeps its place in the form (import_row) ahead of any later import's rows.
    private static func replaceMembers(of number: ArchiveNumber, with members: [Member], _ db: Database) throws {
        let kept = String(decoding: try JSONEncoder().encode(members.map(\.idNumber.value)), as: UTF8.self)
        try db.execute(
            sql: "DELETE FROM members WHERE archive_no = ? AND id_number NOT IN (SELECT value FROM json_each(?))",
            arguments: [number.value, kept])
        for (position, member) in members.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO members(archive_no, name, id_number, relation, school_stage, school, note, import_stamp, import_row)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
                    ON CONFLICT(archive_no, id_number) DO UPDATE SET name = excluded.name, relation = excluded.relation,
                        school_stage = excluded.school_stage, school = excluded.school, note = excluded.note,
                        import_stamp = 0, import_row = excluded.import_row
                    """,
                arguments: [
                    number.value, member.name, member.idNumber.value, member.relation, member.schoolStage.rawValue, member.school,
                    member.note, position + 1,
                ])
        }
    }
}
