import Foundation
import Testing

/// Several `bangfu` at once on one database, and files that are missing or read-only
/// (issue 21, "Availability and locking"): readers never wait for a writer, and opening a
/// database that is up to date writes nothing.
@Suite struct DatabaseAccessTests {
    /// A `sqlite3` shell that holds the write lock of `database` until `release()`.
    final class HeldWriteLock {
        private let process = Process()
        private let input = Pipe()

        init(on database: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [database]
            process.standardInput = input
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nINSERT INTO audit(at, actor, action) VALUES ('x', 'x', 'x');\nSELECT 'held';\n".utf8))
            var said = Data()
            while !String(decoding: said, as: UTF8.self).contains("held") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said.append(chunk)
            }
        }

        func release() {
            input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
            process.waitUntilExit()
        }
    }

    @Test func readsAndAnUpToDateOpenSucceedWhileAnotherProcessHoldsTheWriteLock() throws {
        let runner = try CommandRunner.withSmallArchive()
        _ = try runner.computedBatch("living", date: "2024-01-20")
        let lock = try HeldWriteLock(on: runner.database)
        defer { lock.release() }

        let started = Date()
        for arguments in [["households", "list"], ["batch", "list", "--format", "json"], ["batch", "show", "1"], ["audit"], ["init"]] {
            let result = try runner.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // None of them waited for the lock (each would have waited 10 s for it).
        #expect(Date().timeIntervalSince(started) < 8)
    }

    @Test func aReadDuringAPaymentSucceedsAndSeesTheBatchAsItWasBefore() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)

        let payment = try runner.paymentPausedInside(batch: id)
        defer {
            kill(payment.processIdentifier, SIGKILL)
            payment.waitUntilExit()
        }

        // The payment holds its write transaction: readers see the batch approved, unpaid.
        #expect(try runner.batchJSON(id)["status"] as? String == "approved")
        let listed = try runner.run(["households", "list", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try runner.run(["duplicates", "--year", "2024"]).status == 0)
        #expect(payment.isRunning, "the payment still holds its transaction: the reads did not wait for it")
    }

    @Test func aReadingCommandOnAMissingDatabaseSaysSoAndCreatesNothing() throws {
        let runner = try CommandRunner()
        for arguments in [["households", "list"], ["batch", "list"], ["batch", "show", "1"], ["audit"], ["duplicates", "--year", "2024"]] {
            let result = try runner.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("不存在"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("no database at"))
        }
        #expect(!FileManager.default.fileExists(atPath: runner.database))
        #expect(try FileManager.default.contentsOfDirectory(atPath: runner.folder.path).isEmpty)
    }

    /// Run as another user (`nobody`) on a file and folder that user may only read: the
    /// listings work, and a command that writes says it cannot, in Chinese, without SQL.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aReadOnlyDatabaseCanBeListedAndRefusesWritesClearly() throws {
        let runner = try CommandRunner.withSmallArchive()
        let folder = runner.folder.appendingPathComponent("readonly")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = folder.appendingPathComponent("archive.sqlite").path
        try FileManager.default.copyItem(atPath: runner.database, toPath: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        for path in [folder.path, runner.folder.path] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }

        func asNobody(_ arguments: [String]) throws -> CommandRunner.Result {
            try runner.run(
                ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.executable.path] + arguments
                    + ["--db", database], withDatabase: false, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        }
        let listed = try asNobody(["households", "list", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("QD-001"))
        let written = try asNobody(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20", "--name", "x"])
        #expect(written.status == 1)
        #expect(written.stderr.contains("无法写入数据库文件"), "\(written.stderr)")
        #expect(!written.stderr.contains("CREATE TABLE"))
    }

    @Test func theDemoKeepsADatabaseWhoseOnlyContentIsAuditLines() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["init"]).status == 0)
        try #require(try runner.sqlite("INSERT INTO audit(at, actor, action, detail) VALUES ('2024-01-20T09:00:00+08:00', '张敏', 'import households', '400 rows')"))

        let demo = try runner.run(["demo", "--db", runner.database, "--out", runner.folder.appendingPathComponent("demo").path], withDatabase: false)
        #expect(demo.status == 1)
        #expect(demo.stderr.contains("不是空的 Bangfu 数据库"))
        #expect(try runner.run(["audit", "--format", "json"]).stdout.contains("张敏"))
    }
}
