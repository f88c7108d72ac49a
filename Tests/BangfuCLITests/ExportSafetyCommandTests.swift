import Foundation
import Testing

/// Outputs that would destroy the database or each other, exports that fail midway, the
/// bank list's control file, and formulas in csv.
@Suite(.serialized)
struct ExportSafetyCommandTests {
    /// An approved education batch of the small archive.
    func approvedBatch() throws -> (CommandRunner, String) {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("education", date: "2024-09-10", name: "2024年秋季助学")
        try runner.approve(id)
        return (runner, id)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func anExportOntoTheDatabaseOrAFileBesideItIsRefusedAndTheDatabaseKept() throws {
        let (runner, id) = try approvedBatch()
        let folder = runner.folder.path
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.xlsx", withDestinationPath: runner.database)
        try FileManager.default.linkItem(atPath: runner.database, toPath: folder + "/hard.xlsx")
        let before = try bytes(runner.database)
        for target in [runner.database, "test.sqlite", "./test.sqlite-wal", folder + "/test.sqlite-journal", "test.sqlite-shm", "link.xlsx", "hard.xlsx"] {
            for option in ["--notice", "--bank"] {
                let refused = try runner.run(["batch", "export", id, option, target])
                #expect(refused.status == 1, "\(option) \(target)")
                #expect(refused.stderr.contains("就是数据库"), "\(refused.stderr)")
                #expect(refused.stderr.contains("writing it would destroy the database"))
            }
        }
        #expect(try bytes(runner.database) == before)
        #expect(try runner.run(["batch", "show", id]).status == 0)
    }

    @Test func theNoticeAndTheBankListNamingOneFileAreRefused() throws {
        let (runner, id) = try approvedBatch()
        let refused = try runner.run(["batch", "export", id, "--notice", "list.xlsx", "--bank", "./list.xlsx"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--notice 与 --bank 是同一个文件"))
        #expect(!FileManager.default.fileExists(atPath: runner.folder.appendingPathComponent("list.xlsx").path))
        let control = try runner.run(["batch", "export", id, "--notice", "bank.csv.sum", "--bank", "bank.csv"])
        #expect(control.status == 1)
        #expect(control.stderr.contains("同一个文件 bank.csv.sum"))
    }

    @Test func theDuplicatesAndIndicatorsOutputsAreNeverTheDatabase() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["init"]).status == 0)
        let duplicates = try runner.run(["duplicates", "--year", "2024", "--out", "test.sqlite"])
        #expect(duplicates.status == 1)
        #expect(duplicates.stderr.contains("--out 的文件 test.sqlite 就是数据库"))
        let indicators = try runner.run(["indicators", "evaluate", "--project", "p.toml", "--out", "test.sqlite-wal"])
        #expect(indicators.status == 1)
        #expect(indicators.stderr.contains("就是数据库的附属文件"))
        #expect(try runner.run(["batch", "list"]).status == 0)
    }

    @Test func theBankCSVHasAControlFileWithItsCountTotalAndDigest() throws {
        let (runner, id) = try approvedBatch()
        let exported = try runner.run(["batch", "export", id, "--bank", "bank.csv"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("校验文件：bank.csv.sum"))
        let control = String(decoding: try bytes(runner.folder.appendingPathComponent("bank.csv.sum").path), as: UTF8.self)
        let lines = control.split(separator: "\n")
        #expect(lines.prefix(3) == ["file=bank.csv", "rows=1", "total=13000.00"])
        let digest = try #require(lines.last?.split(separator: "=").last.map(String.init))
        #expect(digest == (try CommandRunner.digest("sha256sum", of: runner.folder.appendingPathComponent("bank.csv").path)))
        // No control file for an xlsx: a zip whose end is missing does not open.
        #expect(try runner.run(["batch", "export", id, "--bank", "bank.xlsx"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: runner.folder.appendingPathComponent("bank.xlsx.sum").path))
    }

    @Test func aBankExportThatFailsMidwayLeavesTheEarlierListAndControlFileWhole() throws {
        // A list longer than the 32 KiB of file the export is then allowed to write.
        let runner = try CommandRunner()
        let data = runner.folder.appendingPathComponent("generated").path
        #expect(try runner.run(["generate", "--households", "2000", "--out", data], withDatabase: false).status == 0)
        for kind in ["households", "members"] {
            #expect(try runner.run(["import", kind, data + "/\(kind).csv"]).status == 0)
        }
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        let list = runner.folder.appendingPathComponent("bank.csv").path
        #expect(try runner.run(["batch", "export", id, "--bank", list]).status == 0)
        let (before, controlBefore) = (try bytes(list), try bytes(list + ".sum"))
        #expect(before.count > 64 * 1024)

        let failed = try runLimited(["batch", "export", id, "--bank", list, "--db", runner.database], in: runner.folder)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("写入文件失败"), "\(failed.stderr)")
        #expect(failed.stderr.contains("原有的同名文件保持不变"))
        #expect(try bytes(list) == before)
        #expect(try bytes(list + ".sum") == controlBefore)
        let left = try FileManager.default.contentsOfDirectory(atPath: runner.folder.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test func aFormulaInANameIsListedAsTextAndImportsBackAsItWas() throws {
        let runner = try CommandRunner()
        let name = "=HYPERLINK(\"http://x\",\"王\")"
        let households = """
            档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
            QD-001,"=HYPERLINK(""http://x"",""王"")",\(CommandRunner.idNumber(1975, 1)),@单位,港工会,深度困难,2022-03-15,3,12000,,-病,13812345678,工行,6222020200112233446,在档
            """
        #expect(try runner.run(["import", "households", try runner.file("h.csv", households)]).status == 0)
        let listed = try runner.run(["households", "list", "--format", "csv"])
        #expect(listed.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"王\"\")\""), "\(listed.stdout)")
        #expect(listed.stdout.contains(",'@单位,"))
        #expect(listed.stdout.contains(",'-病,"))
        #expect(listed.stdout.contains(",12000.00,"))

        let again = try CommandRunner()
        #expect(try again.run(["import", "households", try again.file("listed.csv", listed.stdout)]).status == 0)
        let json = try again.run(["households", "list", "--format", "json"]).stdout
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(stored.first?["head_name"] as? String == name)
        #expect(try again.run(["households", "list", "--format", "csv"]).stdout == listed.stdout)
    }

    @Test func anXlsxIntoAMissingFolderSaysSoWithoutTheLibrarysOwnLines() throws {
        let (runner, id) = try approvedBatch()
        let result = try runner.run(["batch", "export", id, "--notice", "/nonexistent/dir/n.xlsx"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("无法创建文件"))
        #expect(!result.stderr.contains("[ERROR]"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func theDemoNeverWritesAListOverItsOwnDatabase() throws {
        let runner = try CommandRunner()
        let out = runner.folder.appendingPathComponent("demo").path
        let database = out + "/重复救助检查-2024.xlsx"
        let refused = try runner.run(["--db", database, "demo", "--out", out], withDatabase: false)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("demo 的文件 \(database) 就是数据库"), "\(refused.stderr)")
        let stored = try runner.run(["batch", "list", "--format", "csv", "--db", database], withDatabase: false)
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(stored.stdout.split(separator: "\n").count > 1)
    }

    /// `bangfu ARGS` allowed to write files of at most 32 KiB (a disk that fills midway);
    /// the signal that would kill it is ignored, so that the write fails instead.
    func runLimited(_ arguments: [String], in folder: URL) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\"", CommandRunner.executable.path] + arguments
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: errData, as: UTF8.self))
    }
}
