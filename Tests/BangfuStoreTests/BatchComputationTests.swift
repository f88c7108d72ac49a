import BangfuCore
import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// `recompute` reads its rows on one thread and makes records of them on another: what it
/// reads, how it groups members and how it reports a corrupt row must not depend on that.
struct BatchComputationTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static let policy = Policy(
        id: "qingdao-2024", name: "测试标准", basis: [],
        dibao: [.init(from: date("2023-07-01"), monthly: .yuan(1045))],
        incomeCap: .init(multiple: ExactDecimal("2.1")!, mode: .reduce),
        living: .init(annualMaxMonths: [.deep: 12, .relative: 8, .accident: 8], batchMonths: [.deep: 6, .relative: 4, .accident: 4], roundDownTo: .yuan(1000)),
        education: .init(
            preschool: .yuan(3000), compulsory: .yuan(3000), highSchool: .yuan(5000),
            higher: [.deep: .yuan(10000), .relative: .yuan(8000), .accident: .yuan(8000)],
            special: [.deep: .yuan(10000), .relative: .yuan(8000), .accident: .yuan(8000)]),
        medical: .init(ratio: ExactDecimal("0.5")!, annualMax: .yuan(20000)),
        modelWorker: .init(standardLine: .yuan(42000), standardLineFrom: date("2024-09-01"), annualMax: .yuan(30000), special: [:]),
        warmth: .init(worker: .yuan(3000), modelWorker: .yuan(1000)),
        reviews: [.first, .second])

    static func id(_ year: Int, _ n: Int) -> IDNumber { IDNumber(region: 370202, birth: CalendarDate(year: year, month: 1, day: 1)!, sequence: n) }

    static func household(_ archive: String, head: IDNumber, status: ArchiveStatus = .active) -> Household {
        Household(
            archiveNumber: ArchiveNumber(archive), headName: "户主\(archive)", headIDNumber: head, workUnit: "", unionName: "",
            category: .deep, registeredOn: date("2022-03-15"), size: 3, annualIncome: .yuan(12000), medicalExpense: nil,
            phone: "", bankName: "", bankAccount: "", status: status)
    }

    /// Three archives, the middle one 脱困, each with a student: an education batch of two.
    func store(path: String? = nil) throws -> (BangfuDatabase, Int64) {
        let store = try path.map { try BangfuDatabase(path: $0) } ?? BangfuDatabase()
        try store.inTransaction { writer in
            for (n, archive) in ["QD-001", "QD-002", "QD-003"].enumerated() {
                try writer.upsert(Self.household(archive, head: Self.id(1975, n + 1), status: archive == "QD-002" ? .exited : .active))
                _ = try writer.upsert(Member(archiveNumber: ArchiveNumber(archive), name: "学生\(n)", idNumber: Self.id(2010, n + 11), relation: "子女", schoolStage: .compulsory))
            }
        }
        let batch = try store.createBatch(
            NewBatch(name: "助学", kind: .education, date: Self.date("2024-01-20"), project: nil, budget: nil, policyID: "qingdao-2024",
                     policyPath: "", policyText: "", requiredReviews: [.first, .second], dibaoMonthly: .yuan(1045)),
            actor: "测试", at: "2024-01-20T09:00:00")
        return (store, batch)
    }

    /// The batch computed through the store's rows-out, entries-in interface, on one thread,
    /// in chunks of two archives (so that members meet their archive across chunks).
    func compute(_ store: BangfuDatabase, _ batch: Int64, kind: BatchKind = .education) throws -> BatchComputation {
        var calculator = try BatchCalculator(kind: kind, date: Self.date("2024-01-20"), policy: Self.policy, earlier: EarlierAid())
        return try store.replaceEntries(ofBatch: batch, dibao: calculator.dibao, actor: "测试", at: "2024-01-20T10:00:00") { replacement in
            let metAgain = try replacement.peopleMetAgain(for: kind)
            try replacement.forEachHouseholdChunk(for: kind, year: 2024, metAgain: metAgain, chunkSize: 2) { chunk in
                try chunk.forEachRecord { household, members, onFile in
                    let entries = try calculator.entries(for: household, members: members, onFile: onFile)
                    try calculator.counting(entries, remembering: metAgain)
                    for entry in entries { try replacement.write(entry) }
                }
            }
        }
    }

    @Test func membersGoWithTheirOwnArchiveAndPassedOverArchivesGiveNothing() throws {
        let (store, batch) = try store()
        let computation = try compute(store, batch)
        #expect(computation.entries == 2)
        #expect(try store.entries(ofBatch: batch).map(\.computed.studentIDNumber) == [Self.id(2010, 11), Self.id(2010, 13)])
    }

    /// A corrupt 身份证号 of a member the batch reads fails the computation with the row's
    /// column and value, and leaves the entries computed before. (A member of an archive
    /// the batch passes over, QD-002, is not read at all.)
    @Test(arguments: ["QD-001", "QD-003"])
    func aCorruptMemberFailsTheComputationAndKeepsTheEntries(archive: String) throws {
        let (store, batch) = try store()
        _ = try compute(store, batch)
        let before = try store.entries(ofBatch: batch)
        try store.queue.write { try $0.execute(sql: "UPDATE members SET id_number = '不是身份证号' WHERE archive_no = ?", arguments: [archive]) }
        #expect(throws: StoreError.corruptRow(column: "id_number", value: "不是身份证号")) { try compute(store, batch) }
        #expect(try store.entries(ofBatch: batch) == before)
    }

    /// A computation on a file leaves it in WAL (other people's reads go on during it),
    /// after a success and after a failure, which leaves the entries as they were.
    /// While a batch computes — reading every candidate, writing every entry — another
    /// connection's write goes through at once: only the computation's last step takes the
    /// writer. Before, the whole run held it, and a one-row edit beside a province's batch
    /// waited 26 s (bench/load), or failed with "busy" after the timeout.
    @Test func anotherConnectionWritesWhileABatchComputes() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let (store, batch) = try store(path: path)
        let other = try DatabaseQueue(path: path)
        var wroteMeanwhile = false
        var calculator = try BatchCalculator(kind: .education, date: Self.date("2024-01-20"), policy: Self.policy, earlier: EarlierAid())
        let computation = try store.replaceEntries(ofBatch: batch, dibao: calculator.dibao, actor: "测试", at: "2024-01-20T10:00:00") { replacement in
            try replacement.forEachHouseholdChunk(for: .education, year: 2024, metAgain: PeopleMetAgain([]), chunkSize: 2) { chunk in
                try chunk.forEachRecord { household, members, onFile in
                    let entries = try calculator.entries(for: household, members: members, onFile: onFile)
                    try calculator.counting(entries)
                    for entry in entries { try replacement.write(entry) }
                    // No busy timeout on this connection: a lock held by the computation fails here.
                    if !wroteMeanwhile {
                        try other.writeWithoutTransaction { db in
                            try db.execute(sql: "BEGIN IMMEDIATE")
                            try db.execute(sql: "UPDATE households SET phone = '13800000000' WHERE archive_no = 'QD-003'")
                            try db.execute(sql: "COMMIT")
                        }
                        wroteMeanwhile = true
                    }
                }
            }
        }
        #expect(wroteMeanwhile)
        #expect(computation.entries == 2)
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batch_entries WHERE batch_id = ?", arguments: [batch]) } == 2)
        #expect(try other.read { try String.fetchOne($0, sql: "SELECT phone FROM households WHERE archive_no = 'QD-003'") } == "13800000000")
    }

    /// Nothing of a computation that fails is stored, and its staging file is gone.
    @Test func aFailedComputationLeavesNoEntriesAndNoStagingFile() throws {
        let (store, batch) = try store()
        // A folder of its own: the tests running beside it stage computations of their own
        // in the temporary folder (a file of one of them, seen meanwhile, failed this test once).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = { (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("bangfu-entries-") }) ?? [] }
        struct Stop: Error {}
        var seen: [String] = []
        #expect(throws: Stop.self) {
            _ = try store.replaceEntries(ofBatch: batch, dibao: .yuan(1045), actor: "测试", at: "2024-01-20T10:00:00", stagingFolder: folder) { replacement in
                try replacement.write(BatchEntry(idNumber: Self.id(1975, 1), name: "甲", archiveNumber: nil, outcome: .eligible(.yuan(100)), reasons: []))
                seen = staging()
                throw Stop()
            }
        }
        #expect(seen.count == 1)
        #expect(staging().isEmpty)
        #expect(try store.entries(ofBatch: batch).isEmpty)
    }

    @Test func aComputationOnAFileEndsInWALWhetherItSucceedsOrFails() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let (store, batch) = try store(path: path)
        func journalMode() throws -> String? { try store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } }
        #expect(try compute(store, batch).entries == 2)
        #expect(try journalMode() == "wal")
        let before = try store.entries(ofBatch: batch)
        try store.queue.write { try $0.execute(sql: "UPDATE members SET id_number = '不是身份证号' WHERE archive_no = 'QD-003'") }
        #expect(throws: StoreError.corruptRow(column: "id_number", value: "不是身份证号")) { try compute(store, batch) }
        #expect(try store.entries(ofBatch: batch) == before)
        #expect(try journalMode() == "wal")
    }

    /// The store sums the year's union records itself (no `GROUP BY`): several records of one
    /// person and kind add up, per student too; other payers and other years do not count.
    @Test func earlierUnionAidAddsUpEveryUnionRecordOfTheYear() throws {
        let store = try BangfuDatabase()
        let parent = Self.id(1975, 11), student = Self.id(2008, 13), other = Self.id(1980, 15)
        func record(_ person: IDNumber, _ kind: AidKind, _ yuan: Int, _ day: String, _ payer: Payer = .union, student: IDNumber? = nil) -> AidRecord {
            AidRecord(idNumber: person, name: "某人", kind: kind, amount: .yuan(yuan), paidOn: Self.date(day), payer: payer, studentIDNumber: student)
        }
        try store.inTransaction { writer in
            for aid in [
                record(parent, .living, 4000, "2024-01-20"), record(parent, .living, 2000, "2024-07-20"),
                record(parent, .education, 1500, "2024-03-01", student: student), record(parent, .education, 1000, "2024-09-01", student: student),
                record(parent, .living, 9000, "2023-12-31"), record(parent, .living, 700, "2024-05-01", .agency("民政")),
                record(other, .medical, 300, "2024-02-02"),
            ] { try writer.insert(aid) }
        }
        let earlier = try store.earlierUnionAid(year: 2024)
        #expect(try earlier.paid(to: [parent])[.living] == .yuan(6000))
        #expect(try earlier.paid(to: [parent])[.education] == .yuan(2500))
        #expect(earlier.education(of: student) == .yuan(2500))
        #expect(try earlier.paid(to: [parent, other]).sum(.living, .education, .medical) == .yuan(8800))
    }
}
