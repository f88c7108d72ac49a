import BangfuCore
import GRDB
import Testing

@testable import BangfuStore

/// The review queue's decisions as kept (migration v10): append-only, the latest last, each
/// with its audit line naming the finding by its id only.
struct DuplicateDecisionStoreTests {
    func record(_ outcome: FindingOutcome, _ note: String, at: String) -> DecisionRecord {
        DecisionRecord(
            findingID: "f1", year: 2024, code: .twoHouseholds, idNumbers: ["370202197501090011"],
            decision: FindingDecision(outcome: outcome, action: outcome == .confirmed ? .stop : nil, note: note, by: "zhangmin", at: at))
    }

    @Test func aLaterDecisionComesAfterTheEarlierAndBothAreKept() throws {
        let store = try BangfuDatabase()
        try store.recordDuplicateDecision(record(.confirmed, "停发", at: "2024-12-01T10:00:00+08:00"))
        try store.recordDuplicateDecision(record(.dismissed, "迁档未销，非重复", at: "2024-12-02T10:00:00+08:00"))
        let decisions = try #require(try store.duplicateDecisions(year: 2024)["f1"])
        #expect(decisions.map(\.outcome) == [.confirmed, .dismissed])
        #expect(decisions.last?.action == nil)
        #expect(try store.duplicateDecisions(year: 2025).isEmpty)
        let lines = try store.auditLines().filter { $0.action == .duplicateDecision }
        #expect(lines.map(\.subject) == ["f1", "f1"])
        #expect(lines.allSatisfy { !$0.detail.contains("370202197501090011") }, "the audit line names the finding, not the person")
    }

    @Test func decisionsCannotBeUpdatedOrDeleted() throws {
        let store = try BangfuDatabase()
        try store.recordDuplicateDecision(record(.confirmed, "", at: "2024-12-01T10:00:00+08:00"))
        #expect(throws: (any Error).self) { try store.queue.write { try $0.execute(sql: "UPDATE duplicate_decisions SET note = 'x'") } }
        #expect(throws: (any Error).self) { try store.queue.write { try $0.execute(sql: "DELETE FROM duplicate_decisions") } }
    }

    @Test func eachDatabaseHasItsOwnFindingKey() throws {
        let one = try BangfuDatabase().findingKey(), other = try BangfuDatabase().findingKey()
        #expect(one.count == 64 && other.count == 64)
        #expect(one != other)
    }
}
