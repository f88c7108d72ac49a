import BangfuCore
import BangfuImport
import Testing

/// The filled-form CSV of `bangfu indicators check`, read by the import's reader.
struct FilledFormFormatTests {
    static func read(_ path: String) throws -> [FilledFormCheck.Row] {
        var rows: [FilledFormCheck.Row] = []
        _ = try CSVImporter(format: .filledForm).run(path: path) { row, _ in
            rows.append(row)
            return .written
        }
        return rows
    }

    @Test func aGB18030FileFromExcelIsRead() throws {
        // 000:94 as Excel on a Chinese Windows saves it.
        let fixture = try Fixture()
        let path = try fixture.file("form.csv", "指标名称,指标值,实际完成值,分值,得分\n“两节”期间帮扶困难职工,≥1500,1249,20,18\n", gb18030: true)
        let rows = try Self.read(path)
        #expect(rows.count == 1)
        #expect(rows[0].name == "“两节”期间帮扶困难职工")
        #expect(rows[0].target.op == .atLeast)
        #expect(rows[0].line == 2)
    }

    @Test func pointsMayCarryTheWordFen() throws {
        let fixture = try Fixture()
        let path = try fixture.file("form.csv", "指标名称,指标值,实际完成值,分值,得分\nx,≥1500,1249,20分,16.65分\n", bom: true)
        let rows = try Self.read(path)
        #expect(rows[0].weight == ExactDecimal(20))
        #expect(rows[0].reportedScore == ExactDecimal(units: 1665, scale: 2))
    }

    @Test func everyBadCellIsReported() throws {
        let fixture = try Fixture()
        let path = try fixture.file("form.csv", "指标名称,指标值,实际完成值,分值,得分\n,≥1500,1249,-20,abc\n")
        do {
            _ = try Self.read(path)
            Issue.record("expected the rows to be rejected")
        } catch ImportError.rowsRejected(_, let issues) {
            #expect(issues.map(\.column) == ["指标名称", "分值", "得分"])
        }
    }
}
