import BangfuImport
import Foundation
import Testing
import ZIPFoundation

/// The xlsx reader cell by cell, on workbooks put together as Excel saves them.
struct XLSXSheetReaderTests {
    typealias Book = HandBuiltWorkbook

    func rows(of book: Book) throws -> [SheetRow] {
        let fixture = try Fixture()
        let url = fixture.folder.appendingPathComponent("book.xlsx")
        try book.write(to: url)
        var rows: [SheetRow] = []
        try XLSXSheetReader(path: url.path).forEachRow { row in
            rows.append(row)
            return true
        }
        return rows
    }

    @Test func everyKindOfCellReadsAsExcelWouldShowItInACSV() throws {
        // Given one row with a cell of each kind Excel writes.
        let book = Book(
            rows: Book.row(
                2,
                Book.shared("A2", 0),
                Book.shared("B2", 1),
                "<c r=\"C2\" t=\"inlineStr\"><is><r><t>青岛</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">港 </t></r></is></c>",
                Book.number("D2", "12000"),
                Book.number("E2", "6000.5"),
                Book.number("F2", "0.30000000000000004"),
                Book.number("G2", "45366", style: Book.dateStyle),
                Book.number("H2", "45366.75", style: Book.chineseDateStyle),
                "<c r=\"I2\" t=\"b\"><v>1</v></c>",
                "<c r=\"J2\" t=\"str\"><f>A2&amp;\"队\"</f><v>装卸队</v></c>",
                "<c r=\"K2\"><f>D2*2</f><v>24000</v></c>",
                "<c r=\"L2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>",
                Book.number("M2", "1500", style: Book.decimalStyle),
                "<c r=\"O2\" s=\"3\"/>"),
            sharedStrings: [
                "<t xml:space=\"preserve\">  王建国 </t>",
                "<r><t>深度</t></r><r><rPr><i/></rPr><t>困难</t></r><rPh sb=\"0\" eb=\"2\"><t>シンド</t></rPh>",
            ])
        // When it is read.
        let row = try #require(try rows(of: book).first)
        // Then each cell is the text a CSV of the sheet would hold, trimmed; N is a gap and
        // the empty, styled O ends nothing.
        #expect(row.number == 2)
        #expect(row.cells == [
            "王建国", "深度困难", "青岛港", "12000", "6000.5", "0.3", "2024-03-15", "2024-03-15", "TRUE", "装卸队", "24000", "#DIV/0!",
            "1500",
        ])
        #expect(row.problems.isEmpty)
    }

    @Test func numbersReadAsExcelShowsThemInGeneralFormat() throws {
        let written = ["12000.0", "-0.25", "1E-3", "007", "123456789012345", "41904.589999999997", "0.5", "-.5"]
        let cells = written.enumerated().map { Book.number("\(String(UnicodeScalar(UInt8(65 + $0.offset))))1", $0.element) }
        let book = Book(rows: "<row r=\"1\">\(cells.joined())</row>")
        #expect(try rows(of: book).first?.cells == ["12000", "-0.25", "0.001", "7", "123456789012345", "41904.59", "0.5", "-0.5"])
    }

    @Test func cellsAreSetByTheirReferenceAndRowsByTheirNumber() throws {
        let book = Book(rows: Book.row(1, Book.number("B1", "7"), Book.number("E1", "9")) + Book.row(5, Book.number("A5", "1")))
        let rows = try rows(of: book)
        #expect(rows.map(\.number) == [1, 5])
        #expect(rows.first?.cells == ["", "7", "", "", "9"])
    }

    @Test func anIdNumberTypedAsANumberIsAProblemNotAWrongId() throws {
        // Excel keeps 15 significant digits: 370202197501090011 comes back as …090000.
        let book = Book(rows: Book.row(3, Book.number("A3", "3.7020219750109E+17"), Book.number("B3", "622202020011223")))
        let row = try #require(try rows(of: book).first)
        #expect(row.cells == ["3.7020219750109E+17", "622202020011223"])
        #expect(row.problems[0]?.reason.contains("数字超过15位") == true)
        #expect(row.problems[1] == nil)
    }

    @Test func datesOfThe1904SystemAndExcelsPhantomLeapDay() throws {
        let modern = Book(rows: Book.row(1, Book.number("A1", "0", style: Book.dateStyle), Book.number("B1", "60", style: Book.dateStyle),
                                         Book.number("C1", "59", style: Book.dateStyle), Book.number("D1", "0.5", style: Book.timeStyle)))
        #expect(try rows(of: modern).first?.cells == ["0", "1900-02-29", "1900-02-28", "0.5"])
        let mac = Book(rows: Book.row(1, Book.number("A1", "43904", style: Book.dateStyle)), date1904: true)
        #expect(try rows(of: mac).first?.cells == ["2024-03-15"])
    }

    @Test func excelsEscapesOfControlCharactersAreUndone() throws {
        let book = Book(rows: Book.row(1, Book.shared("A1", 0)), sharedStrings: ["<t>第一行_x000D__x000A_第二行_x005F_x0041_</t>"])
        #expect(try rows(of: book).first?.cells == ["第一行\r\n第二行_x0041_"])
    }

    @Test func aCellReferringToAMissingSharedStringSaysTheFileIsBroken() throws {
        let book = Book(rows: Book.row(4, Book.shared("C4", 9)), sharedStrings: ["<t>只有一个</t>"])
        #expect {
            _ = try rows(of: book)
        } throws: { error in
            guard let error = error as? ImportError, case .brokenWorkbook(let file, .badCell("C4")) = error else { return false }
            return file.hasSuffix("book.xlsx") && error.chinese.contains("无法读取Excel文件")
        }
    }

    @Test func aCutShortFileSaysItIsBrokenInChineseWithItsName() throws {
        let fixture = try Fixture()
        let url = fixture.folder.appendingPathComponent("户籍.xlsx")
        try Book(rows: Book.row(1, Book.number("A1", "1"))).write(to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        #expect {
            try XLSXSheetReader(path: url.path).forEachRow { _ in true }
        } throws: { error in
            guard let error = error as? ImportError, case .brokenWorkbook = error else { return false }
            return error.chinese.hasPrefix(url.path + "：无法读取Excel文件")
        }
    }

    @Test func aDocumentTypeDeclarationIsRefused() throws {
        let fixture = try Fixture()
        let plain = fixture.folder.appendingPathComponent("plain.xlsx")
        let url = fixture.folder.appendingPathComponent("dtd.xlsx")
        try Book(rows: Book.row(1, Book.shared("A1", 0)), sharedStrings: ["<t>x</t>"]).write(to: plain)
        // The shared strings declare an entity (billion laughs starts so) behind a DTD.
        try copy(plain, to: url, replacing: "xl/sharedStrings.xml",
                    with: "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x \"lol\">]><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&x;</t></si></sst>")
        #expect {
            try XLSXSheetReader(path: url.path).forEachRow { _ in true }
        } throws: { error in
            guard case .brokenWorkbook(_, .documentType("xl/sharedStrings.xml")) = error as? ImportError else { return false }
            return true
        }
    }

    /// Copies the workbook at `source` to `url` with `part` replaced by `text`.
    private func copy(_ url: URL, to copy: URL, replacing part: String, with text: String) throws {
        let source = try Archive(url: url, accessMode: .read)
        let target = try Archive(url: copy, accessMode: .create)
        for entry in source {
            var data = Data()
            if entry.path == part {
                data = Data(text.utf8)
            } else {
                _ = try source.extract(entry) { data.append($0) }
            }
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
