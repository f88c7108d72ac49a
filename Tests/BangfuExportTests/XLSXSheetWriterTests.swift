import BangfuCore
import Foundation
import Testing

@testable import BangfuExport

struct XLSXSheetWriterTests {
    /// The parts of the written workbook the tests look into.
    private struct Parts {
        var sharedStrings: String
        var sheet: String
        var styles: String
        var workbook: String
    }

    private func xlsxParts(of sheet: Sheet) throws -> Parts {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("公示.xlsx").path
            try write(sheet, to: path)
            return Parts(
                sharedStrings: try zipMember("xl/sharedStrings.xml", of: path),
                sheet: try zipMember("xl/worksheets/sheet1.xml", of: path),
                styles: try zipMember("xl/styles.xml", of: path),
                workbook: try zipMember("xl/workbook.xml", of: path))
        }
    }

    @Test func chineseHeadersNamesAndTitleAreStoredAsText() throws {
        let strings = try xlsxParts(of: Notice.sheet).sharedStrings
        for text in Notice.headers + ["王建国", "李秀英", "青岛啤酒股份有限公司第二分厂", "2024年春节困难职工帮扶资金发放公示", "合计"] {
            #expect(strings.contains("<t>\(text)</t>"), "\(text)")
        }
    }

    @Test func amountsAreNumbersInYuanWithTheMoneyFormat() throws {
        let parts = try xlsxParts(of: Notice.sheet)
        #expect(parts.sheet.contains("<v>6000</v>"))
        #expect(parts.sheet.contains("<v>6000.5</v>"))
        #expect(parts.sheet.contains("<v>13500.5</v>"))
        #expect(parts.styles.contains("formatCode=\"#,##0.00\""))
        #expect(!parts.sharedStrings.contains("6000"))
    }

    @Test func titleSubtitleAndNotesAreMergedAcrossAllColumns() throws {
        let sheet = try xlsxParts(of: Notice.sheet).sheet
        // title row 1, subtitle row 2, header row 3, data rows 4–6, total row 7, note row 8
        for range in ["A1:F1", "A2:F2", "A8:F8"] {
            #expect(sheet.contains("<mergeCell ref=\"\(range)\"/>"), "\(range)")
        }
    }

    @Test func mergesCountFromTheFirstDataRow() throws {
        var notice = Notice.sheet
        notice.merges = [
            Merge(firstRow: 0, firstColumn: 4, lastRow: 1, lastColumn: 4),  // 救助类别 of the first two rows
            Merge(firstRow: 3, firstColumn: 0, lastRow: 3, lastColumn: 4),  // the total's label
        ]
        let sheet = try xlsxParts(of: notice).sheet
        #expect(sheet.contains("<mergeCell ref=\"E4:E5\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A7:E7\"/>"))
    }

    @Test func decimalsAreNumbersWithTwoDecimalPlaces() throws {
        let sheet = Sheet(name: "自评", headers: ["指标", "得分"], rows: [[.text("资金到位率"), .decimal("16.65")]])
        let parts = try xlsxParts(of: sheet)
        #expect(parts.sheet.contains("<v>16.65</v>"))
        #expect(parts.styles.contains("formatCode=\"0.00\""))
    }

    @Test func theSheetPrintsLandscapeOnePageWide() throws {
        let sheet = try xlsxParts(of: Notice.sheet).sheet
        #expect(sheet.contains("fitToPage=\"1\""))
        #expect(sheet.contains("orientation=\"landscape\""))
        #expect(sheet.contains("fitToHeight=\"0\""))
    }

    @Test func theWorksheetHasTheSheetsChineseName() throws {
        #expect(try xlsxParts(of: Notice.sheet).workbook.contains("name=\"公示\""))
    }

    @Test func columnsAreAsWideAsTheirWidestTextCountingChineseAsTwo() {
        // 序号 4 → 6; QD-001 6; 王建国 6; the long unit 28; 救助类别 8; 13,500.50 9 — each plus 2
        #expect(XLSXMetrics.columnWidths(Notice.sheet) == [8, 10, 8, 30, 10, 12])
    }

    @Test func columnWidthsStopAtSixty() {
        let sheet = Sheet(name: "x", headers: ["备注"], rows: [[.text(String(repeating: "很长的说明", count: 20))]])
        #expect(XLSXMetrics.columnWidths(sheet) == [62])
    }

    @Test func worksheetNamesAreCutToWhatExcelAccepts() {
        #expect(worksheetName("2024/01 公示[一]") == "2024_01 公示_一_")
        #expect(worksheetName(String(repeating: "公", count: 40)) == String(repeating: "公", count: 31))
        #expect(worksheetName("'引号'") == "引号")
        #expect(worksheetName("") == "Sheet1")
    }
}
