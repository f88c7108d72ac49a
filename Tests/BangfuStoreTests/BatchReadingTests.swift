import BangfuCore
import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// A batch reads only what its rules need (issue 20): the archives, their people's union aid
/// of the year summed per archive by SQL, and only the members whose payments can change an
/// amount — yet computes what reading every member and every person's aid computed.
struct BatchReadingTests {
    typealias Fixture = BatchComputationTests

    static func household(_ archive: String, head: IDNumber, size: Int, income: Int, status: ArchiveStatus = .active) -> Household {
        var household = Fixture.household(archive, head: head, status: status)
        household.size = size
        household.annualIncome = .yuan(income)
        return household
    }

    static func member(_ archive: String, _ person: IDNumber, stage: SchoolStage = .none) -> Member {
        Member(archiveNumber: ArchiveNumber(archive), name: "成员\(person.value.suffix(4))", idNumber: person, relation: "", schoolStage: stage)
    }

    static func unionAid(_ person: IDNumber, _ kind: AidKind, _ yuan: Int, _ day: String, student: IDNumber? = nil) -> AidRecord {
        AidRecord(idNumber: person, name: "某人", kind: kind, amount: .yuan(yuan), paidOn: Fixture.date(day), payer: .union, studentIDNumber: student)
    }

    /// A store with `households`, `members` and `aid`, and a draft batch of `kind` dated 2024-01-20.
    static func store(_ households: [Household], _ members: [Member], aid: [AidRecord] = [], kind: BatchKind) throws -> (BangfuDatabase, Int64) {
        let store = try BangfuDatabase()
        try store.inTransaction { writer in
            for household in households { _ = try writer.upsert(household) }
            for member in members { _ = try writer.upsert(member) }
            for record in aid { _ = try writer.insert(record) }
        }
        let batch = try store.createBatch(
            NewBatch(name: "批次", kind: kind, date: Fixture.date("2024-01-20"), project: nil, budget: nil, policyID: "qingdao-2024",
                     policyPath: "", policyText: "", requiredReviews: [.first, .second], dibaoMonthly: .yuan(1045)),
            actor: "测试", at: "2024-01-20T09:00:00")
        return (store, batch)
    }

    /// What a batch of `kind` in 2024 reads, row by row.
    static func reads(_ store: BangfuDatabase, _ kind: BatchKind) throws -> BatchReadCount {
        try store.queue.read { db in
            let metAgain = try BangfuDatabase.peopleMetAgain(db, for: kind)
            return try BangfuDatabase.forEachBatchChunk(db, for: kind, year: 2024, metAgain: metAgain, chunkSize: 2) { _ in }
        }
    }

    /// Three families of three, heads listed as members of their own archive, nobody in two.
    static let families: ([Household], [Member]) = {
        var households: [Household] = []
        var members: [Member] = []
        for n in 1...3 {
            let archive = "QD-00\(n)", head = Fixture.id(1975, n)
            households.append(household(archive, head: head, size: 3, income: 12000))
            members += [member(archive, head), member(archive, Fixture.id(1977, n)), member(archive, Fixture.id(2010, n), stage: .compulsory)]
        }
        return (households, members)
    }()

    @Test(arguments: [BatchKind.living, .medical, .warmth])
    func aFirstBatchOfAYearReadsNoMember(kind: BatchKind) throws {
        let (store, _) = try Self.store(Self.families.0, Self.families.1, aid: [Self.unionAid(Fixture.id(1977, 2), .living, 2000, "2023-07-20")], kind: kind)
        #expect(try Self.reads(store, kind) == BatchReadCount(households: 3, members: 0, archivesWithAid: 0))
    }

    /// A later batch reads the aid on file as one sum per archive — still no member row.
    @Test func aLaterLivingBatchReadsTheAidOnFilePerArchiveAndNoMember() throws {
        let aid = [Self.unionAid(Fixture.id(1977, 2), .living, 2000, "2024-01-02"), Self.unionAid(Fixture.id(1975, 2), .medical, 500, "2024-01-03")]
        let (store, _) = try Self.store(Self.families.0, Self.families.1, aid: aid, kind: .living)
        #expect(try Self.reads(store, .living) == BatchReadCount(households: 3, members: 0, archivesWithAid: 1))
    }

    @Test func anEducationBatchReadsTheStudentsOnly() throws {
        let (store, _) = try Self.store(Self.families.0, Self.families.1, kind: .education)
        #expect(try Self.reads(store, .education) == BatchReadCount(households: 3, members: 3, archivesWithAid: 0))
    }

    /// The spouse's and the head's aid of the year count once each, though the head is also
    /// listed as a member; aid of another year or another payer does not count.
    @Test func theAidOnFileOfAnArchiveCountsEachOfItsPeopleOnce() throws {
        let spouse = Fixture.id(1977, 1), head = Fixture.id(1975, 1)
        let aid = [
            Self.unionAid(spouse, .living, 2000, "2024-01-02"), Self.unionAid(head, .living, 1000, "2024-01-05"),
            Self.unionAid(head, .living, 9000, "2023-12-31"),
            AidRecord(idNumber: head, name: "某人", kind: .living, amount: .yuan(700), paidOn: Fixture.date("2024-01-06"), payer: .agency("民政"), studentIDNumber: nil),
        ]
        let (store, _) = try Self.store(Self.families.0, Self.families.1, aid: aid, kind: .living)
        var onFile: [ArchiveAidOnFile] = []
        _ = try store.queue.read { db in
            try BangfuDatabase.forEachBatchChunk(db, for: .living, year: 2024, metAgain: PeopleMetAgain([]), chunkSize: 2) { chunk in
                try chunk.forEachRecord { _, _, aid in onFile.append(aid) }
            }
        }
        var first = AidByKind()
        first[.living] = .yuan(3000)
        #expect(onFile == [ArchiveAidOnFile(people: first), .none, .none])
    }

    /// QD-001's head is listed in QD-002 too: the 6,000 yuan the batch pays her first counts
    /// in QD-002's income cap. Deep hardship, 低保 1045: 6 × 1045 = 6270 → 6000 (002:2199–2203);
    /// QD-002's cap 2.1 × 1045 × 12 × 2 = 52,668 less its income 44,000 leaves 8,668, less her
    /// 6,000 leaves 2,668, to which the 6,000 is cut (002:2205, mode reduce).
    @Test func aHeadPaidInOneArchiveCountsInTheNextArchiveThatListsHer() throws {
        let her = Fixture.id(1975, 1), him = Fixture.id(1975, 2)
        let households = [Self.household("QD-001", head: her, size: 1, income: 0), Self.household("QD-002", head: him, size: 2, income: 44000)]
        let members = [Self.member("QD-001", her), Self.member("QD-002", him), Self.member("QD-002", her)]
        let (store, batch) = try Self.store(households, members, kind: .living)
        #expect(try store.queue.read { try BangfuDatabase.peopleMetAgain($0, for: .living) } == PeopleMetAgain([her]))
        _ = try BatchComputationTests().compute(store, batch, kind: .living)
        #expect(try store.entries(ofBatch: batch).map(\.computed.amount) == [.yuan(6000), .yuan(2668)])
    }

    /// A student listed in two archives gets the year's 3,000 yuan of 义务教育 once.
    @Test func aStudentListedInTwoArchivesIsPaidOnce() throws {
        let student = Fixture.id(2010, 9)
        let households = [Self.household("QD-001", head: Fixture.id(1975, 1), size: 3, income: 0), Self.household("QD-002", head: Fixture.id(1975, 2), size: 3, income: 0)]
        let members = [Self.member("QD-001", student, stage: .compulsory), Self.member("QD-002", student, stage: .compulsory)]
        let (store, batch) = try Self.store(households, members, kind: .education)
        #expect(try store.queue.read { try BangfuDatabase.peopleMetAgain($0, for: .education) } == PeopleMetAgain([student]))
        _ = try BatchComputationTests().compute(store, batch)
        #expect(try store.entries(ofBatch: batch).map(\.computed.amount) == [.yuan(3000), .zero])
    }

    /// A computation lowers its connection's page cache (scans need little of it) and leaves
    /// it as it found it, whether it succeeds or fails.
    @Test func aComputationLeavesTheConnectionsPageCacheAsItFoundIt() throws {
        let (store, batch) = try Self.store(Self.families.0, Self.families.1, kind: .living)
        func cacheSize() throws -> Int? { try store.queue.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } }
        let before = try cacheSize()
        _ = try BatchComputationTests().compute(store, batch, kind: .living)
        #expect(try cacheSize() == before)
        struct Stop: Error {}
        #expect(throws: Stop.self) { _ = try store.replaceEntries(ofBatch: batch, dibao: .yuan(1045), actor: "测试", at: "2024-01-20T10:00:00") { _ in throw Stop() } }
        #expect(try cacheSize() == before)
        #expect(before != -BangfuDatabase.computationCacheKiB)
    }

    /// A member whose payments cannot change an amount is never read, however many there are;
    /// the people met again are read from their own rows, not by reading every member.
    @Test func theMembersMetAgainAreFoundThroughTheirIndex() throws {
        let store = try BangfuDatabase()
        let plans = try store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT archive_no FROM members WHERE id_number IN (SELECT value FROM json_each(?)) ORDER BY archive_no, id_number", arguments: ["[]"])
                .map { $0["detail"] as String }
        }
        #expect(plans.contains { $0.contains("members_by_id_number") }, "\(plans)")
    }
}
