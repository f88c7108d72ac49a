import BangfuCore

/// A filled self-evaluation form transcribed cell by cell (`*.toml` with a `[form]` table),
/// for `bangfu indicators check FORM.toml`: TOML in, a `FilledForm` out, or one
/// `PolicyFileError` naming the file, the key path (`form.rows[3].weight`) and the line.
///
/// ```toml
/// [form]
/// kind = "project"              # project (项目支出绩效自评表) | department (部门整体支出绩效自评表)
/// name = "困难劳模救助"           # 项目名称 (部门名称)
/// year = 2024
/// source = "002:4712–4908"      # optional: where the form is
/// money_unit = "万元"            # optional, default 万元: the budget line's unit
/// scale = "project"             # optional, by kind: the tier ranges (project 100–80–60 %, department 100–80–50 %)
/// budget = { initial = "260", budget = "260", executed = "260", weight = 10, rate = "1", score = "10", line = 4748 }
/// levels = [ { name = "成本指标", weight = 10, line = 4803 } ]        # optional 一级指标 headings
/// rows = [
///   { level1 = "成本指标", level2 = "经济成本指标", name = "年度帮扶资金使用额", target = "≤260万元", actual = "260万元", weight = 5, score = "5", line = 4811 },
///   { name = "补助发放标准", target = "≤3万元/人", actual = "≤3万元/人", weight = 5, score = "5", note = "", line = 4816 },
/// ]
/// subtotal = { weight = "90", score = "90", line = 4889 }            # optional 小计
/// total = { weight = "100", score = "", line = 4891 }                # 总分; "" for a blank cell
/// parts = [ { name = "决策", weight = 10, score = 10, rate = "10%", line = 1792 } ]  # optional: the report's 得分率
/// ```
///
/// A row without `level1` or `level2` takes the row above's, as the form merges those cells.
/// Cells are text as written (`"≥120人"`, `"118"`; a number is taken as its text); `note` is
/// 偏差原因分析, `repeats` (部门整体 form) the project row's name when it differs, `headcounts`
/// (a 人均 row) the names of the rows counting the people it was paid to.
public enum FilledFormFile {
    /// Reads the transcript at `path`.
    public static func load(path: String) throws(PolicyFileError) -> FilledForm {
        try parse(try TableReader.text(atPath: path), file: path)
    }

    /// Validates the TOML `text`; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws(PolicyFileError) -> FilledForm {
        let root = try TableReader.document(text, file: file)
        try root.rejectUnknownKeys(["form"])
        let form = try root.table("form")
        try form.rejectUnknownKeys(["kind", "name", "year", "source", "money_unit", "scale", "budget", "levels", "rows", "subtotal", "total", "parts"])
        let kindText = try form.text("kind")
        guard let kind = FilledForm.Kind(rawValue: kindText) else { throw .badFormKind(form.location("kind"), value: kindText) }
        let year = try form.wholeNumber("year")
        guard (2000...2100).contains(year) else { throw .badYear(form.location("year"), value: year) }
        let scale = try form.optional("scale", form.tierScale)
        var rows: [FilledForm.Row] = []
        guard form.has("rows") else { throw .noFormRows(file: file) }
        for table in try form.tables("rows") {
            rows.append(try row(table, previous: rows.last))
        }
        guard !rows.isEmpty else { throw .noFormRows(file: file) }
        return FilledForm(
            kind: kind, name: try form.text("name"), year: year, scale: scale, moneyUnit: try form.optional("money_unit", form.text) ?? "万元",
            source: try form.optional("source", form.text), budget: try form.optional("budget") { key throws(PolicyFileError) in try budget(form.table(key)) },
            levels: try form.optional("levels") { key throws(PolicyFileError) in try form.tables(key).map(level) } ?? [],
            rows: rows,
            subtotal: try form.optional("subtotal") { key throws(PolicyFileError) in try points(form.table(key)) },
            total: try form.optional("total") { key throws(PolicyFileError) in try points(form.table(key)) },
            parts: try form.optional("parts") { key throws(PolicyFileError) in try form.tables(key).map(part) } ?? [])
    }

    /// A cell as written: text, or a number taken as its text.
    private static func cell(_ table: TableReader, _ key: String) throws(PolicyFileError) -> String {
        switch table.type(of: key) {
        case .int, .double: try table.decimal(key).description
        default: try table.anyText(key)
        }
    }

    private static func points(_ table: TableReader) throws(PolicyFileError) -> FilledForm.Points {
        try table.rejectUnknownKeys(["weight", "score", "line"])
        return FilledForm.Points(
            weight: try table.optional("weight") { key throws(PolicyFileError) in try cell(table, key) }, score: try cell(table, "score"),
            line: try table.optional("line", table.wholeNumber))
    }

    private static func weight(_ table: TableReader, _ key: String) throws(PolicyFileError) -> ExactDecimal {
        try table.boundedDecimal(key, maxDecimals: 2, limit: ExactDecimal(100))
    }

    private static func budget(_ table: TableReader) throws(PolicyFileError) -> FilledForm.Budget {
        try table.rejectUnknownKeys(["initial", "budget", "executed", "weight", "rate", "score", "line"])
        return FilledForm.Budget(
            initial: try table.optional("initial") { key throws(PolicyFileError) in try cell(table, key) } ?? "",
            budget: try cell(table, "budget"), executed: try cell(table, "executed"), weight: try weight(table, "weight"),
            rate: try cell(table, "rate"), score: try cell(table, "score"), line: try table.optional("line", table.wholeNumber))
    }

    private static func level(_ table: TableReader) throws(PolicyFileError) -> FilledForm.Level {
        try table.rejectUnknownKeys(["name", "weight", "line"])
        return FilledForm.Level(name: try table.text("name"), weight: try weight(table, "weight"), line: try table.optional("line", table.wholeNumber))
    }

    private static func part(_ table: TableReader) throws(PolicyFileError) -> FilledForm.Part {
        try table.rejectUnknownKeys(["name", "weight", "score", "rate", "line"])
        return FilledForm.Part(
            name: try table.text("name"), weight: try weight(table, "weight"), score: try weight(table, "score"), rate: try cell(table, "rate"),
            line: try table.optional("line", table.wholeNumber))
    }

    private static func row(_ table: TableReader, previous: FilledForm.Row?) throws(PolicyFileError) -> FilledForm.Row {
        try table.rejectUnknownKeys(["level1", "level2", "name", "target", "actual", "weight", "score", "note", "line", "repeats", "headcounts"])
        // A merged 一级 / 二级 cell: the row above's, unless the row starts a new one.
        guard let level1 = try table.optional("level1", table.text) ?? previous?.level1 else { throw .missingKey(table.location("level1")) }
        guard let level2 = try table.optional("level2", table.text) ?? (table.has("level1") ? nil : previous?.level2) else {
            throw .missingKey(table.location("level2"))
        }
        return FilledForm.Row(
            level1: level1, level2: level2, name: try table.text("name"), target: try cell(table, "target"), actual: try cell(table, "actual"),
            weight: try weight(table, "weight"), score: try cell(table, "score"), note: try table.optional("note", table.anyText) ?? "",
            line: try table.optional("line", table.wholeNumber), repeats: try table.optional("repeats", table.text),
            headcounts: try table.optional("headcounts", table.texts) ?? [])
    }
}
