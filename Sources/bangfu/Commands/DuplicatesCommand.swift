import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuExport
import BangfuImport
import BangfuPolicyFiles
import BangfuStore

extension Bangfu {
    /// `bangfu duplicates --year Y [--policy FILE] [--out FILE.xlsx]` (spec §5, §6.2).
    struct Duplicates: ParsableCommand {
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
            let report = try DuplicateChecks.report(year: year, policyPath: policy, in: try database.openForReading())
            if let out { try write(report, to: out) }
            if policy == nil, output.format != .table {
                // The table says so itself; JSON (spec §6.2) has no place for it.
                Terminal.error("警告 warning: 未给策略文件（--policy），未检查超年度上限 (no --policy: annual limits not checked)")
            }
            switch output.format {
            case .json: print(try JSONTextEncoder().encode(DuplicateReportJSON(report)).text)
            case .csv:
                print(csvLine(["类型", "代码", "身份证号", "说明"]))
                for finding in report.findings {
                    print(csvLine([finding.code.chineseName, finding.code.rawValue, finding.idNumbers.joined(separator: " "), finding.detail]))
                }
            case .table: print(Self.table(report))
            }
        }

        static func table(_ report: DuplicateReport) -> String {
            var lines = ["\(report.year)年重复救助检查：\(report.findings.count) 项发现；重复救助率 \(report.duplicateAidRatePercent)"
                + "（涉及工会救助记录 \(report.involvedRecords) 条 / 全年 \(report.unionAidRecords) 条）"]
            if !report.limitsChecked { lines.append("未给策略文件（--policy），未检查超年度上限。") }
            let counts = FindingCode.allCases.map { code in "\(code.chineseName) \(report.findings.filter { $0.code == code }.count)" }
            lines.append(counts.joined(separator: "，"))
            guard !report.findings.isEmpty else { return lines.joined(separator: "\n") }
            var rows = TextTable(headers: ["序号", "类型", "身份证号", "说明"], rightAligned: [0])
            for (index, finding) in report.findings.enumerated() {
                rows.append(["\(index + 1)", finding.code.chineseName, finding.idNumbers.joined(separator: " "), finding.detail])
            }
            lines.append(rows.render())
            return lines.joined(separator: "\n")
        }

        private func write(_ report: DuplicateReport, to path: String) throws {
            try BangfuExport.write(DuplicateChecks.sheet(report), to: path)
        }
    }
}
