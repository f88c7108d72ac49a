import BangfuCore
import Foundation
import GRDB
import Testing

@testable import BangfuStore

struct StoreTests {
    let household = Household(
        archiveNumber: ArchiveNumber("QD-001"), headName: "王建国",
        headIDNumber: IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 3, day: 9)!, sequence: 11),
        workUnit: "青岛港集团", unionName: "港集团工会", category: .deep,
        registeredOn: CalendarDate(year: 2022, month: 3, day: 15)!, size: 3, annualIncome: Money.yuan(24000),
        medicalExpense: Money(fen: 1_200_050), phone: "13812345678", bankName: "工行", bankAccount: "6222020200112233446")

    @Test func openingTwiceMigratesOnceAndKeepsTheData() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let first = try BangfuDatabase(path: path)
        _ = try first.inTransaction { try $0.upsert(household) }
        let second = try BangfuDatabase(path: path)
        #expect(try second.appliedMigrations() == ["v1 records", "v2 batches", "v3 aid by batch", "v4 archives in key order", "v5 accounts", "v6 name search", "v7 archive history", "v8 aid by student", "v9 project budgets", "v10 duplicate decisions", "v11 audit filters", "v12 bank returns", "v13 compact reasons", "v14 unsettled transfers by person"])
        #expect(try second.recordCounts().households == 1)
    }

    func member(_ sequence: Int, name: String) -> Member {
        Member(
            archiveNumber: household.archiveNumber, name: name,
            idNumber: IDNumber(region: 370202, birth: CalendarDate(year: 2008, month: 1, day: 1)!, sequence: sequence), relation: "子女", schoolStage: .compulsory)
    }

    @Test func membersListInFileOrderThoughStoredInKeyOrder() throws {
        let store = try BangfuDatabase()
        _ = try store.inTransaction { try $0.upsert(household) }
        // The file lists the higher 身份证号 first.
        _ = try store.inBulkTransaction(into: "members") { writer in
            [try writer.upsert(member(900, name: "大儿子"), row: 2), try writer.upsert(member(100, name: "小女儿"), row: 3)]
        }
        var names: [String] = []
        try store.forEachHousehold { _, members in names = members.map(\.name) }
        #expect(names == ["大儿子", "小女儿"])
    }

    @Test func upgradingAVersion3FileKeepsEveryMemberAndTheirOrder() throws {
        // Given a file made before members were stored in key order
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v3 aid by batch")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO households(archive_no, head_name, head_id_number, category, registered_on, size, annual_income_fen)
                VALUES ('QD-001', '王建国', ?, 'deep', '2022-03-15', 3, 2400000)
                """, arguments: [household.headIDNumber.value])
            for (row, member) in [(2, member(900, name: "大儿子")), (3, member(100, name: "小女儿"))] {
                try db.execute(
                    sql: "INSERT INTO members(archive_no, name, id_number, school_stage, import_stamp, import_row) VALUES ('QD-001', ?, ?, 'compulsory', 1, ?)",
                    arguments: [member.name, member.idNumber.value, row])
            }
        }
        try old.close()
        // When Bangfu opens it
        let store = try BangfuDatabase(path: path)
        var names: [String] = []
        try store.forEachHousehold { _, members in names = members.map(\.name) }
        #expect(names == ["大儿子", "小女儿"])
        let indexes = try store.queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL") }
        #expect(indexes == ["members_by_id_number"])
    }

    @Test func aHouseholdReadsBackExactlyAsWritten() throws {
        let store = try BangfuDatabase()
        _ = try store.inTransaction { try $0.upsert(household) }
        var read: Household?
        try store.forEachHousehold { stored, _ in read = stored }
        #expect(read == household)
    }

    @Test func aThrowInsideATransactionLeavesNothingBehind() throws {
        struct Stop: Error {}
        let store = try BangfuDatabase()
        #expect(throws: Stop.self) {
            try store.inTransaction { writer in
                try writer.upsert(household)
                throw Stop()
            }
        }
        #expect(try store.recordCounts().households == 0)
    }

    @Test func aMemberOfAnUnknownArchiveIsReportedNotStored() throws {
        let store = try BangfuDatabase()
        let member = Member(archiveNumber: ArchiveNumber("QD-404"), name: "王小明", idNumber: household.headIDNumber, relation: "子女", schoolStage: .compulsory)
        let outcome = try store.inTransaction { try $0.upsert(member) }
        #expect(outcome == .unknownArchive)
        #expect(try store.recordCounts().members == 0)
    }

    @Test func membersListUnderTheirArchiveInFileOrder() throws {
        let store = try BangfuDatabase()
        var second = household
        second.archiveNumber = ArchiveNumber("QD-002")
        let child = Member(
            archiveNumber: ArchiveNumber("QD-002"), name: "王小明",
            idNumber: IDNumber(region: 370202, birth: CalendarDate(year: 2012, month: 1, day: 1)!, sequence: 13),
            relation: "子女", schoolStage: .compulsory)
        let head = Member(archiveNumber: ArchiveNumber("QD-002"), name: "王建国", idNumber: household.headIDNumber, relation: "本人", schoolStage: .none)
        try store.inTransaction { writer in
            try writer.upsert(household)
            try writer.upsert(second)
            _ = try writer.upsert(head)
            _ = try writer.upsert(child)
        }
        var listing: [(String, [String])] = []
        try store.forEachHousehold { household, members in listing.append((household.archiveNumber.value, members.map(\.name))) }
        #expect(listing.map(\.0) == ["QD-001", "QD-002"])
        #expect(listing.map(\.1) == [[], ["王建国", "王小明"]])
    }

    @Test func theAuditTrailRefusesUpdatesAndDeletes() throws {
        let store = try BangfuDatabase()
        try store.appendAudit(actor: "张敏", action: .importFile("households"), detail: "h.csv", at: "2026-11-23T10:00:00+08:00")
        #expect(throws: (any Error).self) { try store.queue.write { try $0.execute(sql: "UPDATE audit SET actor = 'x'") } }
        #expect(throws: (any Error).self) { try store.queue.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit") } == 1)
    }

    @Test func onlyAnAbsentEmptyOrRecordlessBangfuFileCountsAsUnused() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        #expect(BangfuDatabase.isUnused(path: path), "absent")
        _ = try BangfuDatabase(path: path)
        #expect(BangfuDatabase.isUnused(path: path), "made by init, nothing in it")
        _ = try BangfuDatabase(path: path).inTransaction { try $0.upsert(household) }
        #expect(!BangfuDatabase.isUnused(path: path), "holds an archive")
        // Another program's database, its tables empty: not ours to replace.
        let other = temporaryStorePath()
        defer { removeStore(at: other) }
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        #expect(!BangfuDatabase.isUnused(path: other))
    }

    @Test func aBulkTransactionRebuildsTheIndexesItDropped() throws {
        let store = try BangfuDatabase()
        _ = try store.inBulkTransaction(into: "members") { try $0.upsert(household) }
        let indexes = try store.queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'") }
        #expect(indexes.contains("members_by_id_number"))
    }

    @Test func aFirstBulkLoadReportsAKeyRepeatedInTheFileAsTheUpsertDoes() throws {
        // Given empty tables, so the bulk load writes plain inserts
        let store = try BangfuDatabase()
        let head = Member(archiveNumber: household.archiveNumber, name: "王建国", idNumber: household.headIDNumber, relation: "本人", schoolStage: .none)
        let orphan = Member(archiveNumber: ArchiveNumber("QD-404"), name: "王建国", idNumber: household.headIDNumber, relation: "本人", schoolStage: .none)
        let households = try store.inBulkTransaction(into: "households") { writer in
            [try writer.upsert(household, row: 2), try writer.upsert(household, row: 7)]
        }
        let members = try store.inBulkTransaction(into: "members") { writer in
            [try writer.upsert(head, row: 2), try writer.upsert(orphan, row: 3), try writer.upsert(head, row: 4)]
        }
        #expect(households == [.written, .duplicate(firstRow: 2)])
        #expect(members == [.written, .unknownArchive, .duplicate(firstRow: 2)])
        // And a second load into the now filled tables updates by key
        let again = try store.inBulkTransaction(into: "households") { try $0.upsert(household, row: 9) }
        #expect(again == .written)
        #expect(try store.recordCounts().households == 1)
    }

    var aid: AidRecord {
        AidRecord(
            idNumber: household.headIDNumber, name: "王建国", kind: .living, amount: .yuan(4000),
            paidOn: CalendarDate(year: 2024, month: 1, day: 20)!, payer: .union)
    }

    @Test func aFirstBulkLoadOfAidCountsARowRepeatedInTheFileAsSkipped() throws {
        // Given no imported aid stored, so the load goes without the unique index
        let store = try BangfuDatabase()
        var other = aid
        other.amount = .yuan(2000)
        // When the file holds the same record twice
        let repeats = try store.inBulkTransaction(into: "aid_records") { writer in
            for record in [aid, other, aid] { try writer.insert(record) }
            return try writer.finishLoad()
        }
        // Then the second copy is gone and the index is back
        #expect(repeats == 1)
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM aid_records") } == 2)
        let indexes = try store.queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'aid_records'") }
        #expect(Set(indexes) == [
            "aid_records_by_person", "aid_records_by_date", "aid_records_imported_once", "aid_records_by_batch", "aid_records_by_student",
            "aid_records_once_per_entry",
        ])
    }

    @Test func aBulkLoadOfAidSkipsARecordAlreadyStored() throws {
        let store = try BangfuDatabase()
        _ = try store.inTransaction { try $0.insert(aid) }
        let written = try store.inBulkTransaction(into: "aid_records") { try $0.insert(aid) }
        #expect(!written)
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM aid_records") } == 1)
    }

    @Test func aBulkTransactionOnAFileEndsInWALAndAFailedOneLeavesNothing() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let store = try BangfuDatabase(path: path)
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.inBulkTransaction(into: "households") { writer in
                try writer.upsert(household)
                throw Refused()
            }
        }
        #expect(try store.recordCounts().households == 0)
        #expect(try store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        _ = try store.inBulkTransaction(into: "households") { try $0.upsert(household) }
        #expect(try store.recordCounts().households == 1)
        #expect(try store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func aRowByRowLoadKeepsItsStatementJournalInMemoryAndGivesTheSettingBackHoweverItEnds() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let store = try BangfuDatabase(path: path)
        func tempStore(_ db: Database) throws -> Int? { try Int.fetchOne(db, sql: "PRAGMA temp_store") }
        // 2 is MEMORY: the upserts' statement journal never spills into a temporary file.
        #expect(try store.inTransaction { try tempStore($0.db) } == 2)
        // Once the rows are in, the sorts that end a load spill into files again.
        #expect(try store.inTransaction { writer in
            _ = try writer.finishLoad()
            return try tempStore(writer.db)
        } == 0)
        // A bulk load's statements over every row spill their journals into files.
        #expect(try store.inBulkTransaction(into: "households") { try tempStore($0.db) } == 0)
        struct Refused: Error {}
        #expect(throws: Refused.self) { try store.inBulkTransaction(into: "households") { _ in throw Refused() } }
        #expect(try store.queue.read { try tempStore($0) } == 0)
        // A statement that fails still undoes only itself: the archive written before stays.
        let outcome = try store.inBulkTransaction(into: "members") { writer in
            try writer.upsert(household)
            return try writer.upsert(Member(
                archiveNumber: ArchiveNumber("QD-404"), name: "无档", idNumber: household.headIDNumber, relation: "子女", schoolStage: .none))
        }
        #expect(outcome == .unknownArchive)
        #expect(try store.recordCounts().households == 1)
    }
}

/// A household page asks for its people's unsettled transfers on every view: by the partial
/// index, never by reading a province's transfers.
struct UnsettledTransfersQueryTests {
    @Test func theUnsettledTransfersOfAPersonAreReadByTheirIndex() throws {
        let store = try BangfuDatabase()
        let details = try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + BangfuDatabase.unsettledTransfersSQL(people: 3), arguments: ["a", "b", "c"])
                .map { $0["detail"] as String }
        }
        #expect(details.contains { $0.contains("USING INDEX batch_transfers_unsettled_by_person") }, "\(details)")
        #expect(!details.contains { $0.hasPrefix("SCAN t") }, "\(details)")
        #expect(try store.unsettledTransfers(to: []).isEmpty)
    }
}

/// A province's bank return (863,098 rows) is recorded in statements over all its rows; each
/// must reach the aid records through their (batch, position) index, never scan them per row
/// (a join planned that way took minutes at 86,537 rows).
struct BankReturnQueryPlanTests {
    @Test func aReturnReachesTheAidRecordsByTheirIndex() throws {
        let store = try BangfuDatabase()
        let plans = try store.queue.write { db in
            try db.execute(sql: BangfuDatabase.returnTablesSQL)
            return try [BangfuDatabase.datingSQL, "SELECT id FROM aid_records WHERE \(BangfuDatabase.failedRecords)", "DELETE FROM aid_records WHERE \(BangfuDatabase.failedRecords)"]
                .map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [1]).map { $0["detail"] as String } }
        }
        for plan in plans {
            #expect(plan.contains { $0.contains("aid_records USING") && $0.contains("(batch_id=? AND batch_position=?)") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN aid_records") }, "\(plan)")
        }
    }
}

struct ArchiveAidQueryPlanTests {
    @Test func whetherAHeadIsAMemberIsAskedOfTheIndexThePeopleAreReadIn() throws {
        // The primary key (archive first) took a random page per person: 1.8 s of a later
        // batch at 1,000,000 archives (bench/README, issue 20)
        let store = try BangfuDatabase()
        let plan = try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + BangfuDatabase.archiveAidSQL, arguments: ["2024-01-01", "2024-12-31"]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("members_by_id_number (id_number=? AND archive_no=?)") }, "\(plan)")
        #expect(!plan.contains { $0.contains("members USING PRIMARY KEY") || $0.contains("m USING PRIMARY KEY") }, "\(plan)")
    }
}
