import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuExport

extension Bangfu.Indicators {
    /// `bangfu indicators report --project FILE [--out FILE.txt]`: the 绩效自评报告 drafted from
    /// the same evaluation as the form, as text to edit.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "由自评表起草绩效自评报告 (draft the self-evaluation report from the form).",
            discussion: "打印报告正文；--out FILE.txt 另存为可编辑的文本（UTF-8 带 BOM、CRLF 换行，记事本、Word、WPS 可直接打开）。【待填写：…】处须人工补充。")
        @Option(help: "项目文件 (project file)") var project: String
        @Option(help: "另存为 .txt") var out: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            try OutputPaths.check(out.map { [OutputPaths.Output(option: "--out", path: $0)] } ?? [], database: database.path)
            let store = try out == nil ? database.openForReading() : database.openForReadingAndAudit()
            let report = EvaluationReport.draft(try Evaluations.evaluate(try ProjectEvaluation.load(project), in: store))
            if let out { try ProjectForms.save(report, to: out, in: store, context: try actor.context()) }
            print(report.text)
        }
    }
}
