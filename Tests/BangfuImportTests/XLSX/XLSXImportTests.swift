import BangfuApp
import BangfuCore
import BangfuExport
import BangfuImport
import BangfuStore
import Foundation
import Testing

/// An xlsx imports through the same column checks as a CSV: the same records, and the same
/// problems, worded and numbered alike.
struct XLSXImportTests {
    typealias Book = HandBuiltWorkbook

    /// `lines` of households.csv (header first) as a workbook our exporter writes, every
    /// cell as text except the numeric columns, which are numbers as a clerk would type them.
    func exported(_ lines: [String], in fixture: Fixture, name: String = "h.xlsx") throws -> String {
        let numeric: Set<String> = ["家庭人口", "家庭年纯收入", "自付医疗费用"]
        let header = lines[0].components(separatedBy: ",")
        let rows = lines.dropFirst().map { line in
            zip(header, line.components(separatedBy: ",")).map { column, value -> BangfuExport.Cell in
                if numeric.contains(column), let number = Int(value) { return .integer(number) }
                return value.isEmpty ? .empty : .text(value)
            }
        }
        let path = fixture.folder.appendingPathComponent(name).path
        try BangfuExport.write(Sheet(name: "家庭档案", headers: header, rows: Array(rows)), to: path)
        return path
    }

    func issues(_ path: String, into store: BangfuDatabase) -> [RowIssue]? {
        do {
            _ = try importHouseholds(path, into: store)
            return nil
        } catch let error as ImportError {
            return error.issues
        } catch {
            return nil
        }
    }

    @Test func theSameBadRowsGiveTheSameProblemsInCSVAndXLSX() throws {
        let fixture = try Fixture()
        let lines = [
            householdHeader,
            householdLine("QD-001"),
            householdLine("QD-002", id: "370202197501090012", category: "很困难"),
            householdLine("QD-003", id: testID(3), size: "0", income: "abc"),
            householdLine("QD-001", id: testID(4)),
        ]
        let csv = try fixture.file("h.csv", lines.joined(separator: "\n"))
        let xlsx = try exported(lines, in: fixture)
        let fromCSV = try #require(issues(csv, into: try BangfuDatabase()))
        let fromXLSX = try #require(issues(xlsx, into: try BangfuDatabase()))
        #expect(fromCSV.count >= 4)
        #expect(fromXLSX == fromCSV)
        #expect(fromXLSX.map(\.row).sorted().first == 3, "rows are numbered as the spreadsheet numbers them")
    }

    @Test func aWorkbookOurExporterWroteStoresWhatItsCSVStores() throws {
        let fixture = try Fixture()
        let lines = [householdHeader, householdLine("QD-001"), householdLine("QD-002", id: testID(2), income: "6000")]
        let fromCSV = try BangfuDatabase()
        let fromXLSX = try BangfuDatabase()
        _ = try importHouseholds(try fixture.file("h.csv", lines.joined(separator: "\n")), into: fromCSV)
        let summary = try importHouseholds(try exported(lines, in: fixture), into: fromXLSX)
        #expect(summary.written == 2)
        #expect(summary.encoding == .xlsx)
        var csvHouseholds: [Household] = []
        var xlsxHouseholds: [Household] = []
        try fromCSV.forEachHousehold { household, _ in csvHouseholds.append(household) }
        try fromXLSX.forEachHousehold { household, _ in xlsxHouseholds.append(household) }
        #expect(xlsxHouseholds == csvHouseholds)
    }

    @Test func aWorkbookAsExcelSavesItImportsWithItsDatesAndReportsANumberTypedId() throws {
        // Given households typed into Excel: text in shared strings, 建档日期 as a date,
        // 家庭人口 and 收入 as numbers, and in row 3 the 户主身份证号 typed as a number.
        let header = householdHeader.components(separatedBy: ",")
        let texts = header + ["QD-001", "王建国", testID(1), "青岛港集团", "港工会", "深度困难", "QD-002", "李秀英"]
        func text(_ column: String, _ row: Int, _ value: String) -> String {
            Book.shared("\(column)\(row)", texts.firstIndex(of: value)!)
        }
        let letters = (0..<15).map { String(UnicodeScalar(UInt8(65 + $0))) }
        let headerRow = Book.row(1, zip(letters, header).map { text($0, 1, $1) }.joined())
        func household(_ row: Int, _ archive: String, _ name: String, id: String) -> String {
            Book.row(
                row, text("A", row, archive), text("B", row, name), id, text("D", row, "青岛港集团"), text("E", row, "港工会"),
                text("F", row, "深度困难"), Book.number("G\(row)", "44635", style: Book.dateStyle), Book.number("H\(row)", "3"),
                Book.number("I\(row)", "24000"))
        }
        let book = Book(
            rows: headerRow + household(2, "QD-001", "王建国", id: text("C", 2, testID(1)))
                + household(3, "QD-002", "李秀英", id: Book.number("C3", "3.70202198002020E+17")),
            sharedStrings: texts.map { "<t>\($0)</t>" })
        let fixture = try Fixture()
        let url = fixture.folder.appendingPathComponent("家庭档案.xlsx")
        try book.write(to: url)
        // When it is imported, then row 3's id is reported, and nothing is stored.
        let store = try BangfuDatabase()
        let problems = try #require(issues(url.path, into: store))
        #expect(problems.count == 1)
        #expect(problems.first?.row == 3)
        #expect(problems.first?.column == "户主身份证号")
        #expect(problems.first?.columnLetter == "C")
        #expect(problems.first?.value == "3.7020219800202E+17")
        #expect(problems.first?.reason.contains("文本") == true)
        #expect(try store.recordCounts().households == 0)
        // And without row 3 the date arrives as a date.
        let clean = Book(rows: headerRow + household(2, "QD-001", "王建国", id: text("C", 2, testID(1))), sharedStrings: book.sharedStrings)
        try clean.write(to: url.deletingLastPathComponent().appendingPathComponent("clean.xlsx"))
        _ = try importHouseholds(url.deletingLastPathComponent().appendingPathComponent("clean.xlsx").path, into: store)
        var stored: Household?
        try store.forEachHousehold { household, _ in stored = household }
        #expect(stored?.registeredOn == CalendarDate(year: 2022, month: 3, day: 15))
        #expect(stored?.annualIncome == Money.yuan(24000))
    }

    @Test func theFormatIsToldByContentNotByName() throws {
        let fixture = try Fixture()
        let xlsx = try exported([householdHeader, householdLine("QD-001")], in: fixture, name: "看似文本.csv")
        #expect(try importHouseholds(xlsx, into: try BangfuDatabase()).written == 1)
        let legacy = try fixture.file("旧.xlsx", "")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: legacy))
        #expect {
            _ = try importHouseholds(legacy, into: try BangfuDatabase())
        } throws: { error in
            guard case .legacyWorkbook = error as? ImportError else { return false }
            return (error as? ImportError)?.chinese.contains("旧版Excel") == true
        }
    }
}
