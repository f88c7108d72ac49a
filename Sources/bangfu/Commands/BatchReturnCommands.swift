import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuStore

extension Bangfu.Batch {
    /// `bangfu batch reconcile ID FILE`: the bank's return file (回盘) of a paid batch.
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记银行回盘：逐笔记录到账日期或失败原因 (record the bank's return file; all rows or none).")
        @Argument(help: "批次编号") var id: Int64
        @Argument(help: "回盘文件 (.csv 或 .xlsx)：银行账号、姓名、金额（元）、处理结果、处理日期、失败原因") var file: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let store = try database.open()
            let summary = try BankReturns.reconcile(batch: id, file: file, in: store, context: try actor.context())
            print(summary.chinese("批次 \(id) 已登记回盘"))
        }
    }

    /// `bangfu batch reissue ID`: the failed transfers into a re-issue list (补发).
    struct Reissue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "编制补发清单：失败的转账按档案中现在的账号重新转账，待审批 (prepare a re-issue of failed transfers).")
        @Argument(help: "批次编号") var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let store = try database.open()
            let (round, transfers) = try BankReturns.prepareReissue(batch: id, in: store, context: try actor.context())
            let total = transfers.reduce(Money.zero) { $0 + $1.amount }
            print("批次 \(id) 第 \(round) 次补发已编制：\(transfers.count) 笔，合计 \(total.formatted) 元，待审批")
        }
    }

    /// `bangfu batch approve-reissue ID --by NAME`.
    struct ApproveReissue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve-reissue", abstract: "审批补发清单；编制人不能审批 (approve a re-issue; not by who prepared it).")
        @Argument(help: "批次编号") var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let store = try database.open()
            let round = try BankReturns.approveReissue(batch: id, in: store, context: try actor.context())
            print("批次 \(id) 第 \(round) 次补发已审批，待发放")
        }
    }

    /// `bangfu batch pay-reissue ID --date D --by NAME`.
    struct PayReissue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pay-reissue", abstract: "登记补发：补发的明细再转为救助记录，仅一次 (record a re-issue's payment, once).")
        @Argument(help: "批次编号") var id: Int64
        @Option(help: "补发日期 YYYY-MM-DD") var date: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let day = try dateOption(date, "--date")
            let store = try database.open()
            let paid = try BankReturns.payReissue(batch: id, on: day, in: store, context: try actor.context())
            print("批次 \(id) 第 \(paid.round) 次补发已发放（\(day)）：\(paid.records) 条救助记录，合计 \(paid.total.formatted) 元")
        }
    }

    /// `bangfu batch cancel-transfer ID --id-number X --reason R`.
    struct CancelTransfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel-transfer", abstract: "取消失败的转账（不再补发），记录原因 (give up a failed transfer, with the reason).")
        @Argument(help: "批次编号") var id: Int64
        @Option(name: .customLong("id-number"), help: "收款人的身份证号") var idNumber: String
        @Option(help: "取消原因") var reason: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let (number, reason) = try personAndReason(idNumber, reason)
            let store = try database.open()
            let count = try BankReturns.cancel(batch: id, idNumber: number, reason: reason, in: store, context: try actor.context())
            print("批次 \(id) 已取消 \(number.masked) 的 \(count) 笔失败转账：\(reason)")
        }
    }
}
