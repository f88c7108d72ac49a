import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

extension Bangfu.Batch {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "批次明细、金额与理由 (entries with amounts and reasons).")
        @Argument(help: "批次编号") var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup var rows: WindowOptions

        func run() throws {
            let store = try database.openForReading()
            let batch = try store.batch(id)
            let out = OutputStream()
            defer { out.flush() }
            // An entry a reviewer excluded shows as not eligible, with the exclusion as its last reason.
            switch output.format {
            case .json:
                // Streamed: the head of the object, then one entry at a time, with what the bank
                // reported of its transfer (issue 19).
                try out.jsonObject(BatchJSON(batch, entries: []), streaming: BatchJSON.CodingKeys.entries) { element in
                    try store.forEachEntryAndTransfer(ofBatch: id, in: rows.window) { stored, transfer in
                        try element(BatchEntryJSON(stored.effective, transfer: transfer))
                    }
                }
            case .csv:
                out.csvLine(["身份证号", "姓名", "档案编号", "受助学生身份证号", "是否符合", "金额", "理由"])
                try store.forEachEntry(ofBatch: id, in: rows.window) { stored in
                    let entry = stored.effective
                    out.csvLine([entry.idNumber.value, entry.name, entry.archiveNumber?.value ?? "", entry.studentIDNumber?.value ?? "",
                                 entry.isEligible ? "是" : "否", entry.amount.yuanText, entry.reasonLines.joined(separator: "；")])
                }
            case .table:
                for line in heading(batch, project: try store.projectBudgetUse(ofBatch: id)) { out.line(line) }
                // A paid batch shows what the bank reported of each entry's transfer (issue 19).
                let paid = batch.status == .paid
                let table = StreamedTable(
                    TextTable(
                        headers: ["身份证号", "姓名", "档案编号", "学生", "金额(元)"] + (paid ? ["转账"] : []) + ["理由"], rightAligned: [4],
                        bounds: [0: ColumnBound.idNumber, 3: ColumnBound.idNumber, 4: ColumnBound.amount]), out: out)
                try store.forEachEntryAndTransfer(ofBatch: id, in: rows.window) { stored, transfer in
                    let entry = stored.effective
                    let state = paid ? [transfer.map(TransferText.describe) ?? ""] : []
                    table.append([entry.idNumber.value, entry.name, entry.archiveNumber?.value ?? "", entry.studentIDNumber?.value ?? "",
                                  entry.isEligible ? entry.amount.formatted : "不予救助"] + state) { entry.reasonLines.appendJoined(separator: "；", to: &$0) }
                }
                table.finish()
            }
        }

        /// The lines above the entries: the batch, its standard and budget, its steps.
        private func heading(_ batch: BatchRecord, project: ProjectBudgetUse?) -> [String] {
            var lines = ["批次 \(batch.id)：\(batch.name)（\(batch.kind.chineseName)，\(batch.date)，\(batch.status.chineseName)）"]
            lines.append("策略 \(batch.policyID)，低保 \(batch.dibaoMonthly?.plainYuan ?? "—") 元，合计 \(batch.total.formatted) 元"
                + (batch.budget.map { "，预算 \($0.formatted) 元" + (batch.isOverBudget ? "（超出预算）" : "") } ?? ""))
            if let project { lines.append(project.chineseSummary) } else if let name = batch.project { lines.append("项目「\(name)」（无项目文件，不核对项目预算）") }
            let steps: [(BatchStep, String)] = [(.review(.first), "初审"), (.review(.second), "复审"), (.approval, "审批"), (.payment, "发放")]
            let done = steps.compactMap { step, title in batch.performers[step].map { "\(title)：\($0)（\(batch.performedAt[step] ?? "")）" } }
            let required = batch.requiredReviews.isEmpty ? "无审核环节" : "审核环节 " + batch.requiredReviews.map(\.chineseName).joined(separator: " → ")
            lines.append(([required] + done + (batch.paidOn.map { ["发放日期 \($0)"] } ?? [])).joined(separator: "；"))
            return lines
        }
    }

    struct List: ParsableCommand {
        static let csvHeader = ["编号", "名称", "类型", "状态", "日期", "合计"]

        static func csvRow(_ batch: BatchRecord) -> [String] {
            ["\(batch.id)", batch.name, batch.kind.chineseName, batch.status.chineseName, batch.date.description, batch.total.yuanText]
        }

        static let configuration = CommandConfiguration(abstract: "列出批次 (list batches).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup var rows: WindowOptions

        func run() throws {
            let batches = rows.window.slice(try database.openForReading().batches())
            let out = OutputStream()
            defer { out.flush() }
            switch output.format {
            case .json:
                try out.jsonArray { element in
                    for batch in batches { try element(BatchListingJSON(batch)) }
                }
            case .csv:
                out.csvLine(Self.csvHeader)
                for batch in batches { out.csvLine(Self.csvRow(batch)) }
            case .table:
                let table = StreamedTable(TextTable(headers: ["编号", "名称", "类型", "状态", "日期", "合计(元)"], rightAligned: [0, 5]), out: out)
                for batch in batches {
                    table.append(["\(batch.id)", batch.name, batch.kind.chineseName, batch.status.chineseName, batch.date.description, batch.total.formatted])
                }
                table.finish()
            }
        }
    }
}

/// What a step (`compute`, `review`, `exclude`, `approve`, `pay`) prints: its Chinese lines
/// as a table, else the batch after the step as `batch list` gives it.
enum BatchStepOutput {
    static func report(_ batch: BatchRecord, _ lines: [String], format: OutputFormat) throws {
        typealias List = Bangfu.Batch.List
        switch format {
        case .table: for line in lines { print(line) }
        case .json: print(try JSONTextEncoder().text(BatchListingJSON(batch)))
        case .csv:
            print(csvLine(List.csvHeader))
            print(csvLine(List.csvRow(batch)))
        }
    }
}
