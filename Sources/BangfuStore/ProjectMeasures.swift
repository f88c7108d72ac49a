import BangfuCore
import GRDB

/// What the records say of one project (spec §7): its paid batches — those created with
/// `--project NAME`, dated in the project's year — and the metric values derived from them.
public struct ProjectMeasures: Sendable {
    /// 全年执行数: everything the project's batches paid.
    public var executed: Money
    public var measured: [MetricQuery: Rational]
    /// The paid batches counted, by id.
    public var batches: [Int64]
}

extension BangfuDatabase {
    /// Derives each of `queries` from the paid entries of the project's batches. A share
    /// over no entries is left out (the form then says 未取得), never reported as 0 or 100 %.
    /// `duplicates` is the year's duplicate report: the project's aid records it involves
    /// decide `duplicate_aid_rate` (spec §5's rate, over the project's records) and its
    /// over-limit records `standard_accuracy`. `policies` are the policies of the project's
    /// batches, by batch id, for `eligibility_accuracy`'s re-check.
    public func projectMeasures(
        project: String, year: Int, queries: [MetricQuery], duplicates: DuplicateReport?, policies: [Int64: Policy] = [:]
    ) throws -> ProjectMeasures {
        try queue.read { db in
            let batchFilter = "b.project = ? AND b.status = 'paid' AND b.date BETWEEN ? AND ?"
            let batchArguments: [String] = [project, "\(year)-01-01", "\(year)-12-31"]
            let batches = try Int64.fetchAll(db, sql: "SELECT b.id FROM batches b WHERE \(batchFilter) ORDER BY b.id", arguments: StatementArguments(batchArguments))
            // The paid entries: eligible, not excluded, with an amount.
            /// `before`: the arguments of placeholders that come before the entries in the SQL.
            func paid(_ kind: BatchKind?, before: [String] = []) -> (sql: String, arguments: StatementArguments) {
                (
                    """
                    SELECT e.*, b.kind AS batch_kind, b.paid_on, b.date AS batch_date, b.dibao_monthly_fen AS batch_dibao_fen
                    FROM batch_entries e JOIN batches b ON b.id = e.batch_id
                    WHERE \(batchFilter) AND e.eligible = 1 AND e.excluded_reason IS NULL AND e.amount_fen > 0
                    \(kind == nil ? "" : "AND b.kind = ?")
                    """,
                    StatementArguments(before + batchArguments + (kind.map { [$0.rawValue] } ?? []))
                )
            }
            func count(_ expression: String, _ kind: BatchKind?, where condition: String = "1") throws -> Int {
                let entries = paid(kind)
                return try Int.fetchOne(db, sql: "SELECT \(expression) FROM (\(entries.sql)) WHERE \(condition)", arguments: entries.arguments) ?? 0
            }
            func share(_ condition: String, _ kind: BatchKind?, _ arguments: [String] = []) throws -> Rational? {
                // The condition's placeholders come first in the text, so their arguments too.
                let entries = paid(kind, before: arguments)
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT count(*) AS total, coalesce(sum(\(condition)), 0) AS good FROM (\(entries.sql)) p",
                    arguments: entries.arguments)
                else { return nil }
                let total: Int = row["total"]
                return total == 0 ? nil : Rational(row["good"], total)
            }

            /// The aid records the project's paid batches wrote (of `kind`, when given), paid in
            /// the year: the year's duplicate report knows no others.
            func records(_ kind: BatchKind?) throws -> [Int64] {
                try Int64.fetchAll(
                    db, sql: "SELECT a.id FROM aid_records a JOIN batches b ON b.id = a.batch_id WHERE \(batchFilter) AND a.paid_on BETWEEN ? AND ?"
                        + (kind == nil ? "" : " AND b.kind = ?"),
                    arguments: StatementArguments(batchArguments + ["\(year)-01-01", "\(year)-12-31"] + (kind.map { [$0.rawValue] } ?? [])))
            }

            /// Paid entries whose recipient still meets the batch's policy today
            /// (`EligibilityRecheck`) ÷ paid entries; an entry of a batch whose policy is not
            /// in `policies` is left out.
            func eligibilityAccuracy(_ kind: BatchKind?) throws -> Rational? {
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
                var total = 0, good = 0
                while let row = try rows.next() {
                    guard let policy = policies[row["batch_id"]] else { continue }
                    let batchKind: BatchKind = try StoreError.parse(row.text("batch_kind"), column: "kind", BatchKind.init(rawValue:))
                    total += 1
                    let stillMeets: Bool
                    if row["archive_no"] as String? != nil {
                        let archive = try (row["status"] as String?).map { status in
                            EligibilityRecheck.ArchiveNow(
                                status: try StoreError.parse(status, column: "status", ArchiveStatus.init(rawValue:)),
                                annualIncome: Money(fen: row["household_income"]), size: row["size"])
                        }
                        // A paid batch has its 低保 from its computation; the policy gives it too.
                        let stored = (row["batch_dibao_fen"] as Int?).map(Money.init(fen:))
                        guard let dibao = stored ?? CalendarDate(row.text("batch_date")).flatMap({ policy.dibao(on: $0)?.monthly }) else {
                            throw StoreError.corruptRow(column: "dibao_monthly_fen", value: "")
                        }
                        stillMeets = try EligibilityRecheck.household(kind: batchKind, archive: archive, policy: policy, dibao: dibao)
                    } else {
                        let worker = try (row["hardship"] as String?).map { hardship in
                            EligibilityRecheck.ModelWorkerNow(
                                hardship: try StoreError.parse(hardship, column: "hardship", ModelWorkerHardship.init(rawValue:)),
                                annualIncome: Money(fen: row["worker_income"]))
                        }
                        stillMeets = EligibilityRecheck.modelWorker(kind: batchKind, worker: worker, policy: policy)
                    }
                    if stillMeets { good += 1 }
                }
                return total == 0 ? nil : Rational(good, total)
            }

            var measured: [MetricQuery: Rational] = [:]
            for query in Set(queries) {
                let kind = query.kind
                let value: Rational?
                switch query.metric {
                case .householdsAided: value = Rational(try count("count(DISTINCT archive_no)", kind))
                case .personsAided: value = Rational(try count("count(DISTINCT id_number)", kind))
                case .studentsAided: value = Rational(try count("count(DISTINCT student_id_number)", kind))
                case .modelWorkersAided: value = Rational(try count("count(DISTINCT id_number)", kind, where: "archive_no IS NULL"))
                case .amountPaid: value = Rational(yuan: Money(fen: try count("coalesce(sum(amount_fen), 0)", kind)))
                case .maxAmountPerPerson:
                    let entries = paid(kind)
                    let most = try Int.fetchOne(
                        db, sql: "SELECT max(total) FROM (SELECT sum(amount_fen) AS total FROM (\(entries.sql)) GROUP BY id_number)",
                        arguments: entries.arguments)
                    value = most.map { Rational(yuan: Money(fen: $0)) }
                case .onTimeRate:
                    value = try query.deadline.flatMap { try share("paid_on <= ?", kind, [$0.description]) }
                case .duplicateAidRate:
                    value = try duplicates.flatMap { report in report.duplicateAidRate(among: try records(kind)) }
                case .eligibilityAccuracy: value = try eligibilityAccuracy(kind)
                case .standardAccuracy:
                    value = try duplicates.flatMap { report in
                        guard report.limitsChecked else { return nil }
                        let over = Set(report.findings.filter { $0.code == .overAnnualLimit }.flatMap(\.aidRecordIDs))
                        let records = try records(kind)
                        guard !records.isEmpty else { return nil }
                        return Rational(records.filter { !over.contains($0) }.count, records.count)
                    }
                }
                if let value { measured[query] = value }
            }
            let executed = Money(fen: try count("coalesce(sum(amount_fen), 0)", nil))
            return ProjectMeasures(executed: executed, measured: measured, batches: batches)
        }
    }
}
