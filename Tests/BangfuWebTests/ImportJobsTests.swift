import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Testing

/// `ImportJobs`: the wizard's checks and imports in the background, by job id, per account.
struct ImportJobsTests {
    /// A clock a test moves by hand.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var moment = Date(timeIntervalSince1970: 1_733_450_000)
        var now: Date { lock.withLock { moment } }
        func advance(_ seconds: TimeInterval) { lock.withLock { moment += seconds } }
    }

    /// The API tests' store with two clerks of the whole city, lu and zhao.
    func store() throws -> (BangfuDatabase, lu: Account, zhao: Account) {
        let store = try APITests().store()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        for login in ["lu", "zhao"] {
            _ = try Accounts.add(AccountRequest(login: login, name: login, roles: [.clerk], union: nil), password: "Secret2024pass", in: store, context: shell)
        }
        return (store, try #require(try store.account("lu")), try #require(try store.account("zhao")))
    }

    /// An uploaded households file holding `lines`.
    func upload(_ lines: String...) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-upload-test-\(UUID().uuidString)")
        try Data(([APITests.header] + lines).joined(separator: "\n").utf8).write(to: url)
        return url
    }

    /// The job once it has finished (polled as a page would, at most 20 s).
    func finished(_ id: ImportJobID, in jobs: ImportJobs, for account: Account) async throws -> ImportJobs.Job {
        for _ in 0..<400 {
            let job = try #require(await jobs.job(id, for: account))
            switch job.state {
            case .done, .failed: return job
            case .queued, .reading: try await Task.sleep(for: .milliseconds(50))
            }
        }
        throw CancellationError()
    }

    @Test func aCheckStoresNothingAndItsFileIsThenImportedByItsOwnerOnly() async throws {
        let (store, lu, zhao) = try store()
        let jobs = ImportJobs(store: store)
        let file = try upload(ImportAPITests.newArchive)
        let check = await jobs.start(.households, file: file, named: "家庭档案.csv", mode: .check, by: lu)
        guard case .done(let checked) = try await finished(check, in: jobs, for: lu).state else {
            Issue.record("the check failed")
            return
        }
        #expect(checked.written == 1)
        #expect(try store.recordCounts().households == 2)
        // Another account sees no such job and cannot import the file.
        #expect(await jobs.job(check, for: zhao) == nil)
        await #expect(throws: ImportJobError.notFound) { try await jobs.store(checked: check, by: zhao) }
        // Its owner imports the checked file without uploading it again.
        let stored = try await jobs.store(checked: check, by: lu)
        guard case .done(let imported) = try await finished(stored, in: jobs, for: lu).state else {
            Issue.record("the import failed")
            return
        }
        #expect(imported.written == 1)
        #expect(try store.recordCounts().households == 3)
        #expect(!FileManager.default.fileExists(atPath: file.path), "an import's file goes once it is done")
        await #expect(throws: ImportJobError.notCheckedClean) { try await jobs.store(checked: check, by: lu) }
    }

    @Test func aFileWithProblemsEndsAsFailedWithEveryProblem() async throws {
        let (store, lu, _) = try store()
        let jobs = ImportJobs(store: store)
        let file = try upload("QD-004,钱进,\(APITests.id(4)),海尔,海尔工会,很困难,2024-02-01,4,很多,,,,,,在档")
        let id = await jobs.start(.households, file: file, named: "家庭档案.csv", mode: .check, by: lu)
        guard case .failed(let failure) = try await finished(id, in: jobs, for: lu).state else {
            Issue.record("the check passed")
            return
        }
        #expect(failure.message.hasPrefix("家庭档案.csv：2处错误"))
        #expect(failure.problems.map(\.column) == ["困难类别", "家庭年纯收入"])
        #expect(!FileManager.default.fileExists(atPath: file.path), "a refused file, full of people's data, goes at once")
        await #expect(throws: ImportJobError.notCheckedClean) { try await jobs.store(checked: id, by: lu) }
    }

    @Test func aFinishedJobIsDroppedWithItsFileAfterItsTime() async throws {
        let (store, lu, _) = try store()
        let clock = Clock()
        let jobs = ImportJobs(store: store, keepFinishedFor: 600, now: { clock.now })
        let file = try upload(ImportAPITests.newArchive)
        let id = await jobs.start(.households, file: file, named: "家庭档案.csv", mode: .check, by: lu)
        _ = try await finished(id, in: jobs, for: lu)
        clock.advance(599)
        #expect(await jobs.job(id, for: lu) != nil)
        #expect(FileManager.default.fileExists(atPath: file.path), "a check keeps its file for the import")
        clock.advance(2)
        #expect(await jobs.job(id, for: lu) == nil)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func jobsRunOneAtATimeAndTheNextWaitsQueued() async throws {
        let (store, lu, _) = try store()
        let jobs = ImportJobs(store: store)
        let first = await jobs.start(.households, file: try upload(ImportAPITests.newArchive), named: "a.csv", mode: .check, by: lu)
        let second = await jobs.start(.households, file: try upload(ImportAPITests.newArchive), named: "b.csv", mode: .check, by: lu)
        if case .reading = await jobs.job(first, for: lu)?.state {
            guard case .queued = await jobs.job(second, for: lu)?.state else {
                Issue.record("the second job runs beside the first")
                return
            }
        }
        _ = try await finished(first, in: jobs, for: lu)
        guard case .done = try await finished(second, in: jobs, for: lu).state else {
            Issue.record("the second job did not finish")
            return
        }
    }
}
