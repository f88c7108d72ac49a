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
    /// over-limit records `standard_accuracy`.
    public func projectMeasures(
        project: String, year: Int, queries: [MetricQuery], duplicates: DuplicateReport?
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
                    SELECT e.*, b.kind AS batch_kind, b.paid_on FROM batch_entries e JOIN batches b ON b.id = e.batch_id
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

            /// The aid records the project's paid batches wrote (of `kind`, when given).
            func records(_ kind: BatchKind?) throws -> [Int64] {
                try Int64.fetchAll(
                    db, sql: "SELECT a.id FROM aid_records a JOIN batches b ON b.id = a.batch_id WHERE \(batchFilter)"
                        + (kind == nil ? "" : " AND b.kind = ?"),
                    arguments: StatementArguments(batchArguments + (kind.map { [$0.rawValue] } ?? [])))
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
                case .eligibilityAccuracy:
                    // Re-checked against today's records: the archive still 在档, or the model
                    // worker still on the roll with the hardship the batch paid for.
                    value = try share("""
                        CASE WHEN p.archive_no IS NOT NULL
                            THEN EXISTS (SELECT 1 FROM households h WHERE h.archive_no = p.archive_no AND h.status = 'active')
                            ELSE EXISTS (SELECT 1 FROM model_workers w WHERE w.id_number = p.id_number AND (
                                p.batch_kind = 'warmth'
                                OR (p.batch_kind = 'model-worker-living' AND w.hardship = 'living')
                                OR (p.batch_kind = 'model-worker-special' AND w.hardship = 'special')))
                        END
                        """, kind)
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
