import BangfuCore
import Foundation
import Testing

/// `batch export --notice | --bank`, in both formats, checked on the bytes written.
@Suite(.serialized)
struct BatchExportCommandTests {
    let deepHead = CommandRunner.idNumber(1975, 1)
    let deepAccount = "6222020200112233446"

    /// An education batch: the deep household's two students (10000 + 3000), approved.
    func approvedEducationBatch() throws -> (CommandRunner, String) {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("education", date: "2024-09-10", name: "2024年秋季助学")
        try runner.approve(id)
        return (runner, id)
    }

    @Test func theNoticeShowsMaskedIDsAndNoAccountInEitherFormat() throws {
        let (runner, id) = try approvedEducationBatch()
        let csv = runner.folder.appendingPathComponent("公示.csv").path
        let xlsx = runner.folder.appendingPathComponent("公示.xlsx").path
        let exported = try runner.run(["batch", "export", id, "--notice", csv, "--notice-from", "2024-09-11", "--notice-days", "5"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try runner.run(["batch", "export", id, "--notice", xlsx, "--notice-from", "2024-09-11", "--notice-days", "5"]).status == 0)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes, as: UTF8.self)
        let xml = try CommandRunner.unzipped(xlsx)
        for content in [text, xml] {
            #expect(!content.contains(deepHead), "no full 身份证号")
            #expect(!content.contains(CommandRunner.idNumber(2005, 4)), "no full student 身份证号")
            #expect(!content.contains(deepAccount), "no bank account")
            #expect(content.contains(String(deepHead.prefix(6)) + "********" + String(deepHead.suffix(4))))
            #expect(content.contains("2024年秋季助学公示名单"))
            #expect(content.contains("公示期：2024-09-11 至 2024-09-15（5 天）"))
            #expect(content.contains("王建国"))
            #expect(content.contains("青岛港"))
            #expect(content.contains("深度困难"))
        }
        #expect(text.contains("10000.00"))
    }

    @Test func theBankListHasFullAccountsOneTransferPerPersonAndATotal() throws {
        let (runner, id) = try approvedEducationBatch()
        let csv = runner.folder.appendingPathComponent("bank.csv").path
        let xlsx = runner.folder.appendingPathComponent("bank.xlsx").path
        #expect(try runner.run(["batch", "export", id, "--bank", csv]).status == 0)
        #expect(try runner.run(["batch", "export", id, "--bank", xlsx]).status == 0)
        let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: csv)), as: UTF8.self).components(separatedBy: "\r\n")
        // Two students of one household: one transfer of 13000 to the head's account.
        #expect(lines.contains("1,王建国,工行,\(deepAccount),13000.00"))
        // Header first and no 合计 line, which a bank's system would take for a transfer.
        #expect(lines.first?.dropFirst() == "序号,姓名,开户银行,银行账号,金额（元）")
        #expect(!lines.contains { $0.hasPrefix("合计") })
        let sheet = try CommandRunner.unzipped(xlsx)
        #expect(sheet.contains("合计"))
        #expect(sheet.contains(deepAccount))
        #expect(sheet.contains("<v>13000</v>"))
        #expect(sheet.contains("#,##0.00"))
        let audit = try runner.run(["audit", "--batch", id, "--format", "json"]).stdout
        #expect(audit.contains("\"action\": \"batch export\""))
    }

    @Test func theBankListWaitsForApproval() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        let refused = try runner.run(["batch", "export", id, "--bank", runner.folder.appendingPathComponent("b.csv").path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("审批后才能导出银行发放清单"))
        #expect(!FileManager.default.fileExists(atPath: runner.folder.appendingPathComponent("b.csv").path))
        // The notice comes before the reviews (公示 → 初审 …): allowed on a computed batch.
        #expect(try runner.run(["batch", "export", id, "--notice", runner.folder.appendingPathComponent("n.csv").path]).status == 0)
    }

    @Test func anUnknownExtensionIsAUserError() throws {
        let (runner, id) = try approvedEducationBatch()
        let result = try runner.run(["batch", "export", id, "--notice", runner.folder.appendingPathComponent("n.pdf").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(".xlsx 或 .csv"))
    }
}
