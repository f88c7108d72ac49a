import BangfuCore
import Foundation
import Testing

@testable import BangfuExport

struct CSVSheetWriterTests {
    private func csvBytes(of sheet: Sheet) throws -> [UInt8] {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("公示.csv").path
            try write(sheet, to: path)
            return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    @Test func csvStartsWithTheUTF8ByteOrderMarkThenTheTitle() throws {
        let bytes = try csvBytes(of: Notice.sheet)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let firstLine = Array(bytes.dropFirst(3).prefix { $0 != 0x0D })
        #expect(firstLine == Array("2024年春节困难职工帮扶资金发放公示".utf8))
    }

    @Test func everyLineEndsWithCRLF() throws {
        let bytes = try csvBytes(of: Notice.sheet)
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lineFeeds.count == 8)  // title, subtitle, header, 3 rows, total, note
        #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
        #expect(bytes.last == 0x0A)
    }

    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuotedAndInnerQuotesDoubled() throws {
        // Given a row whose fields hold each character that needs quoting
        let sheet = Sheet(
            name: "x", headers: ["a", "b", "c", "d", "e"],
            rows: [[.text("张伟, 王芳"), .text("绰号\"小张\""), .text("第一行\n第二行"), .text("回车\r"), .text("plain")]])
        // Then only those fields are quoted, and a quote inside is written twice
        let expected = "a,b,c,d,e\r\n\"张伟, 王芳\",\"绰号\"\"小张\"\"\",\"第一行\n第二行\",\"回车\r\",plain\r\n"
        #expect(try csvBytes(of: sheet) == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }

    @Test func amountsArePlainYuanWithTwoDecimalsAndIntegersAndDecimalsAsWritten() throws {
        let sheet = Sheet(
            name: "x", headers: ["金额", "序号", "得分"],
            rows: [[.money(.yuan(6000)), .integer(12), .decimal("16.65")], [.money(Money(fen: 123_456_789)), .empty, .decimal("7")]])
        let text = String(decoding: try csvBytes(of: sheet).dropFirst(3), as: UTF8.self)
        #expect(text == "金额,序号,得分\r\n6000.00,12,16.65\r\n1234567.89,,7\r\n")
    }

    @Test func aNoticeIsTitleSubtitleHeaderRowsTotalThenNotes() throws {
        let expected = """
            2024年春节困难职工帮扶资金发放公示\r
            公示期：2024-01-20 至 2024-01-26\r
            序号,档案编号,姓名,工作单位,救助类别,金额（元）\r
            1,QD-001,王建国,青岛港集团,生活救助,6000.00\r
            2,QD-002,李秀英,青岛啤酒股份有限公司第二分厂,医疗救助,6000.50\r
            3,QD-003,张伟,市北区环卫所,助学,1500.00\r
            合计,,,,,13500.50\r
            如有异议，请于公示期内向市总工会帮扶中心反映。联系电话：0532-12345678\r

            """
        #expect(try csvBytes(of: Notice.sheet) == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }

    @Test func aSheetWithoutHeadersWritesNoHeaderRow() throws {
        let sheet = Sheet(name: "x", headers: [], rows: [[.text("a"), .integer(1)]])
        #expect(try csvBytes(of: sheet) == [0xEF, 0xBB, 0xBF] + Array("a,1\r\n".utf8))
    }

    @Test func aSheetForAnotherProgramIsItsTableAloneHeaderFirst() throws {
        var sheet = Notice.sheet
        sheet.csvIsTableOnly = true
        let expected = """
            序号,档案编号,姓名,工作单位,救助类别,金额（元）\r
            1,QD-001,王建国,青岛港集团,生活救助,6000.00\r
            2,QD-002,李秀英,青岛啤酒股份有限公司第二分厂,医疗救助,6000.50\r
            3,QD-003,张伟,市北区环卫所,助学,1500.00\r

            """
        #expect(try csvBytes(of: sheet) == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }
}
