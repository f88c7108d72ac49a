import BangfuCore
import GRDB

/// What a project's form reads of the records (spec §7), as queries over the paid entries
/// of its batches — those created with `--project NAME`, paid, dated in the project's year —
/// of one batch kind or of all (`kind` nil). What the figures mean is the caller's
/// (`Evaluations`).
public protocol ProjectInputs {
    /// The project's paid batches, by id.
    func paidBatches() throws -> [Int64]
    /// A figure over the paid entries (eligible, not excluded, with an amount).
    func count(_ figure: PaidEntryFigure, kind: BatchKind?) throws -> Int
    /// The highest total one person was paid, in fen; nil without paid entries.
    func mostPaidToOnePerson(kind: BatchKind?) throws -> Int?
    /// How many paid entries were paid on or before `deadline`, of how many.
    func paidBy(_ deadline: CalendarDate, kind: BatchKind?) throws -> (onTime: Int, total: Int)
    /// The aid records the project's paid batches wrote, paid in the year.
    func aidRecordIDs(kind: BatchKind?) throws -> [Int64]
    /// Each paid entry with its recipient as the records stand today, for the re-check.
    func paidEntriesNow(kind: BatchKind?, _ body: (PaidEntryNow) throws -> Void) throws
    /// How many paid entries the bank has not reported as transferred yet (issue 19).
    func entriesNotReported() throws -> Int
}

/// The figures `ProjectInputs.count` gives over the paid entries.
public enum PaidEntryFigure: Sendable {
    /// Distinct archives.
    case households
    /// Distinct recipients.
    case persons
    /// Distinct students.
    case students
    /// Distinct model workers (entries with no archive).
    case modelWorkers
    /// The amounts added up, in fen.
    case amountFen
}

/// A paid entry and its recipient today: the archive (nil when it is gone) for a household's
/// entry, the roll's line (nil when gone) for a model worker's.
public struct PaidEntryNow: Sendable {
    public var batch: Int64
    public var kind: BatchKind
    public var batchDate: CalendarDate?
    /// The 低保 the batch was computed with.
    public var dibao: Money?
    public var isHouseholds: Bool
    public var archive: EligibilityRecheck.ArchiveNow?
    public var worker: EligibilityRecheck.ModelWorkerNow?
}

extension BangfuDatabase {
    /// Runs `body` over `project`'s inputs of `year`, in one read.
    public func readProjectInputs<T>(project: String, year: Int, _ body: (any ProjectInputs) throws -> T) throws -> T {
        try queue.read { db in try body(SQLiteProjectInputs(db: db, project: project, year: year)) }
    }
}

/// The queries of `ProjectInputs` on one SQLite connection, inside one read transaction;
/// its paid entries are also what a form's pages list (`ProjectRecords.swift`).
struct SQLiteProjectInputs: ProjectInputs {
    let db: Database
    let project: String
    let year: Int

    let batchFilter = "b.project = ? AND b.status = 'paid' AND b.date BETWEEN ? AND ?"
    /// A paid entry: eligible, not excluded, with an amount, and its aid record still there —
    /// a transfer the bank reported failed removed it (issue 19): that money never arrived,
    /// so no figure of the form counts it.
    static let paidEntry = """
        e.eligible = 1 AND e.excluded_reason IS NULL AND e.amount_fen > 0
        AND EXISTS (SELECT 1 FROM aid_records a WHERE a.batch_id = e.batch_id AND a.batch_position = e.position)
        """
    /// The day a paid entry's money was paid: its aid record's, which the bank's return file
    /// sets to the transfer's date (the batch's pay date until the bank reports it).
    static let paidOn = "(SELECT a.paid_on FROM aid_records a WHERE a.batch_id = e.batch_id AND a.batch_position = e.position)"
    var batchArguments: [String] { [project, "\(year)-01-01", "\(year)-12-31"] }

    init(db: Database, project: String, year: Int) {
        self.db = db
        self.project = project
        self.year = year
    }

    /// The paid entries: eligible, not excluded, with an amount. `before`: the arguments of
    /// placeholders that come before the entries in the SQL.
    func paid(_ kind: BatchKind?, before: [String] = []) -> (sql: String, arguments: StatementArguments) {
        (
            """
            SELECT e.*, b.kind AS batch_kind, \(Self.paidOn) AS paid_on, b.date AS batch_date, b.dibao_monthly_fen AS batch_dibao_fen
            FROM batch_entries e JOIN batches b ON b.id = e.batch_id
            WHERE \(batchFilter) AND \(Self.paidEntry)
            \(kind == nil ? "" : "AND b.kind = ?")
            """,
            StatementArguments(before + batchArguments + (kind.map { [$0.rawValue] } ?? []))
        )
    }

    func paidBatches() throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT b.id FROM batches b WHERE \(batchFilter) ORDER BY b.id", arguments: StatementArguments(batchArguments))
    }

    func count(_ figure: PaidEntryFigure, kind: BatchKind?) throws -> Int {
        let (expression, condition) =
            switch figure {
            case .households: ("count(DISTINCT archive_no)", "1")
            case .persons: ("count(DISTINCT id_number)", "1")
            case .students: ("count(DISTINCT student_id_number)", "1")
            case .modelWorkers: ("count(DISTINCT id_number)", "archive_no IS NULL")
            case .amountFen: ("coalesce(sum(amount_fen), 0)", "1")
            }
        let entries = paid(kind)
        return try Int.fetchOne(db, sql: "SELECT \(expression) FROM (\(entries.sql)) WHERE \(condition)", arguments: entries.arguments) ?? 0
    }

    func mostPaidToOnePerson(kind: BatchKind?) throws -> Int? {
        let entries = paid(kind)
        return try Int.fetchOne(
            db, sql: "SELECT max(total) FROM (SELECT sum(amount_fen) AS total FROM (\(entries.sql)) GROUP BY id_number)",
            arguments: entries.arguments)
    }

    func paidBy(_ deadline: CalendarDate, kind: BatchKind?) throws -> (onTime: Int, total: Int) {
        // The condition's placeholder comes first in the text, so its argument too.
        let entries = paid(kind, before: [deadline.description])
        guard let row = try Row.fetchOne(
            db, sql: "SELECT count(*) AS total, coalesce(sum(paid_on <= ?), 0) AS good FROM (\(entries.sql)) p", arguments: entries.arguments)
        else { return (0, 0) }
        return (row["good"], row["total"])
    }

    func aidRecordIDs(kind: BatchKind?) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT a.id FROM aid_records a JOIN batches b ON b.id = a.batch_id WHERE \(batchFilter) AND a.paid_on BETWEEN ? AND ?"
                + (kind == nil ? "" : " AND b.kind = ?"),
            arguments: StatementArguments(batchArguments + ["\(year)-01-01", "\(year)-12-31"] + (kind.map { [$0.rawValue] } ?? [])))
    }

    func entriesNotReported() throws -> Int {
        let entries = paid(nil)
        return try Int.fetchOne(
            db, sql: """
                SELECT count(*) FROM (\(entries.sql)) p WHERE NOT EXISTS (
                    SELECT 1 FROM batch_transfer_entries te JOIN batch_transfers t ON t.id = te.transfer_id
                    WHERE te.batch_id = p.batch_id AND te.position = p.position AND t.state = 'transferred')
                """, arguments: entries.arguments) ?? 0
    }

    func paidEntriesNow(kind: BatchKind?, _ body: (PaidEntryNow) throws -> Void) throws {
        let entries = paid(kind)
        let rows = try Row.fetchCursor(
            db, sql: """
                SELECT p.batch_id, p.batch_kind, p.batch_date, p.batch_dibao_fen, p.archive_no,
                    h.status, h.annual_income_fen AS household_income, h.size,
                    w.hardship, w.annual_income_fen AS worker_income
                FROM (\(entries.sql)) p
                LEFT JOIN households h ON h.archive_no = p.archive_no
                LEFT JOIN model_workers w ON p.archive_no IS NULL AND w.id_number = p.id_number
                """, arguments: entries.arguments)
        while let row = try rows.next() {
            let archive = try (row["status"] as String?).map { status in
                EligibilityRecheck.ArchiveNow(
                    status: try StoreError.parse(status, column: "status", ArchiveStatus.init(rawValue:)),
                    annualIncome: Money(fen: row["household_income"]), size: row["size"])
            }
            let worker = try (row["hardship"] as String?).map { hardship in
                EligibilityRecheck.ModelWorkerNow(
                    hardship: try StoreError.parse(hardship, column: "hardship", ModelWorkerHardship.init(rawValue:)),
                    annualIncome: Money(fen: row["worker_income"]))
            }
            try body(
                PaidEntryNow(
                    batch: row["batch_id"], kind: try StoreError.parse(row.text("batch_kind"), column: "kind", BatchKind.init(rawValue:)),
                    batchDate: CalendarDate(row.text("batch_date")), dibao: (row["batch_dibao_fen"] as Int?).map(Money.init(fen:)),
                    isHouseholds: row["archive_no"] as String? != nil, archive: archive, worker: worker))
        }
    }
}
