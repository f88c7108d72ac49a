import BangfuCore
import Foundation
import Testing

@testable import BangfuExport

/// Outputs written whole or not at all, formulas kept as text, Excel's cell limit, and the
/// bank list's control file.
struct ExportSafetyTests {
    /// The files in `folder`, hidden ones (a temporary file left behind) included.
    func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("an earlier file stays whole when a sheet is refused, and no temporary file is left", arguments: [
        // A cell over Excel's limit: refused by the xlsx writer, after its file is started.
        ("x.xlsx", Cell.text(String(repeating: "长", count: 40_000))),
        // A decimal that is not one: refused by the checks of both formats.
        ("x.csv", Cell.decimal("x")),
    ])
    func anEarlierFileSurvivesAFailure(name: String, bad: Cell) throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent(name).path
            try write(Notice.sheet, to: path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            var sheet = Notice.sheet
            sheet.rows.append([.integer(4), bad])
            #expect(throws: ExportError.self) { try write(sheet, to: path) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try names(in: folder) == [name])
        }
    }

    @Test func aNewFileHasTheModeOfAnyNewFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("x.csv").path
            try write(Notice.sheet, to: path)
            let mask = umask(0)
            umask(mask)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o666 & ~Int(mask))
        }
    }

    @Test func aSymbolicLinkStaysALinkToTheNewContent() throws {
        try withTemporaryFolder { folder in
            let real = folder.appendingPathComponent("real.csv").path
            let link = folder.appendingPathComponent("link.csv").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: real))
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
            try write(Notice.sheet, to: link)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
            #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: real)), as: UTF8.self).contains("王建国"))
            #expect(try names(in: folder) == ["link.csv", "real.csv"])
        }
    }

    @Test func aCellOverExcelsLimitIsRefusedNamingItsRowAndColumn() throws {
        var sheet = Notice.sheet
        sheet.rows[1][3] = .text(String(repeating: "a", count: Sheet.excelTextLimit + 1))
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("x.xlsx").path
            let error = #expect(throws: ExportError.self) { try write(sheet, to: path) }
            #expect(error == .textTooLong(path: path, place: .cell(row: 1, column: 3, header: "工作单位"), length: 32_768))
            #expect(error?.message.contains("第2行第4列（工作单位）的文字有 32768 个字符，超出 Excel 单元格的上限 32767 个字符") == true)
            #expect(try names(in: folder).isEmpty)
            // A csv holds it: the limit is Excel's.
            try write(sheet, to: folder.appendingPathComponent("x.csv").path)
        }
    }

    @Test func aTitleOverExcelsLimitIsRefused() throws {
        var sheet = Notice.sheet
        sheet.title = String(repeating: "题", count: 40_000)
        let error = #expect(throws: ExportError.self) { try write(sheet, to: "/tmp/bangfu-never-written.xlsx") }
        #expect(error == .textTooLong(path: "/tmp/bangfu-never-written.xlsx", place: .title, length: 40_000))
    }

    @Test func csvTextThatLooksLikeAFormulaIsWrittenAsTextAndAmountsStayNumbers() throws {
        let sheet = Sheet(
            name: "x", title: "=标题", headers: ["姓名", "金额"],
            rows: [[.text("=HYPERLINK(\"http://x\")"), .money(.yuan(6000))], [.text("-2+3"), .integer(-1)], [.text("@x"), .decimal("-1.5")]],
            notes: ["+备注"])
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("x.csv").path
            try write(sheet, to: path)
            let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(3), as: UTF8.self)
                .components(separatedBy: "\r\n")
            #expect(lines == ["'=标题", "姓名,金额", "\"'=HYPERLINK(\"\"http://x\"\")\",6000.00", "'-2+3,-1", "'@x,-1.5", "'+备注", ""])
        }
    }

    @Test func xlsxWritesFormulaLookingTextAsAString() throws {
        let sheet = Sheet(name: "x", headers: ["姓名"], rows: [[.text("=HYPERLINK(\"http://x\")")]])
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("x.xlsx").path
            try write(sheet, to: path)
            let worksheet = try zipMember("xl/worksheets/sheet1.xml", of: path)
            #expect(!worksheet.contains("<f>"))
            #expect(worksheet.contains("t=\"s\""))
            #expect(try zipMember("xl/sharedStrings.xml", of: path).contains("=HYPERLINK(\"http://x\")"))
        }
    }

    @Test("SHA-256 gives the standard digests", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(message: String, digest: String) {
        var hash = SHA256()
        hash.update(Array(message.utf8))
        #expect(hash.hexDigest() == digest)
    }

    @Test func sha256OfAMillionAsInPiecesIsTheStandardOne() {
        var hash = SHA256()
        for _ in 0..<1000 { hash.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theControlFileHoldsTheCountTotalAndDigestOfTheList() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("bank.csv").path
            try write(Notice.sheet, to: path)
            try ControlFile.write(for: path, rows: 3, total: Money(fen: 1_350_050))
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + ".sum")), as: UTF8.self)
            var digest = SHA256()
            digest.update(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(text == "file=bank.csv\nrows=3\ntotal=13500.50\nsha256=\(digest.hexDigest())\n")
            #expect(try names(in: folder) == ["bank.csv", "bank.csv.sum"])
        }
    }
}
