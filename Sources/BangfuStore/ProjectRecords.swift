import BangfuCore
import GRDB

/// One paid batch of a project as its form lists it: what it paid, in how many entries.
public struct ProjectBatchLine: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: BatchKind
    public var date: CalendarDate
    public var paidOn: CalendarDate?
    /// Its paid entries (eligible, not excluded, with an amount).
    public var entries: Int
    public var amount: Money
}

/// What a project's paid batches paid in one month (of their 发放日期) as one kind of aid.
public struct MonthlyAid: Sendable, Equatable {
    /// `2024-01`.
    public var month: String
    public var kind: BatchKind
    public var amount: Money

    /// What was paid in `month` (`2024-01`) as `kind`.
    public init(month: String, kind: BatchKind, amount: Money) {
        self.month = month
        self.kind = kind
        self.amount = amount
    }
}

/// How the paid entries a metric counted are listed: one line per what the metric counts.
public enum CountedGrouping: Sendable, Equatable {
    /// One line per archive (`households_aided`).
    case archive
    /// One line per recipient's 身份证号, most paid first (`persons_aided`, `max_amount_per_person`).
    case person
    /// One line per student (`students_aided`).
    case student
    /// One line per model worker: entries without an archive (`model_workers_aided`).
    case modelWorker
    /// Every paid entry, latest payment first (`amount_paid`, `on_time_rate`, the accuracies).
    case entry
}

/// One line of what a metric counted: an archive, a person, a student or one entry, with the
/// entries behind it. `idNumber` is whole: the application layer masks it for the viewer.
public struct CountedLine: Sendable, Equatable {
    public var archiveNo: String?
    public var name: String
    public var idNumber: String
    public var studentIDNumber: String?
    public var entries: Int
    public var amount: Money
    /// The batches the entries belong to, by id.
    public var batches: [Int64]
    /// The batch's 发放日期; for `.entry` lines only.
    public var paidOn: CalendarDate?
}

extension BangfuDatabase {
    /// The paid batches of `project` in `year` (those its form counts), in the order paid.
    public func projectPaidBatches(project: String, year: Int) throws -> [ProjectBatchLine] {
        try queue.read { db in
            let inputs = SQLiteProjectInputs(db: db, project: project, year: year)
            let paidOf = "FROM batch_entries e WHERE e.batch_id = b.id AND \(SQLiteProjectInputs.paidEntry)"
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT b.id, b.name, b.kind, b.date, b.paid_on, (SELECT count(*) \(paidOf)) AS entries,
                        (SELECT coalesce(sum(e.amount_fen), 0) \(paidOf)) AS total
                    FROM batches b WHERE \(inputs.batchFilter) ORDER BY b.paid_on, b.id
                    """, arguments: StatementArguments(inputs.batchArguments))
            return try rows.map { row in
                ProjectBatchLine(
                    id: row["id"], name: row["name"], kind: try StoreError.parse(row.text("kind"), column: "kind", BatchKind.init(rawValue:)),
                    date: try StoreError.parse(row.text("date"), column: "date", CalendarDate.init),
                    paidOn: (row["paid_on"] as String?).flatMap(CalendarDate.init), entries: row["entries"], amount: Money(fen: row["total"]))
            }
        }
    }

    /// What `project`'s paid batches of `year` paid, by month of payment and kind, in order.
    public func projectAidByMonth(project: String, year: Int) throws -> [MonthlyAid] {
        try queue.read { db in
            let entries = SQLiteProjectInputs(db: db, project: project, year: year).paid(nil)
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT substr(paid_on, 1, 7) AS month, batch_kind, sum(amount_fen) AS total FROM (\(entries.sql))
                    WHERE paid_on IS NOT NULL GROUP BY month, batch_kind ORDER BY month, batch_kind
                    """, arguments: entries.arguments)
            return try rows.map { row in
                MonthlyAid(
                    month: row["month"], kind: try StoreError.parse(row.text("batch_kind"), column: "kind", BatchKind.init(rawValue:)),
                    amount: Money(fen: row["total"]))
            }
        }
    }

    /// One page of the paid entries of `project` in `year` (of `kind`, nil: all) as `grouping`
    /// lists them, and how many lines there are in all: the same entries, and the same
    /// distinct keys, that `ProjectInputs.count` counts.
    public func projectCountedLines(
        project: String, year: Int, grouping: CountedGrouping, kind: BatchKind?, page: Int, perPage: Int
    ) throws -> (total: Int, lines: [CountedLine]) {
        try queue.read { db in
            let entries = SQLiteProjectInputs(db: db, project: project, year: year).paid(kind)
            let (key, condition, order): (String?, String, String) =
                switch grouping {
                case .archive: ("archive_no", "archive_no IS NOT NULL", "archive_no")
                case .person: ("id_number", "1", "amount DESC, id_number")
                case .student: ("student_id_number", "student_id_number IS NOT NULL", "student_id_number")
                case .modelWorker: ("id_number", "archive_no IS NULL", "amount DESC, id_number")
                case .entry: (nil, "1", "paid_on DESC, batch_id, position")
                }
            let select =
                if let key {
                    """
                    SELECT min(archive_no) AS archive_no, min(name) AS name, min(id_number) AS id_number,
                        min(student_id_number) AS student_id_number, count(*) AS entries, sum(amount_fen) AS amount,
                        group_concat(DISTINCT batch_id) AS batches, NULL AS paid_on
                    FROM (\(entries.sql)) WHERE \(condition) GROUP BY \(key)
                    """
                } else {
                    """
                    SELECT archive_no, name, id_number, student_id_number, 1 AS entries, amount_fen AS amount,
                        CAST(batch_id AS TEXT) AS batches, paid_on, batch_id, position
                    FROM (\(entries.sql)) WHERE \(condition)
                    """
                }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(select))", arguments: entries.arguments) ?? 0
            var arguments = entries.arguments
            arguments += [perPage, (max(page, 1) - 1) * perPage]
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM (\(select)) ORDER BY \(order) LIMIT ? OFFSET ?", arguments: arguments)
            return (
                total,
                rows.map { row in
                    CountedLine(
                        archiveNo: row["archive_no"], name: row["name"], idNumber: row["id_number"], studentIDNumber: row["student_id_number"],
                        entries: row["entries"], amount: Money(fen: row["amount"]),
                        batches: ((row["batches"] as String?) ?? "").split(separator: ",").compactMap { Int64($0) }.sorted(),
                        paidOn: (row["paid_on"] as String?).flatMap(CalendarDate.init))
                }
            )
        }
    }
}
