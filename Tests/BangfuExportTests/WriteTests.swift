import BangfuCore
import Foundation
import Testing

@testable import BangfuExport

struct WriteTests {
    @Test("the format follows the extension in any case", arguments: [
        ("公示.xlsx", SpreadsheetFormat.xlsx), ("银行代发.CSV", .csv), ("/tmp/a.b/list.XlSx", .xlsx),
    ])
    func formatFollowsExtension(path: String, format: SpreadsheetFormat) {
        #expect(SpreadsheetFormat(path: path) == format)
    }

    @Test("other names have no format", arguments: ["公示.txt", "公示", "/tmp/a.xlsx/list", "公示.xls", "公示.xlsx.bak"])
    func otherNamesHaveNoFormat(path: String) {
        #expect(SpreadsheetFormat(path: path) == nil)
    }

    @Test func anUnknownExtensionIsRefusedWithoutCreatingAFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("公示.txt").path
            #expect(throws: ExportError.unknownFormat(path: path)) { try write(Notice.sheet, to: path) }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a folder that does not exist is reported, not crashed on", arguments: ["/nonexistent/dir/x.xlsx", "/nonexistent/dir/x.csv"])
    func missingFolderIsReported(path: String) {
        let error = #expect(throws: ExportError.self) { try write(Notice.sheet, to: path) }
        guard case .cannotCreate(let reportedPath, _) = error else {
            Issue.record("expected cannotCreate, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect(error?.message.hasPrefix("\(path)：无法创建文件") == true)
    }

    @Test("a full disk is reported, and a device written in place is left alone", arguments: ["x.csv", "x.xlsx"])
    func fullDiskIsReported(name: String) throws {
        try withTemporaryFolder { folder in
            // Given a file name that leads to /dev/full, where every write fails with ENOSPC
            let path = folder.appendingPathComponent(name).path
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/full")
            let error = #expect(throws: ExportError.self) { try write(Notice.sheet, to: path) }
            guard case .cannotWrite(let reportedPath, let reason) = error else {
                Issue.record("expected cannotWrite, got \(String(describing: error))")
                return
            }
            #expect(reportedPath == path)
            #expect(reason == "No space left on device")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [name])
        }
    }

    @Test func aDecimalThatIsNotANumberIsRefusedBeforeTheFileIsCreated() throws {
        let sheet = Sheet(name: "x", headers: ["得分"], rows: [[.decimal("16.65")], [.decimal("1e3")]])
        try withTemporaryFolder { folder in
            for name in ["x.xlsx", "x.csv"] {
                let path = folder.appendingPathComponent(name).path
                #expect(throws: ExportError.invalidDecimal(path: path, row: 1, column: 0, value: "1e3")) { try write(sheet, to: path) }
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
    }

    @Test("merges outside the table, of one cell or inside out are refused", arguments: [
        Merge(firstRow: 0, firstColumn: 0, lastRow: 4, lastColumn: 0),  // the notice has 3 rows and a total
        Merge(firstRow: 0, firstColumn: 5, lastRow: 0, lastColumn: 6),
        Merge(firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1),
        Merge(firstRow: 2, firstColumn: 0, lastRow: 1, lastColumn: 0),
        Merge(firstRow: -1, firstColumn: 0, lastRow: 0, lastColumn: 0),
    ])
    func badMergesAreRefused(merge: Merge) {
        var sheet = Notice.sheet
        sheet.merges = [merge]
        #expect(throws: ExportError.invalidMerge(path: "/tmp/x.xlsx", merge)) { try write(sheet, to: "/tmp/x.xlsx") }
    }

    @Test func overlappingMergesAreRefused() {
        var sheet = Notice.sheet
        let first = Merge(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 1)
        let second = Merge(firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2)
        sheet.merges = [first, second]
        #expect(throws: ExportError.overlappingMerges(path: "/tmp/x.csv", first, second)) { try write(sheet, to: "/tmp/x.csv") }
    }

    @Test func aMergeMayReachTheTotalRow() throws {
        var sheet = Notice.sheet
        sheet.merges = [Merge(firstRow: 3, firstColumn: 0, lastRow: 3, lastColumn: 4)]
        try withTemporaryFolder { folder in
            try write(sheet, to: folder.appendingPathComponent("x.xlsx").path)
        }
    }
}
