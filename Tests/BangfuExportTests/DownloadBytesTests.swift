import BangfuCore
import Foundation
import Testing

@testable import BangfuExport

/// A sheet as bytes for a download (the web's `notice.xlsx`, `bank.csv`): the same file a
/// path would get, and nothing left behind.
struct DownloadBytesTests {
    let sheet = Sheet(
        name: "公示名单", title: "测试公示名单", subtitle: [], headers: ["姓名", "金额（元）"],
        rows: [[.text("王建国"), .money(Money(fen: 600_000))]], footer: nil, notes: [], merges: [])

    @Test func aCSVDownloadIsTheFileAPathWouldGet() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-sheet-test-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(sheet, to: path)
        #expect(try bytes(of: sheet, as: .csv) == [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func anXLSXDownloadIsAZipAndLeavesNoFolderBehind() throws {
        // A scratch folder of the test's own: other processes' downloads cannot mix in.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let xlsx = try bytes(of: sheet, as: .xlsx, scratch: scratch)
        #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // "PK\3\4": a zip, as every xlsx
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
