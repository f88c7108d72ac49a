import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Testing

/// Bugs found in review, each with the test that would have caught it.
struct ReviewFindingsTests {
    func issues(_ run: () throws -> Void) -> [RowIssue] {
        do {
            try run()
        } catch let error as ImportError {
            return error.issues
        } catch {
            Issue.record("unexpected \(error)")
        }
        Issue.record("the file was accepted")
        return []
    }

    @Test func aModelWorkerInSpecialHardshipWithoutTheCauseColumnIsReportedNotDropped() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let file = try fixture.file("w.csv", """
            姓名,身份证号,荣誉级别,荣誉称号,工作单位,本人年收入,困难类型,联系电话,开户银行,银行账号
            张三,\(testID(1)),市级,青岛市劳动模范,青岛港,30000,特殊困难,13812345678,工行,6222020200112233446
            李四,\(testID(2)),市级,青岛市劳动模范,青岛港,30000,生活困难,13812345678,工行,6222020200112233446
            """)
        let found = issues {
            _ = try store.inTransaction { writer in
                try CSVImporter(format: .modelWorkers).run(path: file) { worker, _ in
                    try writer.upsert(worker)
                    return .written
                }
            }
        }
        #expect(found.map(\.row) == [2])
        #expect(found.first?.column == "特殊困难原因")
        #expect(try store.recordCounts().modelWorkers == 0)
    }

    @Test func unknownArchivesAfterAnEarlierBadRowAreReportedToo() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        _ = try importHouseholds(try fixture.file("h.csv", householdHeader + "\n" + householdLine("QD-001")), into: store)
        let members = try fixture.file("m.csv", """
            档案编号,姓名,身份证号,与户主关系,就学阶段
            QD-001,王小红,\(testID(3, born: 2008)),子女,初中
            QD-009,王小明,\(testID(2, born: 2010)),子女,义务教育
            """)
        let found = issues { _ = try importMembers(members, into: store) }
        #expect(found.map(\.row) == [2, 3])
        #expect(found.last?.value == "QD-009")
    }

    @Test func aBrokenQuoteStillReportsTheBadRowsBeforeIt() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let text = householdHeader + "\n" + householdLine("QD-001", income: "abc") + "\nQD-7,\"王,\n"
        var error: ImportError?
        do { _ = try importHouseholds(try fixture.file("h.csv", text), into: store) } catch let caught as ImportError { error = caught }
        guard case .malformed(_, let row, let before)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(row == 3)
        #expect(before.map(\.row) == [2])
    }

    @Test("row numbers count blank lines as Excel does, with LF or CRLF", arguments: ["\n", "\r\n"])
    func rowNumbersCountBlankLines(lineBreak: String) throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let text = [householdHeader, householdLine("QD-001"), "", householdLine("QD-002", id: testID(2), income: "abc")]
            .joined(separator: lineBreak)
        let found = issues { _ = try importHouseholds(try fixture.file("h.csv", text), into: store) }
        #expect(found.map(\.row) == [4])
    }

    @Test func aLineBreakInsideAQuotedCellKeepsOneExcelRow() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let multiline = householdLine("QD-001").replacingOccurrences(of: ",重特大疾病,", with: ",\"重特大疾病\n肺癌\",")
        let text = [householdHeader, multiline, householdLine("QD-002", id: testID(2), income: "abc")].joined(separator: "\n")
        let found = issues { _ = try importHouseholds(try fixture.file("h.csv", text), into: store) }
        #expect(found.map(\.row) == [3])
    }

    @Test func aKeyTwiceInOneFileIsReportedWithTheFirstRow() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let text = [householdHeader, householdLine("QD-001"), householdLine("QD-002", id: testID(2)), householdLine("QD-001", id: testID(3))]
            .joined(separator: "\n")
        let found = issues { _ = try importHouseholds(try fixture.file("h.csv", text), into: store) }
        #expect(found.count == 1)
        #expect(found.first?.row == 4)
        #expect(found.first?.reason == "与本文件第2行重复")
    }

    @Test func aWriterFailingMidFileStopsTheImportAndItsReader() throws {
        struct DiskFull: Error {}
        let fixture = try Fixture()
        var lines = [householdHeader]
        for index in 0..<20_000 { lines.append(householdLine("QD-\(index)", id: testID(index))) }
        let file = try fixture.file("h.csv", lines.joined(separator: "\n"))
        var written = 0
        #expect(throws: DiskFull.self) {
            _ = try CSVImporter(format: .households).run(path: file) { _, _ in
                written += 1
                if written == 3000 { throw DiskFull() }
                return .written
            }
        }
        #expect(written == 3000)
    }
}
