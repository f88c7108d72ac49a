import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuExport
import BangfuImport
import BangfuPolicyFiles
import BangfuStore

extension Bangfu.Indicators {
    /// `bangfu indicators --project FILE [--out FILE.xlsx]` and `--summary P1.toml P2.toml …`:
    /// the 自评表 filled from the project's paid batches (spec §6.3, §7).
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate", abstract: "由已发放批次生成项目绩效自评表 (the form, from the paid batches; the default).")
        @Option(help: "项目文件 (project file)") var project: String?
        @Option(parsing: .upToNextOption, help: "汇总多个项目文件：项目绩效自评情况汇总表") var summary: [String] = []
        @Option(help: "另存为 .xlsx（或 .csv）") var out: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: FormatOptions

        func validate() throws {
            guard (project == nil) != summary.isEmpty else { throw ValidationError("请指定 --project 文件或 --summary 文件… (give --project FILE or --summary FILE…)") }
        }

        func run() throws {
            try OutputPaths.check(out.map { [OutputPaths.Output(option: "--out", path: $0)] } ?? [], database: database.path)
            // Saving a form records the export in the audit trail, as a download from the pages does.
            let store = try out == nil ? database.openForReading() : database.openForReadingAndAudit()
            if let project {
                let evaluation = try Evaluations.evaluate(try ProjectEvaluation.load(project), in: store)
                if let out { try ProjectForms.save(evaluation, to: out, in: store, context: try actor.context()) }
                switch output.format {
                case .json: print(try JSONTextEncoder().text(EvaluationJSON(evaluation)))
                case .csv:
                    print(csvLine(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差说明"]))
                    for row in evaluation.rows {
                        print(csvLine([row.indicator.level1, row.indicator.level2, row.indicator.name, row.targetText, row.actualText,
                                       row.indicator.weight.description, row.score.description, row.deviationNote ?? ""]))
                    }
                case .table: print(ProjectEvaluation.table(evaluation))
                }
            } else {
                let evaluations = try Evaluations.evaluate(try summary.map(ProjectEvaluation.load), in: store)
                if let out { try ProjectForms.saveSummary(evaluations, to: out, in: store, context: try actor.context()) }
                switch output.format {
                case .json:
                    let lines = evaluations.enumerated().map { index, evaluation in EvaluationSummaryJSON(number: index + 1, evaluation) }
                    print(try JSONTextEncoder().text(lines))
                case .csv: for line in ProjectEvaluation.summaryCSV(evaluations) { print(line) }
                case .table: print(ProjectEvaluation.summaryTable(evaluations))
                }
            }
        }
    }
}

/// A project's form as the command line shows it (the filling is `Evaluations`').
enum ProjectEvaluation {
    /// Loads a project file, saying on stderr what is allowed but unusual.
    static func load(_ path: String) throws -> Project {
        let (project, warnings) = try Evaluations.load(path)
        for warning in warnings { Terminal.error("警告 warning: " + warning.message) }
        return project
    }

    /// 项目绩效自评情况汇总表 as CSV lines, the header first.
    static func summaryCSV(_ evaluations: [Evaluation]) -> [String] {
        [csvLine(["序号", "项目名称", "资金使用单位", "自评得分", "自评等级"])]
            + evaluations.enumerated().map { index, evaluation in
                csvLine(["\(index + 1)", evaluation.project.name, evaluation.project.implementer ?? "", evaluation.totalScore.description, evaluation.grade.rawValue])
            }
    }

    static func table(_ evaluation: Evaluation) -> String {
        let project = evaluation.project
        var lines = [
            "项目支出绩效自评表（\(project.year)年度）：\(project.name)",
            "预算执行：全年预算数 \(project.budget.formatted) 元，全年执行数 \(evaluation.executed.formatted) 元，执行率 \(evaluation.executionRateText)，"
                + "得分 \(evaluation.executionScore)/\(project.executionWeight)",
        ]
        if let source = evaluation.executionSourceText { lines.append(source) }
        var rows = TextTable(headers: ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差说明"], rightAligned: [5, 6])
        for row in evaluation.rows {
            rows.append([row.indicator.level1, row.indicator.level2, row.indicator.name, row.targetText, row.actualText,
                         row.indicator.weight.description, row.score.description, row.deviationNote ?? ""])
        }
        lines.append(rows.render())
        lines.append("总分 \(evaluation.totalScore)，自评等级：\(evaluation.grade.rawValue)")
        let remarks = evaluation.rowRemarks
        if !remarks.readings.isEmpty { lines.append("读法：\n" + remarks.readings.map { "  " + $0 }.joined(separator: "\n")) }
        if !remarks.flags.isEmpty { lines.append("需核对：\n" + remarks.flags.map { "  " + $0 }.joined(separator: "\n")) }
        if !evaluation.missingMetrics.isEmpty {
            lines.append("未取得：" + evaluation.missingMetrics.map(\.metric.chineseDescription).joined(separator: "、") + "（没有已发放的批次条目可据以计算）")
        }
        if let note = evaluation.notReportedNote { lines.append(note) }
        return lines.joined(separator: "\n")
    }

    static func summaryTable(_ evaluations: [Evaluation]) -> String {
        var rows = TextTable(headers: ["序号", "项目名称", "资金使用单位", "自评得分", "自评等级"], rightAligned: [0, 3])
        for (index, evaluation) in evaluations.enumerated() {
            rows.append(["\(index + 1)", evaluation.project.name, evaluation.project.implementer ?? "", evaluation.totalScore.description, evaluation.grade.rawValue])
        }
        return "项目绩效自评情况汇总表\n" + rows.render()
    }
}
