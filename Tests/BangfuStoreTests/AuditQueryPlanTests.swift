import BangfuCore
import GRDB
import Testing

@testable import BangfuStore

/// The audit page's queries read a page of lines by index, whatever the trail's length: on
/// 2 million lines a filter that scans the table, or sorts what it found, takes seconds
/// (issue 16; measured in README, "The audit trail and the accounts pages").
struct AuditQueryPlanTests {
    static let day = CalendarDate(year: 2024, month: 1, day: 20)!

    func plan(_ filter: AuditFilter) throws -> [String] {
        let store = try BangfuDatabase()
        let (sql, arguments) = BangfuDatabase.auditLinesSQL(filter, newestFirst: true, limit: 50, offset: 0)
        return try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test(arguments: [
        AuditFilter(), AuditFilter(account: "zhou"), AuditFilter(action: .archiveView), AuditFilter(from: day, to: day),
        AuditFilter(account: "zhou", from: day), AuditFilter(action: .signIn, to: day), AuditFilter(union: "港工会"),
    ])
    func aPageOfTheTrailIsReadInTimeOrderByIndexWithoutSorting(filter: AuditFilter) throws {
        let plans = try plan(filter)
        #expect(!plans.contains { $0.hasPrefix("SCAN audit") && !$0.contains("USING INDEX") }, "\(plans)")
        #expect(!plans.contains { $0.contains("TEMP B-TREE") }, "\(plans)")
    }

    @Test func anAccountsLastSignInIsOneLookUpInTheIndexOfSignIns() throws {
        let store = try BangfuDatabase()
        let plans = try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + BangfuDatabase.lastSignInSQL, arguments: ["zhou"]).map { $0["detail"] as String }
        }
        #expect(plans.contains { $0.contains("audit_sign_ins") }, "\(plans)")
    }
}
