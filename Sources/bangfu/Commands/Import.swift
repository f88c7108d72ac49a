import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

extension Bangfu {
    /// `bangfu import households|members|model-workers|aid FILE` (spec §3).
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入CSV或xlsx文件 (import a CSV or xlsx file; all or nothing).",
            subcommands: [HouseholdsFile.self, MembersFile.self, ModelWorkersFile.self, AidFile.self])
    }

    /// The arguments every import takes.
    struct ImportOptions: ParsableArguments {
        @Argument(help: "CSV文件（UTF-8 或 GB18030）或 Excel 工作簿 .xlsx (the CSV or xlsx file)")
        var file: String
        @Flag(name: .long, help: "在标准错误输出显示进度 (progress on stderr even when it is not a terminal)")
        var progress = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup var actor: ActorOptions

        /// Runs one import (all or nothing, with its audit line) and prints its summary.
        func run(_ kind: ImportKind) throws {
            let store = try database.open()
            let showProgress = progress || Terminal.stderrIsTerminal
            defer { if showProgress { Terminal.progressDone() } }
            let started = Date()
            let progress: (@Sendable (Int) -> Void)? = showProgress ? { @Sendable rows in
                let rate = Int(Double(rows) / max(Date().timeIntervalSince(started), 0.001))
                Terminal.progress("已读取 \(rows) 行，\(rate) 行/秒 (\(rows) rows, \(rate) rows/s)")
            } : nil
            let summary = try Imports.run(kind, path: file, into: store, context: try actor.context(), progress: progress)
            report(summary, title: kind.title, kind: kind.rawValue)
        }

        private func report(_ summary: ImportSummary, title: String, kind: String) {
            let shownWarnings = summary.warnings.prefix(20)
            for warning in shownWarnings { Terminal.error("警告 warning: \(file) \(warning)") }
            if summary.warnings.count > shownWarnings.count {
                Terminal.error("……另有 \(summary.warnings.count - shownWarnings.count) 条警告 (\(summary.warnings.count - shownWarnings.count) more warnings)")
            }
            switch output.format {
            case .json:
                let object: [String: Any] = [
                    "file": file, "kind": kind, "encoding": summary.encoding.rawValue, "rows": summary.rows,
                    "written": summary.written, "skipped": summary.skipped,
                    "warnings": summary.warnings.map(\.description),
                ]
                printJSON(object)
            case .csv:
                print(csvLine(["文件", "类型", "编码", "行数", "写入", "跳过", "警告"]))
                print(csvLine([file, title, summary.encoding.rawValue, "\(summary.rows)", "\(summary.written)", "\(summary.skipped)", "\(summary.warnings.count)"]))
            case .table:
                var line = "已导入\(title) \(summary.written) 行（\(file)，\(summary.encoding.rawValue)，共 \(summary.rows) 行"
                if summary.skipped > 0 { line += "，\(summary.skipped) 行与已有记录相同已跳过" }
                line += "，用时 \(String(format: "%.2f", summary.seconds)) 秒）"
                print(line)
            }
        }
    }

    struct HouseholdsFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "households", abstract: "困难职工家庭档案 (spec §3.1)")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.households) }
    }

    struct MembersFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "members", abstract: "家庭成员 (spec §3.2)")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.members) }
    }

    struct ModelWorkersFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "model-workers", abstract: "劳模 (spec §3.3)")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.modelWorkers) }
    }

    struct AidFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "aid", abstract: "已发放的救助，工会或其他部门 (spec §3.4)")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.aid) }
    }
}
