import BangfuCore
import BangfuExport
import BangfuStore
import Foundation

/// The self-evaluation forms as a signed-in account reads them (spec §7, §9): the projects
/// of `DIR/projects/*.toml` (`--policies DIR`), named by `[project] name`, each filled from
/// the records, with the records behind each derived actual.
///
/// Who: every role that reads the checks (`.viewChecks`), of the whole city only. A form adds
/// up every paid batch of its project, across all unions: a union's account is refused
/// (`AuthorityError.formsNeedCityAccount`, 403) rather than shown a form cut to its union,
/// which would look like the project's evaluation and score it wrongly, or the city's
/// figures, which are not its records.
public enum ProjectForms {
    /// The project files of `policiesDirectory`, in file-name order; none when it has no
    /// `projects/` folder. A file that is not a valid project is refused with its own error.
    public static func projects(in policiesDirectory: String) throws -> [Project] {
        try ProjectDirectory.projects(in: (policiesDirectory as NSString).appendingPathComponent("projects"))
    }

    /// Every project's form, for the 项目绩效自评情况汇总表.
    public static func summary(policiesDirectory: String, viewer: Account, in store: BangfuDatabase) throws -> [Evaluation] {
        try requireCityViewer(viewer)
        return try Evaluations.evaluate(try projects(in: policiesDirectory), in: store)
    }

    /// The form of the project named `name`, its paid batches and what they paid by month.
    public static func form(named name: String, policiesDirectory: String, viewer: Account, in store: BangfuDatabase) throws -> ProjectForm {
        try requireCityViewer(viewer)
        let project = try project(named: name, in: policiesDirectory)
        return ProjectForm(
            evaluation: try Evaluations.evaluate(project, in: store),
            batches: try store.projectPaidBatches(project: project.name, year: project.year),
            aidByMonth: try store.projectAidByMonth(project: project.name, year: project.year))
    }

    /// What row `number` (1-based, in the form's order) of the form of `name` was counted
    /// from: one page of its paid entries as its metric counts them, 身份证号 masked for
    /// `viewer`; for a manual row, its source.
    public static func counted(
        row number: Int, ofProject name: String, page: Int, perPage: Int, policiesDirectory: String, viewer: Account, in store: BangfuDatabase
    ) throws -> CountedRecords {
        try requireCityViewer(viewer)
        let project = try project(named: name, in: policiesDirectory)
        let evaluation = try Evaluations.evaluate(project, in: store)
        guard evaluation.rows.indices.contains(number - 1) else { throw ProjectFormError.noSuchRow(project: name, row: number) }
        let row = evaluation.rows[number - 1]
        var counted = CountedRecords(row: row, number: number, project: project, explanation: "", total: 0, lines: [])
        switch row.indicator.source {
        case .manual(_, let source, _):
            counted.manualSource = source
            counted.explanation = "手工填报的实际完成值，不由帮扶系统的记录计算。"
        case .metric(let metric, let deadline, let kind):
            let grouping = CountedExplanation.grouping(of: metric)
            counted.grouping = grouping
            counted.deadline = deadline
            counted.explanation = CountedExplanation.text(metric, deadline: deadline, kind: kind)
            if [.duplicateAidRate, .standardAccuracy].contains(metric) { counted.duplicatesYear = project.year }
            let found = try store.projectCountedLines(
                project: project.name, year: project.year, grouping: grouping, kind: kind, page: page, perPage: perPage)
            counted.total = found.total
            let seesFull = Masking.seesFullIDNumbers(viewer.roles)
            counted.lines = found.lines.map { line in
                var line = line
                if !seesFull {
                    line.idNumber = Masking.idNumber(text: line.idNumber)
                    line.studentIDNumber = line.studentIDNumber.map(Masking.idNumber(text:))
                }
                return line
            }
        }
        return counted
    }

    /// The form of `name` as the xlsx of `bangfu indicators --out` (`SelfEvaluationForm.sheet`),
    /// its file name, and the export's audit line.
    public static func workbook(
        ofProject name: String, policiesDirectory: String, viewer: Account, in store: BangfuDatabase, context: RequestContext
    ) throws -> (filename: String, bytes: [UInt8]) {
        try requireCityViewer(viewer)
        let project = try project(named: name, in: policiesDirectory)
        let sheet = SelfEvaluationForm.sheet(try Evaluations.evaluate(project, in: store))
        let bytes = try BangfuExport.bytes(of: sheet, as: .xlsx)
        try store.appendAuditSoon(
            actor: context.actor.name, action: .formExport, detail: "self-evaluation form of \(project.name) \(project.year), xlsx", at: context.timestamp)
        return ("\(project.name)-\(project.year)年度绩效自评表.xlsx", bytes)
    }

    /// The 绩效自评报告 of `name`, drafted from its form (`EvaluationReport`).
    public static func report(named name: String, policiesDirectory: String, viewer: Account, in store: BangfuDatabase) throws -> EvaluationReport {
        try requireCityViewer(viewer)
        return EvaluationReport.draft(try Evaluations.evaluate(try project(named: name, in: policiesDirectory), in: store))
    }

    /// The report of `name` as a text file to edit, its file name, and the export's audit line.
    /// UTF-8 with a BOM and CRLF line ends, so that Windows Notepad, Word and WPS open it as
    /// Chinese text.
    public static func reportText(
        ofProject name: String, policiesDirectory: String, viewer: Account, in store: BangfuDatabase, context: RequestContext
    ) throws -> (filename: String, bytes: [UInt8]) {
        let report = try report(named: name, policiesDirectory: policiesDirectory, viewer: viewer, in: store)
        try store.appendAuditSoon(actor: context.actor.name, action: .formExport, detail: "self-evaluation report of \(name), txt", at: context.timestamp)
        return ("\(report.title).txt", EvaluationReport.editableBytes(report))
    }

    /// The 项目绩效自评情况汇总表 of every project as xlsx, its file name, and the audit line.
    public static func summaryWorkbook(
        policiesDirectory: String, viewer: Account, in store: BangfuDatabase, context: RequestContext
    ) throws -> (filename: String, bytes: [UInt8]) {
        let evaluations = try summary(policiesDirectory: policiesDirectory, viewer: viewer, in: store)
        let bytes = try BangfuExport.bytes(of: SelfEvaluationForm.summary(evaluations), as: .xlsx)
        try store.appendAuditSoon(
            actor: context.actor.name, action: .formExport, detail: "summary of \(evaluations.count) self-evaluation forms, xlsx", at: context.timestamp)
        return ("项目绩效自评情况汇总表.xlsx", bytes)
    }

    /// Saves `evaluation`'s form (xlsx or csv by the extension) and records the export, as a
    /// download from the pages does (`bangfu indicators --out`).
    public static func save(_ evaluation: Evaluation, to path: String, in store: some AuditStore & AccountStore, context: RequestContext) throws {
        try requireSaver(context, in: store)
        try BangfuExport.write(SelfEvaluationForm.sheet(evaluation), to: path)
        try recordSaved("self-evaluation form of \(evaluation.project.name) \(evaluation.project.year)", to: path, in: store, context: context)
    }

    /// Saves the 项目绩效自评情况汇总表 of `evaluations` and records the export.
    public static func saveSummary(_ evaluations: [Evaluation], to path: String, in store: some AuditStore & AccountStore, context: RequestContext) throws {
        try requireSaver(context, in: store)
        try BangfuExport.write(SelfEvaluationForm.summary(evaluations), to: path)
        try recordSaved("summary of \(evaluations.count) self-evaluation forms", to: path, in: store, context: context)
    }

    /// Saves `report` as the text to edit (`EvaluationReport.editableBytes`) and records the export.
    public static func save(_ report: EvaluationReport, to path: String, in store: some AuditStore & AccountStore, context: RequestContext) throws {
        try requireSaver(context, in: store)
        try BangfuExport.writeDocument(EvaluationReport.editableBytes(report), to: path)
        try recordSaved("self-evaluation report \(report.title)", to: path, in: store, context: context)
    }

    /// Once the database has accounts, who saves a form names an account that may read the
    /// forms, as on the pages — checked before the file is written.
    private static func requireSaver(_ context: RequestContext, in store: some AccountStore) throws {
        if let account = try Authority.check(.viewChecks, context: context, in: store) { try requireCityViewer(account) }
    }

    private static func recordSaved(_ what: String, to path: String, in store: some AuditStore, context: RequestContext) throws {
        try store.appendAudit(actor: context.actor.name, action: .formExport, batchID: nil, detail: "\(what) → \(path)", at: context.timestamp)
    }

    /// The project named `name` in the folder, or `noSuchProject`.
    static func project(named name: String, in policiesDirectory: String) throws -> Project {
        guard let project = try projects(in: policiesDirectory).first(where: { $0.name == name }) else {
            throw ProjectFormError.noSuchProject(name)
        }
        return project
    }

    /// A role that reads the checks, of the whole city (see the type's comment).
    static func requireCityViewer(_ viewer: Account) throws {
        try Authority.require(.viewChecks, by: viewer)
        if let union = viewer.union { throw AuthorityError.formsNeedCityAccount(login: viewer.login, union: union) }
    }
}

/// A project's form with the records its page shows beside it.
public struct ProjectForm: Sendable {
    public var evaluation: Evaluation
    /// The paid batches the form counted.
    public var batches: [ProjectBatchLine]
    /// What they paid by month of payment and kind, for the chart.
    public var aidByMonth: [MonthlyAid]
}

/// What one row of a form was counted from.
public struct CountedRecords: Sendable {
    public var row: Evaluation.Row
    /// The row's place in the form, from 1.
    public var number: Int
    public var project: Project
    /// How the actual is derived from the lines listed, in Chinese.
    public var explanation: String
    /// How the lines are grouped; nil for a manual row.
    public var grouping: CountedGrouping?
    /// How many lines in all (the page holds `lines`).
    public var total: Int
    public var lines: [CountedLine]
    /// `on_time_rate`'s last day on time.
    public var deadline: CalendarDate?
    /// The year of the duplicate findings the row's actual depends on.
    public var duplicatesYear: Int?
    /// Who measured a manual row, and how.
    public var manualSource: String?
}

/// Why a form cannot be shown.
public enum ProjectFormError: Error, Equatable, Sendable, UserFacingError {
    /// No project file of the folder has this name.
    case noSuchProject(String)
    /// The form has no row of this number.
    case noSuchRow(project: String, row: Int)

    public var chinese: String {
        switch self {
        case .noSuchProject(let name): "没有名为「\(name.escapedForDisplay)」的项目"
        case .noSuchRow(let name, let row): "项目「\(name.escapedForDisplay)」的自评表没有第 \(row) 行指标"
        }
    }

    public var english: String {
        switch self {
        case .noSuchProject(let name): "no project named \(name.escapedForDisplay)"
        case .noSuchRow(let name, let row): "the form of \(name.escapedForDisplay) has no indicator row \(row)"
        }
    }

    public var failure: Failure { .notFound }
}
