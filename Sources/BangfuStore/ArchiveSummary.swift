import BangfuCore
import GRDB

/// Counts over the whole archive, for the demo and for a clerk's overview.
public struct ArchiveSummary: Sendable {
    /// Households by (category, status).
    public var households: [HardshipCategory: [ArchiveStatus: Int]]
    public var members: Int
    /// Members in school by stage.
    public var students: [SchoolStage: Int]
    /// Model workers by hardship type.
    public var modelWorkers: [ModelWorkerHardship: Int]
    /// Aid records by (kind, payer) with their count and total.
    public var aid: [AidLine]

    /// One line of the aid totals.
    public struct AidLine: Sendable {
        public var kind: AidKind
        public var payer: String
        public var count: Int
        public var total: Money
    }
}

extension BangfuDatabase {
    /// Counts by category, stage, hardship and aid kind, each one GROUP BY query.
    public func archiveSummary() throws -> ArchiveSummary {
        try queue.read { db in
            var households: [HardshipCategory: [ArchiveStatus: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT category, status, count(*) AS n FROM households GROUP BY category, status") {
                households[try row.vocabulary("category"), default: [:]][try row.vocabulary("status")] = row["n"]
            }
            var students: [SchoolStage: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT school_stage, count(*) AS n FROM members WHERE school_stage <> 'none' GROUP BY school_stage") {
                students[try row.vocabulary("school_stage")] = row["n"]
            }
            var workers: [ModelWorkerHardship: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT hardship, count(*) AS n FROM model_workers GROUP BY hardship") {
                workers[try row.vocabulary("hardship")] = row["n"]
            }
            let aid = try Row.fetchAll(
                db, sql: "SELECT kind, payer, count(*) AS n, sum(amount_fen) AS total FROM aid_records GROUP BY kind, payer ORDER BY kind, payer <> '工会', payer"
            ).map { row in
                ArchiveSummary.AidLine(kind: try row.vocabulary("kind"), payer: row.text("payer"), count: row["n"], total: row.money("total"))
            }
            return ArchiveSummary(
                households: households, members: try Int.fetchOne(db, sql: "SELECT count(*) FROM members") ?? 0,
                students: students, modelWorkers: workers, aid: aid)
        }
    }
}
