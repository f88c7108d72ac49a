import BangfuCore
import BangfuImport
import BangfuPolicyFiles

/// A 自评表 filled by hand, read to be checked against the scoring rules
/// (`FilledFormCheck`): `indicators check`, and a form uploaded to the web later.
public enum FilledForms {
    /// The indicator rows of the CSV at `path`, read with the import's reader (UTF-8 or
    /// GB18030), and what it warned of; a bad cell refuses the file.
    public static func read(_ path: String) throws -> (rows: [FilledFormCheck.Row], warnings: [ImportWarning]) {
        var rows: [FilledFormCheck.Row] = []
        let summary: ImportSummary
        do {
            summary = try CSVImporter(format: .filledForm).run(path: path) { row, _ in
                rows.append(row)
                return .written
            }
        } catch ImportError.rowsRejected(let file, let issues) {
            throw FilledFormError.rejected(file: file, issues)
        }
        guard !rows.isEmpty else { throw FilledFormError.noIndicatorRows(file: path) }
        return (rows, summary.warnings)
    }
}

/// Why a filled form cannot be checked.
public enum FilledFormError: Error, Sendable, UserFacingError {
    /// Cells that are not what the form's columns hold; nothing was checked.
    case rejected(file: String, [RowIssue])
    /// No indicator row at all.
    case noIndicatorRows(file: String)

    public var chinese: String {
        switch self {
        case .rejected(let file, let issues): (["\(file)：\(issues.count)处错误，未核对，请改正后重试"] + issues.map { "  \($0.chinese)" }).joined(separator: "\n")
        case .noIndicatorRows(let file): "\(file)：没有指标行"
        }
    }

    public var english: String {
        switch self {
        case .rejected(let file, let issues): (["\(file): \(issues.count) problems: nothing checked"] + issues.map { "  \($0.english)" }).joined(separator: "\n")
        case .noIndicatorRows(let file): "\(file): no indicator rows to check"
        }
    }

    /// As the command line prints it: the head in both languages, then each bad cell.
    public var message: String {
        switch self {
        case .rejected(let file, let issues):
            (["\(file)：\(issues.count)处错误，未核对，请改正后重试 (\(issues.count) problems: nothing checked)"] + issues.map { "  \(file) \($0)" })
                .joined(separator: "\n")
        case .noIndicatorRows: "\(chinese) (no indicator rows to check)"
        }
    }
}

/// A whole filled form transcribed as TOML (`FilledFormFile`), audited cell by cell.
public struct FormTranscriptAudit: Sendable {
    /// The form as transcribed.
    public var form: FilledForm
    /// Its own findings, totals and readings.
    public var report: FormAudit.Report
    /// For a 部门整体 form checked against project forms: the rows that differ from them.
    public var agreement: [FormAudit.Finding]

    /// Every finding, the form's own first.
    public var findings: [FormAudit.Finding] { report.findings + agreement }
}

extension FilledForms {
    /// Whether the file at `path` is a form transcript (a `.toml` with `[form]`), not a CSV of rows.
    public static func isTranscript(_ path: String) -> Bool { path.lowercased().hasSuffix(".toml") }

    /// Audits the transcript at `path`; with `projects` (transcripts of the department's
    /// project forms), also the rows the department's form repeats from them.
    public static func audit(_ path: String, against projects: [String] = []) throws -> FormTranscriptAudit {
        let form = try FilledFormFile.load(path: path)
        let projectForms = try projects.map { try FilledFormFile.load(path: $0) }
        return FormTranscriptAudit(
            form: form, report: FormAudit.audit(form),
            agreement: projectForms.isEmpty ? [] : FormAudit.agreement(department: form, projects: projectForms))
    }
}

extension FormAudit.Finding {
    /// `{"cell", "line", "rule", "detail"}`; line null when the transcript gives none.
    public var json: JSONText {
        .object([
            ("cell", .string(cell)), ("line", line.map(JSONText.number) ?? .null), ("rule", .string(rule)), ("detail", .string(detail)),
        ])
    }
}

extension FormTranscriptAudit {
    /// `{"form", "kind", "year", "source", "written_sum", "recomputed_total", "findings", "readings"}`.
    public var json: JSONText {
        .object([
            ("form", .string(form.name)), ("kind", .string(form.kind.rawValue)), ("year", .number(form.year)),
            ("source", form.source.map(JSONText.string) ?? .null), ("written_sum", .decimal(report.writtenSum)),
            ("recomputed_total", .decimal(report.recomputedTotal)), ("findings", .array(findings.map(\.json))),
            ("readings", .array(report.readings.map(JSONText.string))),
        ])
    }
}
