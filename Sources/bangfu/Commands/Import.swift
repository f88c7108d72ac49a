import ArgumentParser
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

extension Bangfu {
    /// `bangfu import households|members|model-workers|aid FILE` (spec §3).
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入CSV文件 (import a CSV file; all or nothing).",
            subcommands: [HouseholdsFile.self, MembersFile.self, ModelWorkersFile.self, AidFile.self])
    }

    /// The arguments every import takes.
    struct ImportOptions: ParsableArguments {
        @Argument(help: "CSV文件，UTF-8 或 GB18030 (the CSV file)")
        var file: String
        @Flag(name: .long, help: "在标准错误输出显示进度 (progress on stderr even when it is not a terminal)")
        var progress = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup var actor: ActorOptions

        /// Runs one import in one transaction and prints its summary.
        func run<Column, Record>(
            _ format: RecordFormat<Column, Record>, kind: String, table: String,
            write: @escaping (RecordWriter, Record, Int) throws -> SinkOutcome
        ) throws {
            let store = try database.open()
            let showProgress = progress || Terminal.stderrIsTerminal
            defer { if showProgress { Terminal.progressDone() } }
            let started = Date()
            var importer = CSVImporter(format: format)
            if showProgress {
                importer.progress = { @Sendable rows in
                    let rate = Int(Double(rows) / max(Date().timeIntervalSince(started), 0.001))
                    Terminal.progress("已读取 \(rows) 行，\(rate) 行/秒 (\(rows) rows, \(rate) rows/s)")
                }
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let work = { (writer: RecordWriter) throws -> ImportSummary in
                var summary = try importer.run(path: file) { record, row in try write(writer, record, row) }
                let repeats = try writer.finishLoad()
                summary.written -= repeats
                summary.skipped += repeats
                try writer.appendAudit(
                    actor: actor.actor, action: "import \(kind)",
                    detail: "\((file as NSString).lastPathComponent): \(summary.rows) rows, \(summary.written) written, \(summary.skipped) skipped",
                    at: timestampNow())
                return summary
            }
            // Past ~300,000 rows, rebuilding the secondary indexes once is faster than keeping them.
            var summary = size > Self.bulkThreshold ? try store.inBulkTransaction(into: table, work) : try store.inTransaction(work)
            summary.seconds = Date().timeIntervalSince(started)
            report(summary, title: format.title, kind: kind)
        }

        static let bulkThreshold = 32 << 20

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
        func run() throws { try options.run(.households, kind: "households", table: "households", write: RecordSinks.household) }
    }

    struct MembersFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "members", abstract: "家庭成员 (spec §3.2)")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.members, kind: "members", table: "members", write: RecordSinks.member) }
    }

    struct ModelWorkersFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "model-workers", abstract: "劳模 (spec §3.3)")
        @OptionGroup var options: ImportOptions
        func run() throws {
            try options.run(.modelWorkers, kind: "model-workers", table: "model_workers", write: RecordSinks.modelWorker)
        }
    }

    struct AidFile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "aid", abstract: "已发放的救助，工会或其他部门 (spec §3.4)")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.aid, kind: "aid", table: "aid_records", write: RecordSinks.aid) }
    }
}
