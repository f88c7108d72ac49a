import BangfuCore
import Foundation
import Testing

/// `bangfu demo` runs the sample year end to end (issue: the sample year).
@Suite(.serialized)
struct DemoTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The generator that wrote `import/sample/` (its README gives the command).
    static let sample = SampleGenerator(seed: 2024, households: 400, modelWorkers: 100, year: 2024, plantsDuplicates: true)

    /// Runs `bangfu demo` from the project folder; returns what it printed on stdout.
    func runDemo(_ arguments: [String] = []) throws -> (CommandRunner, String, String) {
        let runner = try CommandRunner()
        let out = runner.folder.appendingPathComponent("demo").path
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["demo", "--out", out] + arguments
        process.currentDirectoryURL = Self.root
        let output = Pipe()
        // stderr goes to a file, so that neither stream can fill a pipe and block the demo.
        let errors = runner.folder.appendingPathComponent("demo-stderr.txt")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(text)\(stderr)")
        return (runner, out, text)
    }

    /// The demo imports through the same use case as `bangfu import`, and takes every step
    /// as the account of its role: each leaves its audit line with that login.
    @Test func theDemosImportsAreInTheAuditTrail() throws {
        let (runner, out, _) = try runDemo()
        let database = (out as NSString).appendingPathComponent("demo.sqlite")
        let audit = try runner.run(["audit", "--format", "json", "--db", database], withDatabase: false)
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let imports = lines.filter { ($0["action"] as? String)?.hasPrefix("import ") == true }
        #expect(imports.map { $0["action"] as? String } == ["import households", "import members", "import model-workers", "import aid"])
        #expect(imports.allSatisfy { $0["actor"] as? String == "zhouting" }, "the clerk's account")
        // Each step by the account of its role (spec §8): the demo made them.
        let approvals = lines.filter { $0["action"] as? String == "batch approve" }
        #expect(approvals.count == 8 && approvals.allSatisfy { $0["actor"] as? String == "wangzhuxi" })
        #expect(lines.filter { $0["action"] as? String == "batch pay" }.allSatisfy { $0["actor"] as? String == "liufang" })
        let accounts = try runner.run(["user", "list", "--format", "json", "--db", database], withDatabase: false)
        let logins = (try JSONSerialization.jsonObject(with: Data(accounts.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["login"] as? String }
        #expect(logins == ["liqiang", "liufang", "wangzhuxi", "zhangmin", "zhouting"])
    }

    @Test func aGivenDatabaseIsWhereTheDemoBuildsFromAnyFolderButNotOverARealOne() throws {
        // Run from the runner's folder, outside the clone: the sample is found beside the binary.
        let runner = try CommandRunner()
        let out = runner.folder.appendingPathComponent("demo").path
        let built = try runner.run(["--db", runner.database, "demo", "--out", out], withDatabase: false)
        #expect(built.status == 0, "\(built.stderr)")
        let batches = try #require(try json(runner, ["batch", "list"], database: runner.database) as? [[String: Any]])
        #expect(batches.count == 8)
        #expect(!FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("demo.sqlite")))
        // A second demo would wipe what is now a database with records: refused, data kept.
        let again = try runner.run(["demo", "--db", runner.database, "--out", out], withDatabase: false)
        #expect(again.status == 1)
        #expect(again.stderr.contains("演示不会覆盖"))
        #expect((try json(runner, ["batch", "list"], database: runner.database) as? [[String: Any]])?.count == 8)
        // Nor is a file of something else.
        let notes = try runner.file("notes.sqlite", "not a database at all")
        #expect(try runner.run(["demo", "--db", notes, "--out", out], withDatabase: false).status == 1)
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "not a database at all")
    }

    @Test func withJSONTheDemoPrintsEachProjectsFormAndOnlyThatOnStdout() throws {
        let (_, _, text) = try runDemo(["--format", "json"])
        let forms = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(forms.count == 4)
        for form in forms {
            #expect(Set(form.keys) == [
                "project", "year", "budget_fen", "executed_fen", "execution_rate", "execution_score", "indicators", "total_score", "grade",
                "entries_not_reported",
            ])
        }
    }

    func json(_ runner: CommandRunner, _ arguments: [String], database: String) throws -> Any {
        let result = try runner.run(arguments + ["--format", "json", "--db", database], withDatabase: false)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func theShippedSampleIsWhatTheGeneratorWrites() throws {
        let runner = try CommandRunner()
        let out = runner.folder.appendingPathComponent("sample").path
        #expect(try runner.run(["generate", "--households", "400", "--model-workers", "100", "--seed", "2024", "--plant-duplicates", "--out", out],
                               withDatabase: false).status == 0)
        for name in ["households.csv", "members.csv", "model-workers.csv", "aid.csv"] {
            let shipped = try Data(contentsOf: Self.root.appendingPathComponent("import/sample/\(name)"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(name)) == shipped, "\(name)")
        }
    }

    @Test func theDemoRunsTheYearAndFindsExactlyThePlantedDuplicates() throws {
        let (runner, out, text) = try runDemo()
        let database = (out as NSString).appendingPathComponent("demo.sqlite")
        // Every batch paid, each step by a different person.
        let batches = try #require(try json(runner, ["batch", "list"], database: database) as? [[String: Any]])
        #expect(batches.count == 8)
        #expect(batches.allSatisfy { $0["status"] as? String == "paid" })
        let policy = Self.root.appendingPathComponent("policies/qingdao-2024.toml").path
        let report = try #require(try json(runner, ["duplicates", "--year", "2024", "--policy", policy], database: database) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let found = findings.map { "\($0["code"] as? String ?? "") \(($0["id_numbers"] as? [String] ?? []).joined(separator: ","))" }.sorted()
        let planted = Self.sample.plantedFindings.map { "\($0.code.rawValue) \($0.idNumbers.joined(separator: ","))" }.sorted()
        #expect(found == planted)
        #expect(planted.count == FindingCode.allCases.count)
        // The year-end 医疗救助's return (import/sample/bank-return*.csv, DemoYear.returns): 91 of
        // 94 transfers arrived, 董秋伟's after a re-issue too; 林芳's cancelled; 朱一蕾's failed twice.
        let yearEnd = try #require(try json(runner, ["batch", "show", "8"], database: database) as? [String: Any])
        let states = (yearEnd["entries"] as? [[String: Any]] ?? []).compactMap { $0["transfer_state"] as? String }
        #expect(states.filter { $0 == "transferred" }.count == 92)
        #expect(states.filter { $0 == "failed" } == ["failed"])
        #expect(states.filter { $0 == "cancelled" } == ["cancelled"])
        // The summary is the last thing printed before the output folder.
        #expect(text.contains("项目绩效自评情况汇总表"))
        #expect(text.hasSuffix("s]\n"))
        for name in ["重复救助检查-2024.xlsx", "项目绩效自评情况汇总表.xlsx", "自评表-市劳模困难救助.xlsx", "公示-1-2024年春节困难职工生活救助.xlsx",
                     "发放-1-2024年春节困难职工生活救助.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(name)), "\(name)")
        }
    }

    /// A form's 执行数 is what its paid batches' transfers delivered: an entry whose transfer
    /// failed or was cancelled (the year-end 医疗救助's return, `DemoYear.returns`) is no
    /// money paid.
    @Test func eachFormsExecutedAmountIsTheSumOfItsPaidBatchesWithinItsBudget() throws {
        let (runner, out, _) = try runDemo()
        let database = (out as NSString).appendingPathComponent("demo.sqlite")
        let batches = try #require(try json(runner, ["batch", "list"], database: database) as? [[String: Any]])
        var paid: [String: Int] = [:]
        for listed in batches {
            let id = try #require(listed["id"] as? Int)
            let batch = try #require(try json(runner, ["batch", "show", "\(id)"], database: database) as? [String: Any])
            let entries = try #require(batch["entries"] as? [[String: Any]])
            let delivered = entries.filter { !["failed", "cancelled"].contains($0["transfer_state"] as? String) && $0["eligible"] as? Bool == true }
            if let project = batch["project"] as? String { paid[project, default: 0] += delivered.reduce(0) { $0 + ($1["amount_fen"] as? Int ?? 0) } }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("policies/projects").path).filter { $0.hasSuffix(".toml") }
        #expect(files.count == 4)
        for file in files {
            let path = Self.root.appendingPathComponent("policies/projects/\(file)").path
            let form = try #require(try json(runner, ["indicators", "--project", path], database: database) as? [String: Any])
            let project = try #require(form["project"] as? String)
            let executed = try #require(form["executed_fen"] as? Int)
            // Every shipped project has paid batches, and they fit its budget (issue 16).
            #expect(executed == paid[project], "\(file)")
            #expect(executed > 0, "\(file)")
            #expect(executed <= form["budget_fen"] as? Int ?? 0, "\(file)")
        }
    }
}
