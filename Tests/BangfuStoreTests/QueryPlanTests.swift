import GRDB
import Testing

@testable import BangfuStore

/// The look-ups of one page read a few rows by index, whatever the archive's size: a plan
/// that scans a whole table takes seconds on a province (issue 15, bench/web).
struct QueryPlanTests {
    @Test func aHouseholdsAidIsFoundByIndexNotByReadingEveryAidRecord() throws {
        let store = try BangfuDatabase()
        let plans = try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + BangfuDatabase.aidOfArchiveSQL, arguments: ["QD-001", "QD-001"]).map { $0["detail"] as String }
        }
        #expect(!plans.contains { $0.hasPrefix("SCAN aid_records") }, "\(plans)")
        #expect(plans.contains { $0.contains("aid_records_by_student") })
    }
}
