import BangfuCore
import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// Migration v13 on a file of an older Bangfu: entries computed before it keep their
/// reasons as text, print them as they did, and the cut filter still finds them.
struct TextReasonsMigrationTests {
    @Test func anEntryComputedBeforeCompactReasonsStillShowsItsTextAndCountsAsCut() throws {
        // Given a v12 file with a computed 生活救助 of two entries, one cut by the cap
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v12 bank returns")
        let cut = ["深度困难：6个月×低保1045元=6270元，按1000元取整为6000元", "家庭年纯收入75000元，家庭人口3人，本年已获工会生活、助学、医疗救助0元",
                   "救助后人均月收入上限2.1×1045=2194.5元，可救助余额4002元，核减至4002元"]
        let whole = ["深度困难：6个月×低保1045元=6270元，按1000元取整为6000元", "家庭年纯收入10000元，家庭人口3人，本年已获工会生活、助学、医疗救助0元",
                     "救助后人均月收入上限2.1×1045=2194.5元，可救助余额69002元，未超上限"]
        let heads = [1, 2].map { IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 1, day: $0)!, sequence: $0).value }
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO batches(id, name, kind, status, date, policy_id, policy_path, policy_text, total_fen, created_at)
                VALUES (1, '2024年春节生活救助', 'living', 'computed', '2024-01-20', 'qingdao-2024', 'policies/qingdao-2024.toml', '', 1000200, '2024-01-20T08:00:00Z')
                """)
            for (position, (reasons, amount)) in [(cut, 400_200), (whole, 600_000)].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO batch_entries(batch_id, position, id_number, name, archive_no, eligible, amount_fen, reasons)
                        VALUES (1, ?, ?, '王建国', ?, 1, ?, ?)
                        """, arguments: [position + 1, heads[position], "QD-00\(position + 1)", amount, reasons.joined(separator: "\n")])
            }
        }
        try old.close()

        // When the current Bangfu opens it
        let store = try BangfuDatabase(path: path)

        // Then the entries print their texts, and the first is the batch's one cut entry
        #expect(try store.entries(ofBatch: 1).map(\.computed.reasons) == [cut, whole])
        #expect(try store.entryPage(ofBatch: 1, filter: .all, union: nil, offset: 0, limit: 10).map(\.entry.computed.reasons) == [cut, whole])
        #expect(try store.entryCounts(ofBatch: 1, union: nil).cut == 1)
        #expect(try store.entryPage(ofBatch: 1, filter: .cut, union: nil, offset: 0, limit: 10).map(\.position) == [1])
    }
}
