import BangfuCore
import BangfuImport

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
