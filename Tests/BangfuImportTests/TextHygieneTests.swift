import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Testing

/// Unbounded and hidden input (issue 21): a file is read with bounded memory, and a cell's
/// text is normalised, or refused with its row and column, before it is stored.
struct TextHygieneTests {
    func refusal(_ bytes: [UInt8]) throws -> ImportError {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let path = fixture.folder.appendingPathComponent("h.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try importHouseholds(path, into: store)
        } catch let error as ImportError {
            #expect(try store.recordCounts().households == 0, "a refused file leaves nothing behind")
            return error
        }
        Issue.record("the file was accepted")
        return .empty(file: "")
    }

    func refusal(_ text: String) throws -> ImportError { try refusal(Array(text.utf8)) }

    func rows(_ lines: String...) -> String { ([householdHeader] + lines).joined(separator: "\n") }

    @Test func aFileOfSeveralMegabytesWithoutALineBreakIsRefusedAtTheCellLimit() throws {
        let error = try refusal([UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20))
        guard case .cellTooLong(_, let row, let column, let limit) = error else {
            Issue.record("refused as \(error.report)")
            return
        }
        #expect((row, column, limit) == (1, "A", 4096))
    }

    @Test func aRowOfEndlessEmptyCellsIsRefusedAtTheRowLimit() throws {
        let error = try refusal(householdHeader + "\n" + String(repeating: ",", count: 3 << 20))
        guard case .rowTooLong(_, let row, let limit) = error else {
            Issue.record("refused as \(error.report)")
            return
        }
        #expect((row, limit) == (2, 65536))
    }

    @Test func aQuoteLeftOpenInALargeFileStopsAtTheCellLimit() throws {
        let body = String(repeating: householdLine("QD-001") + "\n", count: 20_000)
        let error = try refusal(householdHeader + "\n\"QD-000\n" + body)
        guard case .cellTooLong(_, let row, let column, _) = error else {
            Issue.record("refused as \(error.report)")
            return
        }
        #expect((row, column) == (2, "A"))
    }

    @Test func aBinaryFileIsRefusedBeforeItIsParsed() throws {
        let error = try refusal([UInt8](repeating: 0, count: 3 << 20))
        guard case .notText = error else {
            Issue.record("refused as \(error.report)")
            return
        }
        #expect(error.report.contains("不是文本CSV文件"))
    }

    @Test func aNULInANameIsRefusedWithItsRowAndColumn() throws {
        let issues = try refusal(rows(householdLine("QD-001", name: "王\u{0}建国"))).issues
        #expect(issues.map(\.row) == [2])
        #expect(issues.map(\.column) == ["户主姓名"])
        #expect(issues.first?.reason.contains("控制字符 \\u{0}") == true)
    }

    @Test func anEscapeSequenceIsRefusedAndShownEscapedInTheReport() throws {
        let error = try refusal(rows(householdLine("QD-001", name: "王\u{1B}[2J建国")))
        #expect(error.issues.map(\.column) == ["户主姓名"])
        #expect(error.report.contains("值「王\\u{1B}[2J建国」"))
        #expect(!error.report.contains("\u{1B}"), "the report must not carry the raw escape to the terminal")
    }

    @Test func aRightToLeftOverrideIsRefused() throws {
        let issues = try refusal(rows(householdLine("QD-001").replacingOccurrences(of: "青岛港集团,", with: "青岛\u{202E}港集团,"))).issues
        #expect(issues.map(\.column) == ["工作单位"])
        #expect(issues.first?.reason.contains("文字方向控制字符") == true)
    }

    @Test func aTabInsideACellIsRefused() throws {
        let issues = try refusal(rows(householdLine("QD-001", name: "\"王\t建国\""))).issues
        #expect(issues.map(\.column) == ["户主姓名"])
    }

    @Test func aNameOfFiftyOneCharactersIsRefused() throws {
        let issues = try refusal(rows(householdLine("QD-001", name: String(repeating: "王", count: 51)))).issues
        #expect(issues.map(\.column) == ["户主姓名"])
        #expect(issues.first?.reason == "长度51个字，超过上限50个字")
    }

    @Test func aRemarkOfTwoHundredAndOneCharactersIsRefused() throws {
        let long = String(repeating: "病", count: 201)
        let issues = try refusal(rows(householdLine("QD-001").replacingOccurrences(of: "重特大疾病", with: long))).issues
        #expect(issues.map(\.column) == ["致困原因"])
    }

    @Test func zeroWidthCharactersAndPaddingAreRemovedAndTheNameStoredInNFC() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let work = "Cafe\u{301}\u{200B}"
        let path = try fixture.file("h.csv", rows(householdLine("QD-001", name: "王\u{200B}建\u{3000}国").replacingOccurrences(of: "青岛港集团,", with: "\(work),")))
        _ = try importHouseholds(path, into: store)
        var stored: [Household] = []
        try store.forEachHousehold { household, _ in stored.append(household) }
        #expect(stored.map(\.headName) == ["王建国"])
        #expect(stored.map(\.workUnit) == ["Caf\u{E9}"])
    }

    @Test func aHeaderWithAZeroWidthSpaceStillNamesItsColumn() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let header = householdHeader.replacingOccurrences(of: "户主姓名", with: "户主\u{200B}姓名")
        let path = try fixture.file("h.csv", header + "\n" + householdLine("QD-001"))
        #expect(try importHouseholds(path, into: store).written == 1)
    }
}
