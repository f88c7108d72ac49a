import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

extension Policy.ReviewStage: ExpressibleByArgument {}

extension Bangfu.Batch {
    /// `bangfu batch review ID --stage first|second --by NAME` (初审 / 复审).
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "初审或复审 (first or second review, as the policy requires).")
        @Argument(help: "批次编号") var id: Int64
        @Option(help: "first（初审）| second（复审）") var stage: Policy.ReviewStage
        @Option(help: "审核人 (reviewer)") var by: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let store = try database.open()
            let status = try Batches.review(batch: id, stage: stage, in: store, context: try context(by: by))
            try BatchStepOutput.report(try store.batch(id), ["批次 \(id) 已\(stage.chineseName)（\(by)），状态：\(status.chineseName)"], format: output.format)
        }
    }

    /// `bangfu batch exclude ID --id-number X --reason R --by NAME`: a reviewer takes a
    /// recipient (or, in 助学, a student) out of the batch, with the reason on record.
    struct Exclude: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "审核中剔除对象并记录原因 (exclude an entry during review).")
        @Argument(help: "批次编号") var id: Int64
        @Option(name: .customLong("id-number"), help: "受助人或受助学生的身份证号") var idNumber: String
        @Option(help: "剔除原因") var reason: String
        @Option(help: "操作人") var by: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let (number, reason) = try personAndReason(idNumber, reason)
            let store = try database.open()
            let count = try Batches.exclude(batch: id, idNumber: number, reason: reason, in: store, context: try context(by: by))
            try BatchStepOutput.report(try store.batch(id), ["批次 \(id) 已剔除 \(number.value) 的 \(count) 条明细：\(reason)（\(by)）"], format: output.format)
        }
    }

    /// `bangfu batch approve ID --by NAME`.
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "审批，冻结明细 (approve: the entries are frozen).")
        @Argument(help: "批次编号") var id: Int64
        @Option(help: "审批人 (approver)") var by: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let store = try database.open()
            _ = try Batches.approve(batch: id, in: store, context: try context(by: by))
            let batch = try store.batch(id)
            try BatchStepOutput.report(batch, ["批次 \(id) 已审批（\(by)），合计 \(batch.total.formatted) 元"], format: output.format)
        }
    }

    /// `bangfu batch pay ID --date D [--by NAME]`.
    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记发放：明细转为救助记录，仅一次 (record payment, once).")
        @Argument(help: "批次编号") var id: Int64
        @Option(help: "发放日期 YYYY-MM-DD") var date: String
        @OptionGroup var database: DatabaseOptions
        /// `--by`: who paid; optional, and checked against the other steps only when given.
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let day = try dateOption(date, "--date")
            let payer = try actor.by.map { try Person(name: try ActorOptions.person($0)) }
            let store = try database.open()
            let paid = try Batches.pay(batch: id, on: day, payer: payer, in: store, context: try actor.context(), afterRecords: pauseForCrashTest)
            try BatchStepOutput.report(try store.batch(id), ["批次 \(id) 已发放（\(day)）：\(paid.records) 条救助记录，合计 \(paid.total.formatted) 元"], format: output.format)
        }

        /// In a debug build (the tests'), `BANGFU_PAUSE_IN_PAY=SECONDS` stops here, inside the
        /// payment's transaction, after the aid records are written: the tests that kill the
        /// process mid-payment and read meanwhile use it. A release build has no such hook, so
        /// no environment can make a clerk's payment hold the database.
        private func pauseForCrashTest() {
            #if DEBUG
                guard let seconds = ProcessInfo.processInfo.environment["BANGFU_PAUSE_IN_PAY"].flatMap(UInt32.init) else { return }
                FileHandle.standardError.write(Data("paused in pay\n".utf8))
                sleep(seconds)
            #endif
        }
    }
}

/// `--id-number` and `--reason` of a step about one person (an exclusion, a cancelled
/// transfer): a valid 身份证号 and a remark's text.
func personAndReason(_ idNumber: String, _ reason: String) throws -> (IDNumber, String) {
    guard let number = IDNumber(idNumber) else {
        throw CommandError("身份证号 \(idNumber.escapedForDisplay) 无效", english: "--id-number \(idNumber.escapedForDisplay) is not a valid id number")
    }
    return (number, try textOption(reason, "--reason", rule: .remark))
}

/// The request of the person a step's required `--by` names, now: normalised, not empty
/// (`ActorOptions.person`).
private func context(by name: String) throws -> RequestContext {
    RequestContext(actor: try Person(name: try ActorOptions.person(name)))
}
