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

        func run() throws {
            let store = try database.openForReading()
            let batch = try store.batch(id)
            // An entry a reviewer excluded shows as not eligible, with the exclusion as its last reason.
            switch output.format {
            case .json:
                // Streamed: the head of the object, then one entry at a time.
                let out = OutputStream()
                defer { out.flush() }
                let transfers = try store.entryTransfers(ofBatch: id)
                try out.jsonObject(BatchJSON(batch, entries: []), streaming: BatchJSON.CodingKeys.entries) { element in
                    try store.forEachEntry(ofBatch: id) { stored in try element(BatchEntryJSON(stored.effective, transfer: transfers[stored.position])) }
                }
            case .csv:
                let out = OutputStream()
                defer { out.flush() }
                out.line(csvLine(["身份证号", "姓名", "档案编号", "受助学生身份证号", "是否符合", "金额", "理由"]))
                try store.forEachEntry(ofBatch: id) { stored in
                    let entry = stored.effective
                    out.line(csvLine([entry.idNumber.value, entry.name, entry.archiveNumber?.value ?? "", entry.studentIDNumber?.value ?? "",
                                      entry.isEligible ? "是" : "否", entry.amount.yuanText, entry.reasons.joined(separator: "；")]))
                }
            case .table:
                let stored = try store.entries(ofBatch: id)
                let transfers = try store.entryTransfers(ofBatch: id)
                print(table(batch, stored.map(\.effective), transfers: stored.map { transfers[$0.position] }, project: try store.projectBudgetUse(ofBatch: id)))
            }
        }

        private func table(_ batch: BatchRecord, _ entries: [BatchEntry], transfers: [EntryTransfer?], project: ProjectBudgetUse?) -> String {
            var lines = ["批次 \(batch.id)：\(batch.name)（\(batch.kind.chineseName)，\(batch.date)，\(batch.status.chineseName)）"]
            lines.append("策略 \(batch.policyID)，低保 \(batch.dibaoMonthly?.plainYuan ?? "—") 元，合计 \(batch.total.formatted) 元"
                + (batch.budget.map { "，预算 \($0.formatted) 元" + (batch.isOverBudget ? "（超出预算）" : "") } ?? ""))
            if let project { lines.append(project.chineseSummary) } else if let name = batch.project { lines.append("项目「\(name)」（无项目文件，不核对项目预算）") }
            let steps: [(BatchStep, String)] = [(.review(.first), "初审"), (.review(.second), "复审"), (.approval, "审批"), (.payment, "发放")]
            let done = steps.compactMap { step, title in batch.performers[step].map { "\(title)：\($0)（\(batch.performedAt[step] ?? "")）" } }
            let required = batch.requiredReviews.isEmpty ? "无审核环节" : "审核环节 " + batch.requiredReviews.map(\.chineseName).joined(separator: " → ")
            lines.append(([required] + done + (batch.paidOn.map { ["发放日期 \($0)"] } ?? [])).joined(separator: "；"))
            // A paid batch shows what the bank reported of each entry's transfer (issue 19).
            let paid = batch.status == .paid
            var rows = TextTable(headers: ["身份证号", "姓名", "档案编号", "学生", "金额(元)"] + (paid ? ["转账"] : []) + ["理由"], rightAligned: [4])
            for (entry, transfer) in zip(entries, transfers) {
                let state = paid ? [transfer.map(TransferText.describe) ?? ""] : []
                rows.append([entry.idNumber.value, entry.name, entry.archiveNumber?.value ?? "", entry.studentIDNumber?.value ?? "",
                             entry.isEligible ? entry.amount.formatted : "不予救助"] + state + [entry.reasons.joined(separator: "；")])
            }
            lines.append(rows.render())
            return lines.joined(separator: "\n")
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

        func run() throws {
            let batches = try database.openForReading().batches()
            switch output.format {
            case .json:
                let out = OutputStream()
                defer { out.flush() }
                try out.jsonArray { element in
                    for batch in batches { try element(BatchListingJSON(batch)) }
                }
            case .csv:
                print(csvLine(Self.csvHeader))
                for batch in batches { print(csvLine(Self.csvRow(batch))) }
            case .table:
                var table = TextTable(headers: ["编号", "名称", "类型", "状态", "日期", "合计(元)"], rightAligned: [0, 5])
                for batch in batches {
                    table.append(["\(batch.id)", batch.name, batch.kind.chineseName, batch.status.chineseName, batch.date.description, batch.total.formatted])
                }
                print(table.render())
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
        case .json: print(try JSONTextEncoder().encode(BatchListingJSON(batch)).text)
        case .csv:
            print(csvLine(List.csvHeader))
            print(csvLine(List.csvRow(batch)))
        }
    }
}
