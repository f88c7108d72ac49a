import BangfuCore
import Foundation
import GRDB
import GRDBSQLite

/// Writes records inside one transaction (see `BangfuDatabase.inTransaction`): the
/// upserts of spec §3, keyed as the spec says, so importing a file twice updates.
public final class RecordWriter {
    let db: Database
    private static let householdUpsertSQL = """
        INSERT INTO households(archive_no, head_name, head_id_number, work_unit, union_name, category,
            registered_on, size, annual_income_fen, medical_expense_fen, cause, phone, bank_name,
            bank_account, status, import_stamp, import_row)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(archive_no) DO UPDATE SET head_name = excluded.head_name,
            head_id_number = excluded.head_id_number, work_unit = excluded.work_unit,
            union_name = excluded.union_name, category = excluded.category,
            registered_on = excluded.registered_on, size = excluded.size,
            annual_income_fen = excluded.annual_income_fen,
            medical_expense_fen = excluded.medical_expense_fen, cause = excluded.cause,
            phone = excluded.phone, bank_name = excluded.bank_name,
            bank_account = excluded.bank_account, status = excluded.status,
            import_stamp = excluded.import_stamp, import_row = excluded.import_row
        WHERE households.import_stamp <> excluded.import_stamp
        """
    private static let memberUpsertSQL = """
        INSERT INTO members(archive_no, name, id_number, relation, school_stage, school, note,
            import_stamp, import_row)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(archive_no, id_number) DO UPDATE SET name = excluded.name,
            relation = excluded.relation, school_stage = excluded.school_stage,
            school = excluded.school, note = excluded.note,
            import_stamp = excluded.import_stamp, import_row = excluded.import_row
        WHERE members.import_stamp <> excluded.import_stamp
        """
    private static let modelWorkerUpsertSQL = """
        INSERT INTO model_workers(id_number, name, level, title, work_unit, annual_income_fen,
            hardship, special_cause, phone, bank_name, bank_account, import_stamp, import_row)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id_number) DO UPDATE SET name = excluded.name, level = excluded.level,
            title = excluded.title, work_unit = excluded.work_unit,
            annual_income_fen = excluded.annual_income_fen, hardship = excluded.hardship,
            special_cause = excluded.special_cause, phone = excluded.phone,
            bank_name = excluded.bank_name, bank_account = excluded.bank_account,
            import_stamp = excluded.import_stamp, import_row = excluded.import_row
        WHERE model_workers.import_stamp <> excluded.import_stamp
        """
    private static let aidInsertSQL = """
        INSERT OR IGNORE INTO aid_records(id_number, name, kind, amount_fen, paid_on, payer,
            student_id_number, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    private var householdUpsert: FastStatement
    private var memberUpsert: FastStatement
    private var modelWorkerUpsert: FastStatement
    private let aidInsert: FastStatement

    /// Marks the rows this transaction writes; distinct for every transaction.
    private let stamp: Int

    init(_ db: Database) throws {
        self.db = db
        stamp = Int(Date().timeIntervalSince1970 * 1_000_000)
        householdUpsert = try FastStatement(db, sql: Self.householdUpsertSQL)
        memberUpsert = try FastStatement(db, sql: Self.memberUpsertSQL)
        modelWorkerUpsert = try FastStatement(db, sql: Self.modelWorkerUpsertSQL)
        aidInsert = try FastStatement(db, sql: Self.aidInsertSQL)
    }

    /// Writes plain `INSERT`s into `table` for the rest of the transaction; call it only
    /// when the table was empty when the transaction began. Every key in the table then
    /// comes from this same file, so a key conflict is a key repeated in the file, the
    /// outcome the upsert reports too, and each row is spared the upsert's conflict probe.
    func insertOnly(into table: String) throws {
        func insert(_ upsert: String) -> String {
            String(upsert[..<(upsert.range(of: "ON CONFLICT")?.lowerBound ?? upsert.endIndex)])
        }
        switch table {
        case "households": householdUpsert = try FastStatement(db, sql: insert(Self.householdUpsertSQL))
        case "members": memberUpsert = try FastStatement(db, sql: insert(Self.memberUpsertSQL))
        case "model_workers": modelWorkerUpsert = try FastStatement(db, sql: insert(Self.modelWorkerUpsertSQL))
        default: break
        }
    }

    /// How writing a keyed record went.
    public enum WriteOutcome: Equatable, Sendable {
        case written
        /// This transaction already wrote the same key, from row `firstRow` of its file.
        case duplicate(firstRow: Int)
        /// A member's 档案编号 names no archive on file.
        case unknownArchive
    }

    /// Inserts the archive, or updates the one with the same 档案编号. `row` is the
    /// record's row in its import file.
    @discardableResult
    public func upsert(_ household: Household, row: Int = 0) throws -> WriteOutcome {
        let statement = householdUpsert
        statement.bind(household.archiveNumber.value)
        statement.bind(household.headName)
        statement.bind(household.headIDNumber.value)
        statement.bind(household.workUnit)
        statement.bind(household.unionName)
        statement.bind(household.category.rawValue)
        statement.bind(household.registeredOn.description)
        statement.bind(household.size)
        statement.bind(household.annualIncome.fen)
        statement.bind(household.medicalExpense?.fen)
        statement.bind(household.cause)
        statement.bind(household.phone)
        statement.bind(household.bankName)
        statement.bind(household.bankAccount)
        statement.bind(household.status.rawValue)
        return try finishUpsert(statement, row: row, table: "households", key: "archive_no = ?", [household.archiveNumber.value])
    }

    /// Inserts the member, or updates the one with the same 身份证号 in the same archive.
    @discardableResult
    public func upsert(_ member: Member, row: Int = 0) throws -> WriteOutcome {
        let statement = memberUpsert
        statement.bind(member.archiveNumber.value)
        statement.bind(member.name)
        statement.bind(member.idNumber.value)
        statement.bind(member.relation)
        statement.bind(member.schoolStage.rawValue)
        statement.bind(member.school)
        statement.bind(member.note)
        return try finishUpsert(
            statement, row: row, table: "members", key: "archive_no = ? AND id_number = ?",
            [member.archiveNumber.value, member.idNumber.value])
    }

    /// Inserts the model worker, or updates the one with the same 身份证号.
    @discardableResult
    public func upsert(_ worker: ModelWorker, row: Int = 0) throws -> WriteOutcome {
        let statement = modelWorkerUpsert
        statement.bind(worker.idNumber.value)
        statement.bind(worker.name)
        statement.bind(worker.level.rawValue)
        statement.bind(worker.title)
        statement.bind(worker.workUnit)
        statement.bind(worker.annualIncome.fen)
        statement.bind(worker.hardship.rawValue)
        statement.bind(worker.specialCause?.rawValue)
        statement.bind(worker.phone)
        statement.bind(worker.bankName)
        statement.bind(worker.bankAccount)
        return try finishUpsert(statement, row: row, table: "model_workers", key: "id_number = ?", [worker.idNumber.value])
    }

    /// Binds the stamp and row, runs the upsert and tells what happened: no change means
    /// the conflict's `WHERE import_stamp <> …` held back an update of a row this same
    /// transaction wrote, i.e. a key repeated within the file.
    private func finishUpsert(
        _ statement: FastStatement, row: Int, table: String, key: String, _ keyValues: @autoclosure () -> [String]
    ) throws -> WriteOutcome {
        statement.bind(stamp)
        statement.bind(row)
        switch try statement.run() {
        case nil where statement.changes > 0:
            return .written
        case nil, ResultCode.SQLITE_CONSTRAINT_UNIQUE.rawValue, ResultCode.SQLITE_CONSTRAINT_PRIMARYKEY.rawValue:
            // No change (the upsert held back) or a key conflict (a plain insert, see
            // `insertOnly`; members are keyed by their primary key): the key was already
            // written by this transaction.
            let first = try Int.fetchOne(db, sql: "SELECT import_row FROM \(table) WHERE \(key)", arguments: StatementArguments(keyValues()))
            return .duplicate(firstRow: first ?? 0)
        case ResultCode.SQLITE_CONSTRAINT_FOREIGNKEY.rawValue:
            return .unknownArchive
        case let code?:
            throw DatabaseError(resultCode: ResultCode(rawValue: code))
        }
    }

    /// Stores an aid record; returns false when an identical imported record is already
    /// stored (spec §3.4: skipped, not duplicated). `batchID` marks a batch's payment.
    @discardableResult
    public func insert(_ aid: AidRecord, batchID: Int64? = nil) throws -> Bool {
        let statement = aidInsert
        statement.bind(aid.idNumber.value)
        statement.bind(aid.name)
        statement.bind(aid.kind.rawValue)
        statement.bind(aid.amount.fen)
        statement.bind(aid.paidOn.description)
        statement.bind(aid.payer.description)
        statement.bind(aid.studentIDNumber?.value ?? "")
        statement.bind(batchID.map(Int.init))
        if let code = try statement.run() { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        return statement.changes > 0
    }

    /// The `CREATE` statement of the aid records' spec §3.4 index while a bulk load goes
    /// without it.
    private var deferredImportedOnceIndex: String?

    /// Drops the unique index behind spec §3.4 (an identical imported row is skipped)
    /// for this load when no imported aid is stored yet, to build it once by sorting in
    /// `finishLoad`: its seven-column key arrives in random order, and inserting into
    /// it cost more than the table itself (1.1 million records). With nothing stored, a
    /// row can only repeat a row of the same file, and `finishLoad` removes those later
    /// copies, as `INSERT OR IGNORE` would have skipped them.
    func deferImportedOnceIndex() throws {
        let hasImportedAid = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM aid_records WHERE batch_id IS NULL)") ?? true
        guard !hasImportedAid,
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'aid_records_imported_once'")
        else { return }
        try db.execute(sql: "DROP INDEX aid_records_imported_once")
        deferredImportedOnceIndex = sql
    }

    /// Ends a load: builds the index `deferImportedOnceIndex` dropped, if any. Returns
    /// how many records were removed as repeats of an earlier row of the file; they
    /// count as skipped, not written. Call it before reporting the counts.
    public func finishLoad() throws -> Int {
        sortInTemporaryFiles()
        guard let sql = deferredImportedOnceIndex else { return 0 }
        deferredImportedOnceIndex = nil
        do {
            try db.execute(sql: sql)
            return 0
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            try db.execute(sql: """
                DELETE FROM aid_records WHERE batch_id IS NULL AND id NOT IN (
                    SELECT min(id) FROM aid_records WHERE batch_id IS NULL
                    GROUP BY id_number, kind, paid_on, amount_fen, payer, student_id_number, name)
                """)
            let removed = db.changesCount
            try db.execute(sql: sql)
            return removed
        }
    }

    /// The rows are in; what follows sorts and gathers (an index built once, the name
    /// search filled, the archives' day of change), and temporary tables in memory
    /// (`BangfuDatabase.inTransaction`) have no bound: a load of 3 million members that
    /// way peaked at 844 MB. Back in files they spill past the page cache. The statement
    /// journal stays where the transaction began it, in memory. SQLite refuses the change
    /// only while the connection holds a TEMP table (an old file's migration made one):
    /// then the sorts stay in memory, which is slower to grow but as correct.
    private func sortInTemporaryFiles() {
        try? db.execute(sql: "PRAGMA temp_store = DEFAULT")
    }

    /// Records this transaction as the import of a `kind` file (`households`, `members`, …)
    /// named `file`, by `actor` at `at` on `day`: one row under the stamp its records carry,
    /// which an archive's history reads back, and the day as the last change of every
    /// archive it wrote (a members file: the archives of the members it wrote).
    public func recordImport(kind: String, file: String, actor: String, at: String, on day: CalendarDate) throws {
        try db.execute(
            sql: "INSERT INTO import_runs(stamp, kind, file, at, actor) VALUES (?, ?, ?, ?, ?)",
            arguments: [stamp, kind, file, at, actor])
        switch kind {
        case "households":
            try db.execute(sql: "UPDATE households SET changed_on = ? WHERE import_stamp = ?", arguments: [day.description, stamp])
        case "members":
            try db.execute(
                sql: "UPDATE households SET changed_on = ? WHERE archive_no IN (SELECT archive_no FROM members WHERE import_stamp = ?)",
                arguments: [day.description, stamp])
        default:
            break
        }
    }

    /// Appends one line to the audit trail inside this transaction.
    public func appendAudit(actor: String, action: AuditAction, batchID: Int64? = nil, detail: String, at: String) throws {
        try BangfuDatabase.appendAudit(db, at: at, actor: actor, action: action, batch: batchID, detail: detail)
    }
}

/// Writing records inside one transaction, as an import asks it of any store: keyed upserts
/// that say when a key repeats in the file, aid rows skipped when already stored, and the
/// import's audit line in the same transaction.
public protocol RecordWriting {
    func upsert(_ household: Household, row: Int) throws -> RecordWriter.WriteOutcome
    func upsert(_ member: Member, row: Int) throws -> RecordWriter.WriteOutcome
    func upsert(_ worker: ModelWorker, row: Int) throws -> RecordWriter.WriteOutcome
    /// Stores the aid record unless an identical one is stored (spec §3.4); whether it did.
    func insert(_ aid: AidRecord, batchID: Int64?) throws -> Bool
    /// Ends a load: the keys the file repeated, counted once each (see `RecordWriter`).
    func finishLoad() throws -> Int
    func appendAudit(actor: String, action: AuditAction, batchID: Int64?, detail: String, at: String) throws
    /// Records the transaction as the import of a `kind` file (see `RecordWriter.recordImport`).
    func recordImport(kind: String, file: String, actor: String, at: String, on day: CalendarDate) throws
}

extension RecordWriter: RecordWriting {}
