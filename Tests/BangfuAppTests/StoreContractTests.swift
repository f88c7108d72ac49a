import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// What every database behind BangfuApp owes the use cases (`RecordStore`, `BatchStore`,
/// `CheckStore`, `AuditStore`), written once over the protocols: a second store (PostgreSQL)
/// adds itself to `implementations` and must pass the same suite. Numbers are those of the
/// sample year (`import/sample/`, README's walk-through).
struct StoreContractTests {
    /// One database behind the protocols, made empty for each test.
    struct Implementation: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable () throws -> Lease
        var testDescription: String { name }
    }

    /// A store for one test, and the files it goes with.
    final class Lease {
        let store: any AppStore
        let files: [String]
        init(_ store: any AppStore, files: [String] = []) {
            self.store = store
            self.files = files
        }
        deinit { for file in files { try? FileManager.default.removeItem(atPath: file) } }
    }

    static let implementations = [
        Implementation(name: "SQLite (BangfuDatabase) in memory") { Lease(try BangfuDatabase()) },
        Implementation(name: "SQLite (BangfuDatabase) on a file") {
            let path = temporaryDatabase()
            return Lease(try BangfuDatabase(path: path), files: ["", "-wal", "-shm"].map { path + $0 })
        },
        Implementation(name: "SQLite (BangfuDatabase) with a pool of readers, as a server opens it") {
            let path = temporaryDatabase()
            return Lease(try BangfuDatabase(path: path, concurrentReads: true), files: ["", "-wal", "-shm"].map { path + $0 })
        },
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let policy = root.appendingPathComponent("policies/qingdao-2024.toml").path
    static let clerk = RequestContext(actor: DemoYear.clerk, on: CalendarDate(year: 2024, month: 1, day: 20)!)

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-contract-\(UUID().uuidString).sqlite").path
    }

    /// The sample's four files imported through the one import use case.
    static func sampleStore(_ implementation: Implementation) throws -> Lease {
        let lease = try implementation.make()
        for kind in ImportKind.allCases {
            _ = try Imports.run(kind, path: root.appendingPathComponent("import/sample/\(kind.rawValue).csv").path, into: lease.store, context: clerk)
        }
        return lease
    }

    /// The sample's January 生活救助, computed.
    static func computedLivingBatch(_ store: any AppStore, project: String? = nil) throws -> Int64 {
        let request = BatchRequest(kind: .living, policyPath: policy, date: CalendarDate(year: 2024, month: 1, day: 20)!, name: "2024年春节前生活救助", project: project)
        let id = try Batches.create(request, in: store, context: clerk)
        _ = try Batches.compute(batch: id, in: store, context: clerk)
        return id
    }

    static func context(_ person: Person) -> RequestContext { RequestContext(actor: person, on: CalendarDate(year: 2024, month: 1, day: 22)!) }

    static func approved(_ store: any AppStore, _ id: Int64) throws {
        _ = try Batches.review(batch: id, stage: .first, in: store, context: context(DemoYear.firstReviewer))
        _ = try Batches.review(batch: id, stage: .second, in: store, context: context(DemoYear.secondReviewer))
        _ = try Batches.approve(batch: id, in: store, context: context(DemoYear.approver))
    }

    @Test(arguments: implementations)
    func importedRecordsAreCountedAndAFileImportedTwiceChangesNothing(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        let counts = try store.recordCounts()
        // README's walk-through: 400 households, 1224 members, 100 model workers, 404 aid rows.
        #expect(counts == RecordCounts(households: 400, members: 1224, modelWorkers: 100, aidRecords: 404))
        let again = try Imports.run(.aid, path: Self.root.appendingPathComponent("import/sample/aid.csv").path, into: store, context: Self.clerk)
        #expect((again.written, again.skipped) == (0, 404))
        #expect(try store.recordCounts() == counts)
    }

    @Test(arguments: implementations)
    func aComputedBatchIsReadBackWithItsEntriesAndTotal(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        let id = try Self.computedLivingBatch(store)
        let batch = try store.batch(id)
        // README: 380 entries, 353 eligible, 1,559,746.00 yuan, 低保 1045 (002:2201–2203).
        #expect(batch.status == .computed)
        #expect(batch.total == Money(fen: 155_974_600))
        #expect(batch.dibaoMonthly == Money(fen: 104_500))
        let entries = try store.entries(ofBatch: id)
        #expect(entries.count == 380)
        #expect(try store.payableEntries(ofBatch: id).count == 353)
        #expect(try store.batches().map(\.id) == [id])
    }

    @Test(arguments: implementations)
    func theApprovalPathGoesInOrderAndOnePersonDoesOneStep(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        let id = try Self.computedLivingBatch(store)
        #expect(throws: BatchStoreError.refused(batch: id, .reviewsMissing([.first, .second]))) {
            try Batches.approve(batch: id, in: store, context: Self.context(DemoYear.approver))
        }
        #expect(try Batches.review(batch: id, stage: .first, in: store, context: Self.context(DemoYear.firstReviewer)) == .firstReviewed)
        #expect(throws: BatchStoreError.self) {
            try Batches.review(batch: id, stage: .second, in: store, context: Self.context(DemoYear.firstReviewer))
        }
        #expect(try Batches.review(batch: id, stage: .second, in: store, context: Self.context(DemoYear.secondReviewer)) == .secondReviewed)
        #expect(throws: BatchStoreError.self) { try Batches.approve(batch: id, in: store, context: Self.context(DemoYear.secondReviewer)) }
        #expect(try Batches.approve(batch: id, in: store, context: Self.context(DemoYear.approver)) == .approved)
        #expect(throws: BatchStoreError.refused(batch: id, .frozen(action: "审批", status: .approved))) {
            try Batches.approve(batch: id, in: store, context: Self.context(DemoYear.approver))
        }
        #expect(throws: BatchStoreError.self) { try Batches.compute(batch: id, in: store, context: Self.clerk) }
    }

    @Test(arguments: implementations)
    func anExclusionLeavesTheTotalAndTheLists(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        let id = try Self.computedLivingBatch(store)
        let first = try #require(try store.payableEntries(ofBatch: id).first)
        let excluded = try Batches.exclude(batch: id, idNumber: first.idNumber, reason: "核实有误", in: store, context: Self.context(DemoYear.firstReviewer))
        #expect(excluded == 1)
        #expect(try store.batch(id).total == Money(fen: 155_974_600 - first.amount.fen))
        #expect(try store.payableEntries(ofBatch: id).count == 352)
        #expect(throws: BatchStoreError.noSuchEntry(batch: id, idNumber: first.idNumber.value)) {
            try Batches.exclude(batch: id, idNumber: first.idNumber, reason: "again", in: store, context: Self.clerk)
        }
    }

    @Test(arguments: implementations)
    func aPaymentWritesTheAidOnceAndTheYearCountsIt(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        let id = try Self.computedLivingBatch(store)
        try Self.approved(store, id)
        let before = try store.recordCounts().aidRecords
        let paidOn = CalendarDate(year: 2024, month: 1, day: 25)!
        let paid = try Batches.pay(batch: id, on: paidOn, payer: DemoYear.payer, in: store, context: Self.context(DemoYear.payer))
        #expect(paid.records == 353)
        #expect(paid.total == Money(fen: 155_974_600))
        #expect(try store.recordCounts().aidRecords == before + 353)
        #expect(try store.batch(id).status == .paid)
        #expect(throws: BatchStoreError.refused(batch: id, .alreadyPaid)) {
            try Batches.pay(batch: id, on: paidOn, payer: nil, in: store, context: Self.clerk)
        }
        // A later batch of the year counts the payment: the July batch's households have less room.
        let july = BatchRequest(kind: .living, policyPath: Self.policy, date: CalendarDate(year: 2024, month: 7, day: 20)!, name: "七月")
        let second = try Batches.create(july, in: store, context: Self.clerk)
        let computed = try Batches.compute(batch: second, in: store, context: Self.clerk)
        #expect(computed.computation.total < Money(fen: 155_974_600 * 2))
        #expect(try store.entries(ofBatch: second).contains { $0.computed.reasons.contains { $0.hasPrefix("本年已获生活救助") } })
    }

    @Test(arguments: implementations)
    func theAuditTrailKeepsEveryStepInOrderWithItsPerson(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        let id = try Self.computedLivingBatch(store)
        try Self.approved(store, id)
        let lines = try store.auditLines(batch: nil)
        #expect(lines.map(\.action) == [
            .importFile("households"), .importFile("members"), .importFile("model-workers"), .importFile("aid"),
            .batchCreate, .batchCompute, .batchReview(.first), .batchReview(.second), .batchApprove,
        ])
        #expect(lines.map(\.actor).suffix(3) == [DemoYear.firstReviewer.name, DemoYear.secondReviewer.name, DemoYear.approver.name])
        #expect(try store.auditLines(batch: id).count == 5)
        try store.appendAudit(actor: "张敏", action: .batchExport, batchID: id, detail: "notice list", at: "2024-01-21T09:00:00+08:00")
        #expect(try store.auditLines(batch: id).last?.action == .batchExport)
    }

    /// The whole sample year through the use cases: the duplicate check finds exactly what
    /// the generator planted, and each project's executed amount is its paid batches'.
    @Test(arguments: implementations)
    func theSampleYearFindsThePlantedDuplicatesAndFillsTheProjects(_ implementation: Implementation) throws {
        let lease = try Self.sampleStore(implementation)
        let store = lease.store
        var paidByProject: [String: Money] = [:]
        for plan in DemoYear.batches {
            let request = BatchRequest(kind: plan.kind, policyPath: Self.policy, date: plan.date, name: plan.name, project: plan.project)
            let id = try Batches.create(request, in: store, context: Self.clerk)
            _ = try Batches.compute(batch: id, in: store, context: Self.clerk)
            try Self.approved(store, id)
            let paid = try Batches.pay(batch: id, on: plan.paidOn, payer: DemoYear.payer, in: store, context: Self.context(DemoYear.payer))
            if let project = plan.project { paidByProject[project, default: .zero] = try paidByProject[project, default: .zero].adding(paid.total) }
        }
        let report = try DuplicateChecks.report(year: DemoYear.year, policyPath: Self.policy, in: store)
        let sample = SampleGenerator(seed: 2024, households: 400, modelWorkers: 100, year: 2024, plantsDuplicates: true)
        let found = report.findings.map { "\($0.code.rawValue) \($0.idNumbers.joined(separator: ","))" }.sorted()
        #expect(found == sample.plantedFindings.map { "\($0.code.rawValue) \($0.idNumbers.joined(separator: ","))" }.sorted())
        for (project, paid) in paidByProject {
            let executed = try store.readProjectInputs(project: project, year: DemoYear.year) { try $0.count(.amountFen, kind: nil) }
            #expect(Money(fen: executed) == paid, "\(project)")
        }
    }
}
