import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

extension Bangfu {
    /// `bangfu households list` (spec §1, §6).
    struct Households: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "困难职工家庭档案 (household archives).", subcommands: [List.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "列出档案及家庭成员 (list archives with members).")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions
            @OptionGroup var rows: WindowOptions

            func run() throws {
                let store = try database.openForReading()
                let out = OutputStream()
                defer { out.flush() }
                switch output.format {
                case .json:
                    try out.jsonArray { element in
                        try store.forEachHousehold(in: rows.window) { household, members in try element(HouseholdJSON(household, members: members)) }
                    }
                case .csv:
                    out.write("\u{FEFF}")
                    out.csvLine(ImportFileRows.householdHeader, ending: "\r\n")
                    try store.forEachHousehold(in: rows.window) { household, _ in out.csvLine(ImportFileRows.row(household), ending: "\r\n") }
                case .table:
                    let table = StreamedTable(
                        TextTable(
                            headers: ["档案编号", "户主姓名", "户主身份证号", "困难类别", "人口", "家庭年纯收入(元)", "档案状态", "家庭成员（就学阶段）"],
                            rightAligned: [4, 5],
                            bounds: [
                                2: ColumnBound.idNumber, 3: ColumnBound.words(HardshipCategory.self), 4: String(Plausible.householdSize.upperBound).count,
                                5: ColumnBound.amount, 6: ColumnBound.words(ArchiveStatus.self),
                            ]), out: out)
                    try store.forEachHousehold(in: rows.window) { household, members in
                        table.append([
                            household.archiveNumber.value, household.headName, household.headIDNumber.value,
                            household.category.chineseName, "\(household.size)", household.annualIncome.formatted,
                            household.status.chineseName,
                            members.map { $0.schoolStage == .none ? $0.name : "\($0.name)（\($0.schoolStage.chineseName)）" }
                                .joined(separator: "、"),
                        ])
                    }
                    table.finish()
                    out.line("共 \(table.count) 户")
                }
            }
        }
    }

    /// `bangfu model-workers list` (spec §1, §6).
    struct ModelWorkers: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "model-workers", abstract: "劳模 (model workers).", subcommands: [List.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "列出劳模 (list model workers).")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions
            @OptionGroup var rows: WindowOptions

            func run() throws {
                let store = try database.openForReading()
                let out = OutputStream()
                defer { out.flush() }
                switch output.format {
                case .json:
                    try out.jsonArray { element in try store.forEachModelWorker(in: rows.window) { try element(ModelWorkerJSON($0)) } }
                case .csv:
                    out.write("\u{FEFF}")
                    out.csvLine(ImportFileRows.modelWorkerHeader, ending: "\r\n")
                    try store.forEachModelWorker(in: rows.window) { out.csvLine(ImportFileRows.row($0), ending: "\r\n") }
                case .table:
                    let table = StreamedTable(
                        TextTable(
                            headers: ["姓名", "身份证号", "荣誉级别", "荣誉称号", "本人年收入(元)", "困难类型", "特殊困难原因"],
                            rightAligned: [4],
                            bounds: [
                                1: ColumnBound.idNumber, 2: ColumnBound.words(HonorLevel.self), 4: ColumnBound.amount,
                                5: ColumnBound.words(ModelWorkerHardship.self), 6: ColumnBound.words(SpecialCause.self),
                            ]), out: out)
                    try store.forEachModelWorker(in: rows.window) { worker in
                        table.append([
                            worker.name, worker.idNumber.value, worker.level.chineseName, worker.title,
                            worker.annualIncome.formatted, worker.hardship.chineseName, worker.specialCause?.chineseName ?? "",
                        ])
                    }
                    table.finish()
                    out.line("共 \(table.count) 人")
                }
            }
        }
    }
}
