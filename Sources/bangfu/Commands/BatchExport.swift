import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuExport
import BangfuStore
import Foundation


extension Bangfu.Batch {
    /// `bangfu batch export ID --notice FILE` / `--bank FILE`: the 公示 list (masked 身份证号,
    /// no account) and the transfer list for finance, `.xlsx` or `.csv` by extension.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出公示名单或银行发放清单 (notice or bank list; .xlsx or .csv).")
        @Argument(help: "批次编号") var id: Int64
        @Option(help: "公示名单文件 (.xlsx 或 .csv)") var notice: String?
        @Option(help: "银行发放清单文件 (.xlsx 或 .csv)；仅限已审批或已发放的批次") var bank: String?
        @Option(name: .customLong("notice-from"), help: "公示开始日期 YYYY-MM-DD（默认今天）") var noticeFrom: String?
        @Option(name: .customLong("notice-days"), help: "公示天数（默认 7）") var noticeDays: Int = 7
        @Option(help: "与 --bank 同用：第几次补发的清单（默认 0，即原发放清单）") var round: Int = 0
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            guard notice != nil || bank != nil else { throw ValidationError("请指定 --notice 文件或 --bank 文件 (give --notice FILE or --bank FILE)") }
            guard round >= 0 else { throw ValidationError("--round 不能为负数 (--round must not be negative)") }
            guard noticeDays >= 1 else { throw ValidationError("--notice-days 至少为1 (--notice-days must be at least 1)") }
        }

        func run() throws {
            var outputs = [notice.map { OutputPaths.Output(option: "--notice", path: $0) }]
            if let bank {
                outputs.append(OutputPaths.Output(option: "--bank", path: bank))
                if SpreadsheetFormat(path: bank) == .csv {
                    outputs.append(OutputPaths.Output(option: "--bank (.sum)", path: ControlFile.path(for: bank)))
                }
            }
            try OutputPaths.check(outputs.compactMap { $0 }, database: database.path)
            let store = try database.open()
            let context = try actor.context()
            if let notice {
                let start = try noticeFrom.map { try dateOption($0, "--notice-from") } ?? context.today
                let rows = try Batches.exportNotice(batch: id, to: notice, from: start, days: noticeDays, in: store, context: context)
                print("已导出公示名单：\(notice)（\(rows) 行）")
            }
            if let bank {
                let rows = try Batches.exportBank(batch: id, round: round, to: bank, in: store, context: context)
                print("已导出\(round == 0 ? "银行发放清单" : "第 \(round) 次补发清单")：\(bank)（\(rows) 行）")
                if SpreadsheetFormat(path: bank) == .csv { print("校验文件：\(ControlFile.path(for: bank))（行数、合计、SHA-256）") }
            }
        }
    }
}
