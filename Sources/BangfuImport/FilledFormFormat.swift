import BangfuCore

/// The rows of a filled self-evaluation form to audit (`bangfu indicators check FILE.csv`):
/// one indicator row per line, copied from the form's 年度绩效指标 table.
public enum FilledFormColumn: Int, ImportColumn {
    case name, target, actual, weight, score

    public var header: String {
        switch self {
        case .name: "指标名称"
        case .target: "指标值"
        case .actual: "实际完成值"
        case .weight: "分值"
        case .score: "得分"
        }
    }

    public var isRequired: Bool { true }
}

extension RecordFormat where Column == FilledFormColumn, Record == FilledFormCheck.Row {
    /// 自评表: 指标名称, 指标值 (with its sign: `≥1500`, `≤3万元/人`, `100%`), 实际完成值,
    /// 分值, 得分. Every cell is required; 分值 and 得分 are numbers of at least 0 (`20`,
    /// `16.65`, `20分`).
    public static let filledForm = RecordFormat(title: "自评表", decode: { row in
        let name = row.required(.name)
        let target = row.required(.target)
        let actual = row.required(.actual)
        let weight = row.points(.weight)
        let score = row.points(.score)
        guard let name, let target, let actual, let weight, let score else { return nil }
        return FilledFormCheck.Row(name: name, target: target, actual: actual, weight: weight, reportedScore: score, line: row.row)
    })
}

extension RowReader {
    /// Points (分值, 得分): a number of at least 0 with at most four decimals, `分` allowed after it.
    mutating func points(_ column: Column) -> ExactDecimal? {
        guard let text = required(column) else { return nil }
        let digits = text.hasSuffix("分") ? String(text.dropLast()).trimmed : text
        guard let value = ExactDecimal(digits), !value.isNegative, IndicatorText.isWithinBounds(value) else {
            fail(column, value: text, reason: "不是有效的分数（应为如 20、16.65 的非负数，最多四位小数）", english: "not a score such as 20 or 16.65")
            return nil
        }
        return value.normalized
    }
}
