import BangfuApp
import BangfuCore
import BangfuPolicyFiles
import BangfuStore
import Foundation
import Testing

/// A batch reads only what its rules need (issue 20) and computes what reading every record
/// computed: the sample year's household batches against the rules run over every archive
/// with all its members and every person's union aid of the year, every payment of the
/// batch remembered. The sample year holds the case that needs remembering: QD2024-000007
/// lists the head of QD2024-000006.
struct BatchReadingTests {
    /// The entries of a batch of `kind` on `day` as the rules compute them from every record.
    static func everyRecordEntries(_ kind: BatchKind, on day: CalendarDate, policyText: String, in store: BangfuDatabase) throws -> [BatchEntry] {
        let policy = try PolicyFile.parse(policyText, file: "qingdao-2024.toml")
        var calculator = try BatchCalculator(kind: kind, date: day, policy: policy, earlier: try store.earlierUnionAid(year: day.year))
        var entries: [BatchEntry] = []
        try store.forEachHousehold { household, members in
            let computed = try calculator.entries(for: household, members: members)
            try calculator.counting(computed)
            entries += computed
        }
        return entries
    }

    @Test(arguments: ["2024-07-20", "2024-12-20", "2025-01-20"])
    func everyHouseholdBatchOfTheSampleYearKeepsTheEntriesOfReadingEveryRecord(date: String) throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let day = try #require(CalendarDate(date))
        let context = RequestContext(actor: DemoYear.login(of: DemoYear.clerk), on: day)
        for kind in [BatchKind.living, .education, .medical] {
            let request = BatchRequest(kind: kind, policyPath: DuplicateReviewScopeTests.root.appendingPathComponent("policies/qingdao-2024.toml").path, date: day, name: "核对")
            let id = try Batches.create(request, in: store, context: context)
            _ = try Batches.compute(batch: id, in: store, context: context)
            let expected = try Self.everyRecordEntries(kind, on: day, policyText: try store.batch(id).policyText, in: store)
            #expect(!expected.isEmpty)
            #expect(try store.entries(ofBatch: id).map(\.computed) == expected, "\(kind) \(date)")
        }
    }
}
