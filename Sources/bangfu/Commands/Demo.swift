import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuExport
import BangfuImport
import BangfuPolicyFiles
import BangfuStore
import Foundation

extension Bangfu {
    /// `bangfu demo` (spec §1): a fresh database built from `import/sample/`, the sample year
    /// run through it — every batch computed, noticed, reviewed, approved and paid by named
    /// people — then the duplicate check and each project's self-evaluation.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "用示例数据跑完一个年度：批次、审批、发放、重复救助检查、绩效自评 (the sample year, end to end).")

        @Option(help: "示例数据目录 (sample folder)") var sample = Self.defaultSample
        @Option(help: "策略文件 (policy file)") var policy = Self.defaultPolicy
        @Option(help: "项目文件目录 (project files)") var projects = Self.defaultProjects
        @Option(help: "演示输出目录 (database, forms and lists; default a new temporary folder)") var out: String?
        @Option(help: "演示数据库文件，须为新文件或空库 (the demo's database: a new or empty file; default demo.sqlite in the output folder)")
        var db: String?
        @OptionGroup var output: FormatOptions

        mutating func validate() throws {
            // Only the defaults are looked for elsewhere: a path the user typed means that path.
            if sample == Self.defaultSample { sample = Self.locate(sample) }
            if policy == Self.defaultPolicy { policy = Self.locate(policy) }
            if projects == Self.defaultProjects { projects = Self.locate(projects) }
        }

        static let defaultSample = "import/sample", defaultPolicy = "policies/qingdao-2024.toml", defaultProjects = "policies/projects"

        func run() throws {
            let started = ContinuousClock.now
            let file = { (name: String) in (sample as NSString).appendingPathComponent(name) }
            for needed in [file("households.csv"), policy, projects] where !FileManager.default.fileExists(atPath: needed) {
                throw CommandError("找不到 \(needed)，请在项目根目录运行", english: "\(needed) not found; run from the project folder")
            }
            let folder = out ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("bangfu-demo-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let inFolder = { (name: String) in (folder as NSString).appendingPathComponent(name) }
            let path = db ?? inFolder("demo.sqlite")
            if db != nil, !BangfuDatabase.isUnused(path: path) {
                throw CommandError(
                    "\(path) 不是空的 Bangfu 数据库，演示不会覆盖它；请指定新的文件",
                    english: "\(path) is not an empty Bangfu database; the demo will not overwrite it")
            }
            // A `--db` named like one of the demo's lists would be written over by it.
            let listPath = { (name: String) throws -> String in
                try OutputPaths.check([OutputPaths.Output(option: "demo", path: inFolder(name))], database: path)
                return inFolder(name)
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let store = try BangfuDatabase(path: path)

            say("== 1. 导入示例数据（\(sample)）==")
            var section = 1
            let inputs = DemoRun.Inputs(sample: sample, policy: policy, projects: projects)
            let (evaluations, accounts) = try DemoRun.run(inputs, into: store, listPath: listPath) { step in
                // Each step as the walk-through shows it, a heading before the first of a kind.
                func heading(_ number: Int, _ title: String) {
                    guard section < number else { return }
                    section = number
                    say()
                    say("== \(number). \(title) ==")
                }
                switch step {
                case .imported(let kind, let summary, let file):
                    say("已导入\(kind.title) \(summary.written) 行（\((file as NSString).lastPathComponent)，\(summary.encoding.rawValue)）")
                case .archives(let summary):
                    heading(2, "档案概况")
                    say(DemoReport.summary(summary))
                case .batch(let plan, let batch, let entries, let records, let total):
                    heading(3, "\(DemoYear.year)年各批次：计算 → 公示 → 初审 → 复审 → 审批 → 发放")
                    say("批次\(batch.id) \(plan.date) \(plan.kind.chineseName)「\(plan.name)」：\(entries) 条，发放 \(records) 笔，"
                        + "合计 \(total.formatted) 元；初审 \(DemoYear.firstReviewer)，复审 \(DemoYear.secondReviewer)，"
                        + "审批 \(DemoYear.approver)，\(plan.paidOn) 由 \(DemoYear.payer) 发放")
                case .returns(let batch, let first, let reissued, let second, let cancelled):
                    heading(3, "")
                    say("批次\(batch.id) 银行回盘（\(DemoYear.returns.file)）：到账 \(first.transferred) 笔，失败 \(first.failed) 笔"
                        + "（\(first.failedAmount.formatted) 元未到账）；更正账号后补发 \(reissued.formatted) 元（\(DemoYear.returns.reissuePaidOn)），"
                        + "补发回盘到账 \(second.transferred) 笔、失败 \(second.failed) 笔；取消 \(cancelled) 笔")
                case .duplicates(let report):
                    heading(4, "重复救助检查")
                    say(Bangfu.Duplicates.Check.table(report))
                case .evaluation(let evaluation):
                    heading(5, "项目绩效自评")
                    say(ProjectEvaluation.table(evaluation))
                    say()
                }
            }
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            say("== 6. 汇总 ==")
            say(ProjectEvaluation.summaryTable(evaluations))
            say()
            say("演示账号（密码为随机值，不显示；试用前请设置：bangfu user passwd 账号 --db \(path)）：")
            say(accounts.map { "\($0.login)（\($0.name)，\($0.roles.sorted().map(\.chineseName).joined(separator: "、"))）" }.joined(separator: "，"))
            say()
            say("演示输出目录（数据库、公示名单、银行发放清单、自评表）：\(folder)")
            say("Demo output (database, notices, bank lists, forms): \(folder)  [\(String(format: "%.1f", seconds)) s]")
            switch output.format {
            case .table: break
            case .json: print(try JSONTextEncoder().text(evaluations.map(EvaluationJSON.init)))
            case .csv: for line in ProjectEvaluation.summaryCSV(evaluations) { print(line) }
            }
        }

        /// A file of the project (`import/sample`, `policies/…`) found from the working folder,
        /// else from the folders above the executable (`.build/release/bangfu` in a clone), so
        /// that `bangfu demo` also runs from elsewhere.
        private static func locate(_ path: String) -> String {
            guard !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: path) else { return path }
            var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                folder = folder.deletingLastPathComponent()
                let candidate = folder.appendingPathComponent(path).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
            return path
        }

        /// The walk-through of the year: on stdout as the table; on stderr when stdout carries
        /// the indicators as JSON (spec §6.3, one form per project) or the summary as CSV.
        private func say(_ text: String = "") {
            if output.format == .table { print(text) } else { Terminal.error(text) }
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
