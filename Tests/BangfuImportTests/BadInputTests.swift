import BangfuCore
import BangfuImport
import BangfuStore
import Testing

/// spec §3: one bad row rejects the file, every bad row is reported, nothing is written.
struct BadInputTests {
    func rejected(_ text: String, into store: BangfuDatabase? = nil) throws -> ImportError {
        let fixture = try Fixture()
        let store = try store ?? BangfuDatabase()
        do {
            _ = try importHouseholds(try fixture.file("h.csv", text), into: store)
        } catch let error as ImportError {
            #expect(try store.recordCounts().households == 0, "a refused file leaves nothing behind")
            return error
        }
        Issue.record("the file was accepted")
        return .empty(file: "")
    }

    @Test func everyBadRowIsReportedWithRowColumnValueAndReason() throws {
        let text = [
            householdHeader,
            householdLine("QD-001"),
            householdLine("QD-002", id: "110105194912310021"),
            householdLine("QD-003", income: "abc"),
            householdLine("QD-004", category: "特别困难"),
            householdLine("QD-005", size: "0"),
            householdLine("QD-006").replacingOccurrences(of: "2022-03-15", with: "2023-02-29"),
        ].joined(separator: "\n")
        let error = try rejected(text)
        let issues = error.issues
        #expect(issues.map(\.row) == [3, 4, 5, 6, 7])
        #expect(issues.map(\.column) == ["户主身份证号", "家庭年纯收入", "困难类别", "家庭人口", "建档日期"])
        #expect(issues[0].columnLetter == "C")
        #expect(issues[1].value == "abc")
        #expect(issues[2].reason.contains("深度困难 | 相对困难 | 意外致困"))
        #expect(error.report.contains("第4行 I列「家庭年纯收入」值「abc」"))
    }

    @Test func aPersonBornAfterTheDayOfTheImportIsRefused() throws {
        // Valid check digits on birth dates of 2024-06-30 and 2024-07-01, imported on 2024-06-30.
        func born(_ day: Int) -> String { IDNumber(region: 370202, birth: CalendarDate(year: 2024, month: day == 30 ? 6 : 7, day: day)!, sequence: 11).value }
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let today = CalendarDate(year: 2024, month: 6, day: 30)!
        let good = try fixture.file("good.csv", householdHeader + "\n" + householdLine("QD-001", id: born(30)))
        #expect(try importHouseholds(good, into: store, today: today).written == 1)
        let bad = try fixture.file("bad.csv", householdHeader + "\n" + householdLine("QD-002", id: born(1)))
        let error = #expect(throws: ImportError.self) { try importHouseholds(bad, into: store, today: today) }
        #expect(error?.issues.map(\.column) == ["户主身份证号"])
        #expect(error?.issues.first?.reason.contains("出生日期2024-07-01晚于今天") == true)
    }

    @Test func severalBadCellsOfOneRowAreAllReported() throws {
        let error = try rejected(householdHeader + "\n" + householdLine("QD-001", id: "123", income: "-1"))
        #expect(error.issues.map(\.column) == ["户主身份证号", "家庭年纯收入"])
    }

    @Test func anUnbalancedQuoteIsAFileErrorNotACrash() throws {
        let error = try rejected(householdHeader + "\n" + householdLine("QD-001") + "\n\"QD-002,王五,1\n")
        guard case .malformed = error else {
            Issue.record("expected malformed, got \(error)")
            return
        }
    }

    @Test func anEmptyFileIsRefused() throws {
        let error = try rejected("")
        guard case .empty = error else {
            Issue.record("expected empty, got \(error)")
            return
        }
    }

    @Test func aRowWithTooManyOrTooFewCellsIsReported() throws {
        let error = try rejected(householdHeader + "\n" + householdLine("QD-001") + ",多余\n" + "QD-002,李四\n")
        #expect(error.issues.map(\.row).contains(2))
        #expect(error.issues.map(\.row).contains(3))
        #expect(error.issues.first?.reason.contains("表头有15列") == true)
    }

    @Test func aMissingRequiredColumnIsNamed() throws {
        let header = householdHeader.replacingOccurrences(of: "户主身份证号,", with: "")
        let error = try rejected(header + "\n")
        guard case .missingColumns(_, let columns) = error else {
            Issue.record("expected missing columns, got \(error)")
            return
        }
        #expect(columns == ["户主身份证号"])
        #expect(error.report.contains("缺少必需的列：户主身份证号"))
    }

    @Test func anUnknownColumnIsAWarningAndTheRestImports() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let text = householdHeader + ",民族\n" + householdLine("QD-001") + ",汉族\n"
        let summary = try importHouseholds(try fixture.file("h.csv", text), into: store)
        #expect(summary.written == 1)
        #expect(summary.warnings.contains { $0.message.contains("未知的列「民族」") })
    }

    @Test func aBadRowAfterManyGoodOnesStillLeavesNothingBehind() throws {
        var lines = [householdHeader]
        for index in 0..<5000 { lines.append(householdLine("QD-\(index)", id: testID(index))) }
        lines.append(householdLine("QD-bad", income: "一万"))
        let error = try rejected(lines.joined(separator: "\n"))
        #expect(error.issues.map(\.row) == [5002])
    }

    @Test func membersOfAnUnknownArchiveAreReportedAndNothingIsWritten() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        _ = try importHouseholds(try fixture.file("h.csv", householdHeader + "\n" + householdLine("QD-001")), into: store)
        let members = """
            档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注
            QD-001,王建国,\(testID(1)),本人,无,,
            QD-999,王小明,\(testID(2, born: 2010)),子女,义务教育,青岛实验小学,
            QD-001,王小红,\(testID(3, born: 2008)),子女,初中,,
            """
        #expect {
            _ = try importMembers(try fixture.file("m.csv", members), into: store)
        } throws: { error in
            let issues = (error as? ImportError)?.issues ?? []
            return issues.map(\.row) == [3, 4] && issues[0].column == "档案编号" && issues[0].value == "QD-999"
                && issues[1].column == "就学阶段"
        }
        #expect(try store.recordCounts().members == 0)
    }
}

import Foundation
