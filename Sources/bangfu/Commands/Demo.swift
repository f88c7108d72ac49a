import ArgumentParser
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

extension Bangfu {
    /// `bangfu demo`: a fresh database built from `import/sample/`, and what it holds.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "用 import/sample/ 的示例年度数据演示 (build a fresh database from the sample year).")

        @Option(help: "示例数据目录 (sample folder)") var sample = "import/sample"
        @Option(help: "演示输出目录 (where the demo database goes; default a new temporary folder)") var out: String?

        func run() throws {
            let folder = out ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("bangfu-demo-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = (folder as NSString).appendingPathComponent("demo.sqlite")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let store = try BangfuDatabase(path: path)
            let file = { (name: String) in (sample as NSString).appendingPathComponent(name) }
            guard FileManager.default.fileExists(atPath: file("households.csv")) else {
                throw CommandError("找不到示例数据 \(file("households.csv"))，请在项目根目录运行", english: "sample data not found; run from the project folder")
            }
            print("== 1. 导入示例数据（\(sample)）==")
            try importSample(file("households.csv"), .households, into: store, write: RecordSinks.household)
            try importSample(file("members.csv"), .members, into: store, write: RecordSinks.member)
            try importSample(file("model-workers.csv"), .modelWorkers, into: store, write: RecordSinks.modelWorker)
            try importSample(file("aid.csv"), .aid, into: store, write: RecordSinks.aid)
            print()
            print("== 2. 档案概况 ==")
            print(DemoReport.summary(try store.archiveSummary()))
            print()
            print("演示数据库：\(path)")
            print("Demo database: \(path)")
        }

        private func importSample<Column, Record>(
            _ path: String, _ format: RecordFormat<Column, Record>, into store: BangfuDatabase,
            write: @escaping (RecordWriter, Record, Int) throws -> SinkOutcome
        ) throws {
            let summary = try store.inTransaction { writer in
                try CSVImporter(format: format).run(path: path) { record, row in try write(writer, record, row) }
            }
            print("已导入\(format.title) \(summary.written) 行（\((path as NSString).lastPathComponent)，\(summary.encoding.rawValue)）")
        }
    }
}

/// The demo's printed overview.
enum DemoReport {
    static func summary(_ summary: ArchiveSummary) -> String {
        var households = TextTable(headers: ["困难类别", "在档", "脱困", "销档"], rightAligned: [1, 2, 3])
        for category in HardshipCategory.allCases {
            let counts = summary.households[category] ?? [:]
            households.append([category.chineseName] + ArchiveStatus.allCases.map { "\(counts[$0] ?? 0)" })
        }
        var students = TextTable(headers: ["就学阶段", "人数"], rightAligned: [1])
        for stage in SchoolStage.allCases where stage != .none {
            students.append([stage.chineseName, "\(summary.students[stage] ?? 0)"])
        }
        var workers = TextTable(headers: ["劳模困难类型", "人数"], rightAligned: [1])
        for hardship in ModelWorkerHardship.allCases {
            workers.append([hardship.chineseName, "\(summary.modelWorkers[hardship] ?? 0)"])
        }
        var aid = TextTable(headers: ["救助类型", "发放单位", "笔数", "金额(元)"], rightAligned: [2, 3])
        let kindOrder = Dictionary(uniqueKeysWithValues: AidKind.allCases.enumerated().map { ($1, $0) })
        for line in summary.aid.sorted(by: { (kindOrder[$0.kind] ?? 0, $0.payer == "工会" ? 0 : 1) < (kindOrder[$1.kind] ?? 0, $1.payer == "工会" ? 0 : 1) }) {
            aid.append([line.kind.chineseName, line.payer, "\(line.count)", line.total.formatted])
        }
        return [households.render(), "家庭成员 \(summary.members) 人", students.render(), workers.render(), aid.render()]
            .joined(separator: "\n\n")
    }
}
