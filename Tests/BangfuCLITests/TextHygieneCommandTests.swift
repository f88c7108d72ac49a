import Foundation
import Testing

/// `--by` names a person as an imported name does, and a table never carries a control
/// character to the terminal (issue 21).
@Suite(.serialized)
struct TextHygieneCommandTests {
    @Test func aSecondStepByTheSameNameWithAZeroWidthSpaceIsRefused() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        #expect(try runner.run(["batch", "review", id, "--stage", "first", "--by", "张敏"]).status == 0)
        for name in ["张敏\u{200B}", "\u{200B}张敏", "张\u{200B}敏", "张 敏"] {
            let again = try runner.run(["batch", "review", id, "--stage", "second", "--by", name])
            #expect(again.status == 1)
            #expect(again.stderr.contains("张敏 已执行本批次的初审，不能再执行复审"))
        }
    }

    @Test func aByWithALineBreakIsRefusedAsAnInvalidValue() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        let review = try runner.run(["batch", "review", id, "--stage", "first", "--by", "a\nb"])
        #expect(review.status == 2)
        #expect(review.stderr.hasPrefix("--by 的值「a\\u{A}b」不是有效的姓名"))
        let create = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20", "--name", "x", "--by", "a\u{1B}[2Jb"])
        #expect(create.status == 2)
        #expect(!create.stderr.contains("\u{1B}"))
        #expect(try runner.run(["audit", "--format", "json"]).stdout.contains("a\\nb") == false)
    }

    @Test func anExclusionReasonWithAnEscapeSequenceIsRefused() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        let excluded = try runner.run(["batch", "exclude", id, "--id-number", CommandRunner.idNumber(1975, 1), "--reason", "核实\u{1B}[2J有误", "--by", "张敏"])
        #expect(excluded.status == 2)
        #expect(excluded.stderr.contains("--reason"))
        #expect(!excluded.stderr.contains("\u{1B}"))
        let named = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20", "--name", "春节\u{202E}救助"])
        #expect(named.status == 2)
        #expect(named.stderr.contains("--name"))
    }

    @Test func anAuditTableShowsAStoredControlCharacterEscaped() throws {
        // Given an audit line with an escape sequence and a line break, as a database written
        // before text was checked may hold
        let runner = try CommandRunner.withSmallArchive()
        try #require(try runner.sqlite(
            "INSERT INTO audit(at, actor, action, detail) VALUES ('2024-01-20T09:00:00+08:00', '张敏', 'batch exclude', '核实' || char(27) || '[2J有误' || char(10) || '伪造行')"))
        // When the trail is shown as a table
        let table = try runner.run(["audit"]).stdout
        // Then the escape and the line break are shown as codes, not sent to the terminal
        #expect(table.contains("核实\\u{1B}[2J有误\\u{A}伪造行"))
        #expect(!table.contains("\u{1B}"))
        #expect(!table.contains("\n伪造行"))
    }

    @Test func importRefusesAFileWithoutLineBreaksQuickly() throws {
        let runner = try CommandRunner()
        let path = runner.folder.appendingPathComponent("zero.csv").path
        try Data(repeating: 0, count: 3 << 20).write(to: URL(fileURLWithPath: path))
        let result = try runner.run(["import", "households", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("不是文本CSV文件"))
    }
}
