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

            func run() throws {
                let store = try database.openForReading()
                let out = OutputStream()
                defer { out.flush() }
                switch output.format {
                case .json:
                    try out.jsonArray { element in
                        try store.forEachHousehold { household, members in try element(HouseholdJSON(household, members: members)) }
                    }
                case .csv:
                    out.write("\u{FEFF}" + csvLine(ImportFileRows.householdHeader) + "\r\n")
                    try store.forEachHousehold { household, _ in out.write(csvLine(ImportFileRows.row(household)) + "\r\n") }
                case .table:
                    var table = TextTable(
                        headers: ["档案编号", "户主姓名", "户主身份证号", "困难类别", "人口", "家庭年纯收入(元)", "档案状态", "家庭成员（就学阶段）"],
                        rightAligned: [4, 5])
                    var count = 0
                    try store.forEachHousehold { household, members in
                        count += 1
                        table.append([
                            household.archiveNumber.value, household.headName, household.headIDNumber.value,
                            household.category.chineseName, "\(household.size)", household.annualIncome.formatted,
                            household.status.chineseName,
                            members.map { $0.schoolStage == .none ? $0.name : "\($0.name)（\($0.schoolStage.chineseName)）" }
                                .joined(separator: "、"),
                        ])
                    }
                    out.line(table.render())
                    out.line("共 \(count) 户")
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

            func run() throws {
                let store = try database.openForReading()
                let out = OutputStream()
                defer { out.flush() }
                switch output.format {
                case .json:
                    try out.jsonArray { element in try store.forEachModelWorker { try element(ModelWorkerJSON($0)) } }
                case .csv:
                    out.write("\u{FEFF}" + csvLine(ImportFileRows.modelWorkerHeader) + "\r\n")
                    try store.forEachModelWorker { out.write(csvLine(ImportFileRows.row($0)) + "\r\n") }
                case .table:
                    var table = TextTable(
                        headers: ["姓名", "身份证号", "荣誉级别", "荣誉称号", "本人年收入(元)", "困难类型", "特殊困难原因"],
                        rightAligned: [4])
                    var count = 0
                    try store.forEachModelWorker { worker in
                        count += 1
                        table.append([
                            worker.name, worker.idNumber.value, worker.level.chineseName, worker.title,
                            worker.annualIncome.formatted, worker.hardship.chineseName, worker.specialCause?.chineseName ?? "",
                        ])
                    }
                    out.line(table.render())
                    out.line("共 \(count) 人")
                }
            }
        }
    }
}
