import Foundation
import Testing

/// Every refusal is a sentence for a person, in Chinese and English, with exit 1: never
/// Foundation's or SQLite's own wording (issue 21: `NSCocoaErrorDomain Code=256`,
/// `CREATE TABLE grdb_issue_102`, backtraces).
struct ErrorWordingTests {
    static let internals = ["NSCocoaErrorDomain", "Error Domain", "CREATE TABLE", "grdb", "Fatal error", "backtrace"]

    func expectPlain(_ result: CommandRunner.Result, _ words: String, _ arguments: [String]) {
        #expect(result.status == 1, "\(arguments)")
        #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
        for word in Self.internals { #expect(!result.stderr.contains(word), "\(arguments): \(result.stderr)") }
    }

    @Test func aFolderGivenAsAFileIsSaidToBeAFolder() throws {
        let runner = try CommandRunner()
        let folder = runner.folder.path
        #expect(try runner.run(["init"]).status == 0)
        expectPlain(try runner.run(["import", "households", folder]), "这是一个文件夹，不是文件", ["import"])
        for arguments in [["policy", "check", folder], ["indicators", "check", folder]] {
            expectPlain(try runner.run(arguments, withDatabase: false), "这是一个文件夹，不是文件", arguments)
        }
        let create = ["batch", "create", "--kind", "living", "--policy", folder, "--date", "2024-01-20", "--name", "x"]
        expectPlain(try runner.run(create), "这是一个文件夹，不是文件", create)
    }

    @Test func aMissingFileIsSaidToBeMissing() throws {
        let runner = try CommandRunner()
        let missing = runner.folder.appendingPathComponent("没有这个文件.csv").path
        expectPlain(try runner.run(["import", "aid", missing]), "文件不存在", ["import"])
        expectPlain(try runner.run(["policy", "check", missing], withDatabase: false), "文件不存在", ["policy"])
    }

    @Test func anOutputFolderThatCannotBeMadeIsSaidPlainly() throws {
        let runner = try CommandRunner()
        let blocker = try runner.file("a-file.txt", "x")
        let arguments = ["generate", "--households", "3", "--out", blocker + "/data"]
        expectPlain(try runner.run(arguments, withDatabase: false), "路径中有一段不是文件夹", arguments)
    }

    @Test func aDatabaseThatIsNotOneIsSaidSo() throws {
        let runner = try CommandRunner()
        let notes = try runner.file("notes.sqlite", "这不是数据库\n")
        for arguments in [["households", "list"], ["init"]] {
            expectPlain(try runner.run(arguments + ["--db", notes], withDatabase: false), "该文件不是数据库文件", arguments)
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "这不是数据库\n")
    }
}
