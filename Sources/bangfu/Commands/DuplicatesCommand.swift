import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuExport
import BangfuImport
import BangfuPolicyFiles
import BangfuStore

extension Bangfu {
    /// `bangfu duplicates [check] --year Y …` reports the findings; `bangfu duplicates decide
    /// …` confirms or dismisses one (the review queue, issue 16).
    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重复救助检查与线索处理 (duplicate-aid findings and their review).", subcommands: [Check.self, Decide.self],
            defaultSubcommand: Check.self)
    }
}

extension Bangfu.Duplicates {
    /// `bangfu duplicates --year Y [--policy FILE] [--out FILE.xlsx]` (spec §5, §6.2, with the
    /// review queue's extra keys): every finding with its id and latest decision.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重复救助检查 (duplicate-aid findings of a year).")
        @Option(help: "年度 YYYY") var year: Int
        @Option(help: "策略文件：提供年度上限（不给则不检查超年度上限）") var policy: String?
        @Option(help: "另存为 .xlsx 或 .csv") var out: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func validate() throws {
            guard (2000...2100).contains(year) else { throw ValidationError("--year 应为四位年份 (--year must be a year such as 2024), got \(year)") }
        }

        func run() throws {
            try OutputPaths.check(out.map { [OutputPaths.Output(option: "--out", path: $0)] } ?? [], database: database.path)
            let report = try DuplicateQueue.report(year: year, policyPath: policy, in: try database.openForReading())
            if let out { try write(report, to: out) }
            if policy == nil, output.format != .table {
                // The table says so itself; JSON (spec §6.2) has no place for it.
                Terminal.error("警告 warning: 未给策略文件（--policy），未检查超年度上限 (no --policy: annual limits not checked)")
            }
            switch output.format {
            case .json: print(try JSONTextEncoder().text(DuplicateReportJSON(report)))
            case .csv:
                print(csvLine(["类型", "代码", "身份证号", "说明", "线索编号", "处理状态", "处理意见"]))
                for finding in report.findings {
                    print(csvLine([
                        finding.code.chineseName, finding.code.rawValue, finding.idNumbers.joined(separator: " "), finding.detail, finding.id,
                        finding.decision?.summary ?? FindingStatus.open.chineseName, finding.decision?.note ?? "",
                    ]))
                }
            case .table: print(Self.table(report))
            }
        }

        /// The report for people; the review's lines and columns only when the findings were
        /// identified (the demo's own check names none).
        static func table(_ report: DuplicateReport) -> String {
            let reviewed = report.findings.contains { !$0.id.isEmpty }
            var lines = ["\(report.year)年重复救助检查：\(report.findings.count) 项发现；重复救助率 \(report.duplicateAidRatePercent)"
                + "（涉及工会救助记录 \(report.involvedRecords) 条 / 全年 \(report.unionAidRecords) 条）"]
            if reviewed {
                lines.append("线索处理：待处理 \(report.count(.open)) 项，已确认 \(report.count(.confirmed)) 项，已排除 \(report.count(.dismissed)) 项；"
                    + "已确认部分的重复救助率 \(report.confirmedDuplicateAidRatePercent)（\(report.confirmedRecords) 条）")
            }
            if !report.limitsChecked { lines.append("未给策略文件（--policy），未检查超年度上限。") }
            let counts = FindingCode.allCases.map { code in "\(code.chineseName) \(report.findings.filter { $0.code == code }.count)" }
            lines.append(counts.joined(separator: "，"))
            guard !report.findings.isEmpty else { return lines.joined(separator: "\n") }
            var rows = TextTable(headers: ["序号", "类型", "身份证号", "说明"] + (reviewed ? ["线索编号", "处理"] : []), rightAligned: [0])
            for (index, finding) in report.findings.enumerated() {
                let decision = finding.decision.map { "\($0.summary)（\($0.by) \($0.at.prefix(10))）" + ($0.note.isEmpty ? "" : "：\($0.note)") }
                rows.append(
                    ["\(index + 1)", finding.code.chineseName, finding.idNumbers.joined(separator: " "), finding.detail]
                        + (reviewed ? [finding.id, decision ?? FindingStatus.open.chineseName] : []))
            }
            lines.append(rows.render())
            return lines.joined(separator: "\n")
        }

        private func write(_ report: DuplicateReport, to path: String) throws {
            try BangfuExport.write(DuplicateChecks.sheet(report), to: path)
        }
    }
}

extension FindingAction: ExpressibleByArgument {}

extension Bangfu.Duplicates {
    /// `bangfu duplicates decide --year Y --finding ID (--confirm recover|stop|allowed [--note
    /// TEXT] | --dismiss --reason TEXT) --by LOGIN [--policy FILE]`: a reviewer's decision
    /// about one finding, kept with the earlier ones (the latest counts) and audited.
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "确认或排除一条重复救助线索 (confirm or dismiss a duplicate-aid finding).")
        @Option(help: "年度 YYYY") var year: Int
        @Option(help: "线索编号（duplicates 输出的 finding_id）") var finding: String
        @Option(help: "确认属实，并选处理方式：recover（追回）| stop（停发）| allowed（属政策允许）") var confirm: FindingAction?
        @Option(help: "确认时的说明") var note: String?
        @Flag(help: "排除：不属重复救助（须给 --reason）") var dismiss = false
        @Option(help: "排除的原因") var reason: String?
        @Option(help: "办理人账号 (the deciding account)") var by: String
        @Option(help: "策略文件：超年度上限的线索须与检查时相同") var policy: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func validate() throws {
            guard (2000...2100).contains(year) else { throw ValidationError("--year 应为四位年份 (--year must be a year such as 2024), got \(year)") }
            guard (confirm != nil) != dismiss else {
                throw ValidationError("须给 --confirm 或 --dismiss 之一 (give either --confirm ACTION or --dismiss)")
            }
            if dismiss, note != nil { throw ValidationError("排除时用 --reason 说明原因，不用 --note (a dismissal takes --reason, not --note)") }
            if confirm != nil, reason != nil { throw ValidationError("确认时用 --note 说明，不用 --reason (a confirmation takes --note, not --reason)") }
        }

        func run() throws {
            let store = try database.open()
            let context = RequestContext(actor: try Person(name: try ActorOptions.person(by)))
            let request = DecisionRequest(
                findingID: finding.trimmed, outcome: dismiss ? .dismissed : .confirmed, action: confirm, note: (dismiss ? reason : note) ?? "")
            let scan = try DuplicateQueue.scan(year: year, policyPath: policy, in: store)
            let decided = try DuplicateQueue.decide(request, in: scan, store: store, context: context)
            switch output.format {
            case .json: print(try JSONTextEncoder().text(FindingJSON(decided)))
            case .table, .csv:
                let decision = decided.decision.map { "\($0.summary)（\($0.by)）" + ($0.note.isEmpty ? "" : "：\($0.note)") } ?? ""
                print("线索 \(decided.id)（\(decided.code.chineseName)，\(decided.idNumbers.joined(separator: " "))）已处理：\(decision)")
            }
        }
    }
}
