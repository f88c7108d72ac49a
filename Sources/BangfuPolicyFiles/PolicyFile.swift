import BangfuCore

/// Policy files (`policies/*.toml`, spec §4): TOML in, a validated `Policy` out, or one
/// `PolicyFileError` naming the file, the key path and the line.
///
/// Every key is required except the `[workflow]` table (absent: no review stage) and the
/// `[classification]` table (absent: the category check draws the 低保 line only). A key the
/// format does not know is refused, with the nearest known key suggested: a typo must not
/// silently leave a standard at a value the user did not write.
public enum PolicyFile {
    /// Reads and validates the policy file at `path` (UTF-8, a BOM is allowed).
    public static func load(path: String) throws(PolicyFileError) -> Policy {
        try parse(try TableReader.text(atPath: path), file: path)
    }

    /// The text of the policy file at `path` as `load` reads it (UTF-8, at most 1 MiB), for
    /// a batch to keep a copy of.
    public static func text(atPath path: String) throws(PolicyFileError) -> String {
        try TableReader.text(atPath: path)
    }

    /// Validates the TOML `text` of a policy file; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws(PolicyFileError) -> Policy {
        let root = try TableReader.document(text, file: file)
        try root.rejectUnknownKeys(Keys.root)

        let header = try root.table("policy")
        try header.rejectUnknownKeys(Keys.policy)
        let id = try header.text("id")
        let name = try header.text("name")
        let basis = try header.texts("basis")

        return Policy(
            id: id, name: name, basis: basis, dibao: try dibao(root, file: file), incomeCap: try incomeCap(root),
            living: try living(root), education: try education(root), medical: try medical(root),
            modelWorker: try modelWorker(root), warmth: try warmth(root), reviews: try reviews(root),
            relativeHardshipMultiple: try relativeHardshipMultiple(root))
    }

    /// The keys each table may hold, in the order of spec §4.
    enum Keys {
        static let root = ["policy", "dibao", "income_cap", "living", "education", "medical", "model_worker", "warmth", "workflow", "classification"]
        static let policy = ["id", "name", "basis"]
        static let dibao = ["from", "monthly"]
        static let incomeCap = ["multiple", "mode"]
        static let living = ["annual_max_months", "batch_months", "round_down_to"]
        static let education = ["preschool", "compulsory", "high_school", "higher", "special"]
        static let medical = ["ratio", "annual_max"]
        static let modelWorker = ["standard_line", "standard_line_from", "annual_max", "special"]
        static let warmth = ["worker", "model_worker"]
        static let workflow = ["reviews"]
        static let classification = ["relative_below"]
    }

    /// `[[dibao]]`: at least one period, each starting strictly after the one above it, so
    /// that no two periods overlap and `Policy.dibao(on:)` is unambiguous.
    private static func dibao(_ root: TableReader, file: String) throws(PolicyFileError) -> [Policy.DibaoPeriod] {
        guard root.has("dibao") else { throw .noDibao(file: file) }
        let tables = try root.tables("dibao")
        guard !tables.isEmpty else { throw .noDibao(file: file) }
        var periods: [Policy.DibaoPeriod] = []
        for table in tables {
            try table.rejectUnknownKeys(Keys.dibao)
            let period = Policy.DibaoPeriod(from: try table.date("from"), monthly: try table.positiveMoney("monthly"))
            if let previous = periods.last {
                if period.from == previous.from { throw .duplicateDibaoDate(table.location("from"), from: period.from) }
                if period.from < previous.from {
                    throw .dibaoOutOfOrder(table.location("from"), from: period.from, previous: previous.from)
                }
            }
            periods.append(period)
        }
        return periods
    }

    /// `[income_cap]`: a multiple above zero and at most `Plausible.largestMultiple`, and reduce | exclude.
    private static func incomeCap(_ root: TableReader) throws(PolicyFileError) -> Policy.IncomeCap {
        let table = try root.table("income_cap")
        try table.rejectUnknownKeys(Keys.incomeCap)
        let multiple = try multiple(table, "multiple")
        let modeText = try table.text("mode")
        guard let mode = Policy.CapMode(rawValue: modeText) else { throw .badMode(table.location("mode"), value: modeText) }
        return Policy.IncomeCap(multiple: multiple, mode: mode)
    }

    /// A multiple of 低保: above zero and at most `Plausible.largestMultiple`.
    private static func multiple(_ table: TableReader, _ key: String) throws(PolicyFileError) -> ExactDecimal {
        let multiple = try table.decimal(key)
        guard multiple > ExactDecimal(0) else { throw .notPositive(table.location(key), value: multiple.description) }
        guard multiple <= Plausible.largestMultiple else {
            throw .tooLarge(table.location(key), value: multiple.description, limit: Plausible.largestMultiple.description)
        }
        return multiple
    }

    /// `[classification] relative_below`: the 相对困难 line as a multiple of 低保, for the
    /// income check of an archive's 困难类别; nil when the table is absent (only the 低保
    /// line is then drawn).
    private static func relativeHardshipMultiple(_ root: TableReader) throws(PolicyFileError) -> ExactDecimal? {
        guard root.has("classification") else { return nil }
        let table = try root.table("classification")
        try table.rejectUnknownKeys(Keys.classification)
        return try multiple(table, "relative_below")
    }

    /// `[living]`: months of 低保 by category (`Plausible.months`), and the rounding step
    /// (above zero, at most `Plausible.largestRoundingStep`).
    private static func living(_ root: TableReader) throws(PolicyFileError) -> Policy.Living {
        let table = try root.table("living")
        try table.rejectUnknownKeys(Keys.living)
        return Policy.Living(
            annualMaxMonths: try table.map("annual_max_months", by: HardshipCategory.self) { table, key throws(PolicyFileError) in
                try table.months(key)
            },
            batchMonths: try table.map("batch_months", by: HardshipCategory.self) { table, key throws(PolicyFileError) in
                try table.months(key)
            },
            roundDownTo: try table.positiveMoney("round_down_to", limit: Plausible.largestRoundingStep))
    }

    /// `[education]`: yuan per student per year; higher and special by category.
    private static func education(_ root: TableReader) throws(PolicyFileError) -> Policy.Education {
        let table = try root.table("education")
        try table.rejectUnknownKeys(Keys.education)
        return Policy.Education(
            preschool: try table.money("preschool"), compulsory: try table.money("compulsory"),
            highSchool: try table.money("high_school"),
            higher: try table.map("higher", by: HardshipCategory.self) { table, key throws(PolicyFileError) in try table.money(key) },
            special: try table.map("special", by: HardshipCategory.self) { table, key throws(PolicyFileError) in try table.money(key) })
    }

    /// `[medical]`: a ratio in 0…1 of 自付医疗费用, and the yearly cap per household.
    private static func medical(_ root: TableReader) throws(PolicyFileError) -> Policy.Medical {
        let table = try root.table("medical")
        try table.rejectUnknownKeys(Keys.medical)
        let ratio = try table.decimal("ratio")
        if ratio.isNegative { throw .negative(table.location("ratio"), value: ratio.description) }
        if ratio > ExactDecimal(1) { throw .ratioAboveOne(table.location("ratio"), value: ratio.description) }
        return Policy.Medical(ratio: ratio, annualMax: try table.money("annual_max"))
    }

    /// `[model_worker]`: the standard line and its date, the yearly cap, the special amounts by cause.
    private static func modelWorker(_ root: TableReader) throws(PolicyFileError) -> Policy.ModelWorkerStandards {
        let table = try root.table("model_worker")
        try table.rejectUnknownKeys(Keys.modelWorker)
        return Policy.ModelWorkerStandards(
            standardLine: try table.money("standard_line"), standardLineFrom: try table.date("standard_line_from"),
            annualMax: try table.money("annual_max"),
            special: try table.map("special", by: SpecialCause.self) { table, key throws(PolicyFileError) in try table.money(key) })
    }

    /// `[warmth]`: yuan per person per visit.
    private static func warmth(_ root: TableReader) throws(PolicyFileError) -> Policy.Warmth {
        let table = try root.table("warmth")
        try table.rejectUnknownKeys(Keys.warmth)
        return Policy.Warmth(worker: try table.money("worker"), modelWorker: try table.money("model_worker"))
    }

    /// `[workflow] reviews`: none when the table is absent; else `[]`, `["first"]` or
    /// `["first", "second"]` (初审 before 复审, each once).
    private static func reviews(_ root: TableReader) throws(PolicyFileError) -> [Policy.ReviewStage] {
        guard root.has("workflow") else { return [] }
        let table = try root.table("workflow")
        try table.rejectUnknownKeys(Keys.workflow)
        let texts = try table.texts("reviews")
        var stages: [Policy.ReviewStage] = []
        for (index, text) in texts.enumerated() {
            guard let stage = Policy.ReviewStage(rawValue: text) else {
                throw .badReviewStage(table.location("reviews[\(index + 1)]"), value: text)
            }
            stages.append(stage)
        }
        guard stages == Array(Policy.ReviewStage.allCases.prefix(stages.count)) else {
            throw .reviewsOutOfOrder(table.location("reviews"), values: texts)
        }
        return stages
    }
}
