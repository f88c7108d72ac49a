import BangfuCore
import TOMLKit

/// Project files (`policies/projects/*.toml`, spec §7): TOML in, a validated `Project` out,
/// or one `PolicyFileError` naming the file, the key path (`indicator[3].metric`) and the line.
///
/// ```toml
/// [project]
/// name = "市劳模困难救助"      # the name batches carry (batch create --project)
/// year = 2024
/// budget = 2600000             # 全年预算数, yuan, above 0
/// execution_weight = 10        # optional, default 10
/// initial_budget = 2600000     # optional 年初预算数, default the budget
/// department = "青岛市总工会"   # optional 主管部门
/// implementer = "青岛市总工会"  # optional 项目实施单位
/// goal = "…"                   # optional 年度总体目标
/// executed = 550000            # optional 全年执行数 by hand (yuan), with:
/// executed_source = "…"        #   who reported it and how (required with executed)
/// scale = "project"            # optional tier ranges: project (100–80–60 %) | department (100–80–50 %)
///
/// [[indicator]]
/// level1 = "产出指标"
/// level2 = "数量指标"
/// name = "生活困难救助人数"      # unique in the file
/// op = ">="                     # >=, <=, = or "qualitative"
/// target = 120                  # a number (≥ 0, ≤ 4 decimals) for >=, <=, =; text or nothing if qualitative
/// unit = "人"                   # optional, default ""
/// weight = 5                    # 0–100, ≤ 2 decimals
/// metric = "model_workers_aided"   # from the records, or:
/// kind = "model-worker-living"     #   optional: only the project's batches of this kind
/// deadline = 2024-12-20            #   on_time_rate only, and required there unless the
///                                  #   target is words a deadline can be read from:
///                                  #   target = "当年度11月中旬前发放完成" (→ 11-20, 100 %)
/// # value = 96                     # by hand: a number (or a bound, "≥95%") for >=, <=, =; for "qualitative"
/// # source = "2024年12月问卷调查"  #   达成 | 部分达成 | 未达成, or any text with score = N
/// ```
///
/// The weights of the rows plus `execution_weight` should be exactly 100 (自评表 note 1:
/// 「加总后应等于100分」, 000:164–166); another sum is a warning, not a refusal. Every key is checked; an unknown one is refused with
/// the nearest known key suggested.
public enum ProjectFile {
    /// Reads and validates the project file at `path` (UTF-8, a BOM is allowed).
    public static func load(path: String) throws(PolicyFileError) -> Project {
        try parse(try TableReader.text(atPath: path), file: path)
    }

    /// Validates the TOML `text` of a project file; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws(PolicyFileError) -> Project {
        let root = try TableReader.document(text, file: file)
        try root.rejectUnknownKeys(Keys.root)

        let header = try root.table("project")
        try header.rejectUnknownKeys(Keys.project)
        let name = try header.text("name")
        let year = try header.wholeNumber("year")
        guard (2000...2100).contains(year) else { throw .badYear(header.location("year"), value: year) }
        let budget = try header.positiveMoney("budget", limit: Plausible.budget)
        let initialBudget = try header.optional("initial_budget") { key throws(PolicyFileError) in try header.money(key, limit: Plausible.budget) }
        let executionWeight = try header.optional("execution_weight", weight(header)) ?? Project.defaultExecutionWeight
        let department = try header.optional("department", header.text)
        let implementer = try header.optional("implementer", header.text)
        let goal = try header.optional("goal", header.text)
        let executedByHand = try executed(header)
        let scale = try header.optional("scale", header.tierScale) ?? .project

        guard root.has("indicator") else { throw .noIndicators(file: file) }
        let tables = try root.tables("indicator")
        guard !tables.isEmpty else { throw .noIndicators(file: file) }
        var rows: [IndicatorRow] = []
        var firstLineOfName: [String: Int?] = [:]
        for table in tables {
            let row = try indicator(table, year: year)
            if let firstLine = firstLineOfName[row.name] {
                throw .duplicateIndicator(table.location("name"), name: row.name, firstLine: firstLine)
            }
            firstLineOfName[row.name] = table.location("name").line
            rows.append(row)
        }

        var project = Project(
            name: name, year: year, budget: budget, initialBudget: initialBudget, executionWeight: executionWeight,
            department: department, implementer: implementer, goal: goal, indicators: rows)
        project.executedByHand = executedByHand
        project.scale = scale
        return project
    }

    /// What is allowed but worth saying: weights that do not add up to 100 (自评表 note 1
    /// wants 100; spec §7 does not require it, so the form is still filled, its total then
    /// out of the weights' sum).
    public static func warnings(for project: Project, file: String) -> [PolicyFileError] {
        var warnings: [PolicyFileError] = []
        if project.weightSum != Rational(100) {
            let indicators = project.indicators.reduce(Rational.zero) { $0 + Rational($1.weight) }
            warnings.append(.weightsNotHundred(
                file: file, sum: project.weightSum.description, execution: project.executionWeight.description,
                indicators: indicators.description))
        }
        // Spec §7: a rate metric's `%` row whose target is 1 or less is probably a share written
        // as a fraction (0.95 meant as 95 %). A target of 0 is left alone: 「重复救助率 ≤0%」
        // (002:4849) means none.
        for row in project.indicators {
            guard let metric = row.metricQuery?.metric, metric.quantity == .share, row.unit == "%",
                case .number(let target) = row.target, row.writtenTarget == nil, Rational(target) > .zero, Rational(target) <= .one
            else { continue }
            warnings.append(.percentTargetLooksLikeFraction(file: file, indicator: row.name, target: target.description))
        }
        return warnings
    }

    /// The keys each table may hold.
    enum Keys {
        static let root = ["project", "indicator"]
        static let project = [
            "name", "year", "budget", "initial_budget", "execution_weight", "department", "implementer", "goal", "executed",
            "executed_source", "scale",
        ]
        static let indicator = [
            "level1", "level2", "name", "op", "target", "unit", "weight", "metric", "kind", "deadline", "value", "source", "score",
        ]
    }

    /// The largest weight, and the bound of a target or a value (below 10¹², 4 decimals):
    /// enough for any count or amount, and small enough that exact scores never overflow.
    static let maxWeight = ExactDecimal(100)
    static let maxMeasure = ExactDecimal(999_999_999_999)

    /// A weight (分值) reader for `table`: 0–100, at most two decimals.
    private static func weight(_ table: TableReader) -> (String) throws(PolicyFileError) -> ExactDecimal {
        { key throws(PolicyFileError) in try table.boundedDecimal(key, maxDecimals: 2, limit: maxWeight) }
    }

    /// A target or a measured value: at least 0, at most four decimals, below 10¹².
    private static func measure(_ table: TableReader, _ key: String) throws(PolicyFileError) -> ExactDecimal {
        try table.boundedDecimal(key, maxDecimals: IndicatorText.maxDecimals, limit: maxMeasure)
    }

    /// `executed` and `executed_source`: both or neither.
    private static func executed(_ header: TableReader) throws(PolicyFileError) -> ExecutedByHand? {
        switch (header.has("executed"), header.has("executed_source")) {
        case (false, false): return nil
        case (true, false): throw .missingKey(header.location("executed_source"))
        case (false, true): throw .missingKey(header.location("executed"))
        case (true, true):
            return ExecutedByHand(amount: try header.money("executed", limit: Plausible.budget), source: try header.text("executed_source"))
        }
    }

    /// One `[[indicator]]` row of a project of `year` (the year a deadline in words falls in).
    private static func indicator(_ table: TableReader, year: Int) throws(PolicyFileError) -> IndicatorRow {
        try table.rejectUnknownKeys(Keys.indicator)
        let level1 = try table.text("level1")
        let level2 = try table.text("level2")
        let name = try table.text("name")
        var readings: [String] = []
        let op: IndicatorOp
        if table.has("op") {
            let opText = try table.text("op")
            guard let written = IndicatorOp(rawValue: opText) else { throw .badOp(table.location("op"), value: opText) }
            op = written
        } else if let sign = WrittenReading.sign(inName: name) {
            op = sign.op
            readings.append("未写 op，指标名称含「\(sign.word)」，按\(sign.op.symbol)计")
        } else {
            throw .missingKey(table.location("op"))
        }
        let unit = try table.optional("unit", table.anyText) ?? ""
        let weight = try weight(table)("weight")
        var target: IndicatorTarget?
        var writtenTarget: String?
        var deadline: CalendarDate?
        if op.isNumeric, table.type(of: "target") == .string, (try? table.text("metric")) == Metric.onTimeRate.rawValue, !table.has("deadline") {
            // A 时效指标 as the forms write it: the deadline is in the target's words.
            let text = try table.text("target")
            guard let words = WrittenDeadline(text), let date = words.date(in: year) else {
                throw .unreadableDeadline(table.location("target"), value: text)
            }
            let full = ExactDecimal(unit == "%" ? 100 : 1)
            target = .number(full)
            writtenTarget = text
            deadline = date
            readings.append("年度指标值「\(text)」读作截止日 \(date)（\(words.reading)），按期发放率应达\(IndicatorText.percent(.one))")
        } else {
            target = try self.target(table, op: op)
        }
        var expected: String?
        if case .text(let text) = target { expected = text }
        let source = try source(table, op: op, unit: unit, weight: weight, deadline: deadline, expected: expected)
        var row = IndicatorRow(level1: level1, level2: level2, name: name, op: op, target: target, unit: unit, weight: weight, source: source)
        row.writtenTarget = writtenTarget
        row.reading = readings.isEmpty ? nil : readings.joined(separator: "；")
        return row
    }

    /// A number for `>=`, `<=`, `=`; text or nothing for a qualitative row.
    private static func target(_ table: TableReader, op: IndicatorOp) throws(PolicyFileError) -> IndicatorTarget? {
        if op.isNumeric { return .number(try measure(table, "target")) }
        switch table.type(of: "target") {
        case nil: return nil
        case .string: return .text(try table.text("target"))
        case .int, .double: throw .notAllowedHere(table.location("target"), because: .numericTargetOnQualitativeRow)
        default: return .text(try table.text("target"))
        }
    }

    /// `metric` (with `kind` and `deadline`), or `value` and `source` (with `score`): exactly one.
    private static func source(
        _ table: TableReader, op: IndicatorOp, unit: String, weight: ExactDecimal, deadline: CalendarDate?, expected: String?
    ) throws(PolicyFileError) -> IndicatorRow.Source {
        switch (table.has("metric"), table.has("value")) {
        case (true, true):
            let lines = (table.location("metric").line ?? 0, table.location("value").line ?? 0)
            throw .metricAndValue(table.location(lines.0 > lines.1 ? "metric" : "value"))
        case (false, false):
            throw .noMetricOrValue(table.ownLocation)
        case (true, false):
            return try metricSource(table, op: op, unit: unit, deadline: deadline)
        case (false, true):
            return try manualSource(table, op: op, unit: unit, weight: weight, expected: expected)
        }
    }

    private static func metricSource(
        _ table: TableReader, op: IndicatorOp, unit: String, deadline deadlineFromTarget: CalendarDate?
    ) throws(PolicyFileError) -> IndicatorRow.Source {
        guard op != .qualitative else { throw .qualitativeWithMetric(table.location("metric")) }
        let metricText = try table.text("metric")
        guard let metric = Metric(rawValue: metricText) else {
            let suggestion = KeySuggestion.nearest(to: metricText, among: Metric.allCases.map(\.rawValue))
            throw .unknownMetric(table.location("metric"), value: metricText, suggestion: suggestion)
        }
        for (key, misplacement) in [("source", PolicyFileError.Misplacement.sourceOnMetricRow), ("score", .scoreOnMetricRow)]
        where table.has(key) {
            throw .notAllowedHere(table.location(key), because: misplacement)
        }
        guard metric.factor(toUnit: unit) != nil else {
            throw .unitDoesNotFitMetric(
                table.location(table.has("unit") ? "unit" : "metric"), unit: unit, metric: metric.rawValue, allowed: metric.allowedUnits)
        }
        var deadline: CalendarDate?
        if metric == .onTimeRate {
            if let deadlineFromTarget {
                deadline = deadlineFromTarget
            } else {
                guard table.has("deadline") else { throw .missingDeadline(table.location("metric")) }
                deadline = try table.date("deadline")
            }
        } else if table.has("deadline") {
            throw .notAllowedHere(table.location("deadline"), because: .deadlineWithoutOnTimeRate)
        }
        var kind: BatchKind?
        if table.has("kind") {
            guard metric != .duplicateAidRate else { throw .notAllowedHere(table.location("kind"), because: .kindOnDuplicateRate) }
            let kindText = try table.text("kind")
            guard let batchKind = BatchKind(rawValue: kindText) else { throw .badKind(table.location("kind"), value: kindText) }
            kind = batchKind
        }
        return .metric(metric, deadline: deadline, kind: kind)
    }

    /// A value by hand; a qualitative value without a score must say its tier (达成, or the
    /// `expected` result itself, or 「是」 to a 「是否…」 target).
    private static func manualSource(
        _ table: TableReader, op: IndicatorOp, unit: String, weight: ExactDecimal, expected: String?
    ) throws(PolicyFileError) -> IndicatorRow.Source {
        for (key, misplacement) in [("deadline", PolicyFileError.Misplacement.deadlineWithoutOnTimeRate), ("kind", .kindOnManualRow)]
        where table.has(key) {
            throw .notAllowedHere(table.location(key), because: misplacement)
        }
        if op.isNumeric {
            if table.has("score") { throw .notAllowedHere(table.location("score"), because: .scoreOnNumericRow) }
            if table.type(of: "value") == .string {
                // 「≥95%」 as the seeds write an actual (002:1210): a bound, not a measurement.
                let text = try table.text("value")
                let written = WrittenValue(text)
                guard let bound = written.op, bound == .atLeast || bound == .atMost, let number = written.number,
                    WrittenReading.factor(from: written.unit, to: unit, perPerson: true) == .one
                else { throw .badBound(table.location("value"), value: text, unit: unit) }
                return .manual(value: .bound(bound, number), source: try table.text("source"))
            }
            let value = try measure(table, "value")
            return .manual(value: .number(value), source: try table.text("source"))
        }
        let text = try table.text("value")
        let source = try table.text("source")
        guard table.has("score") else {
            guard QualitativeTier(result: text, expected: expected) != nil else { throw .badTier(table.location("value"), value: text) }
            return .manual(value: .text(text), source: source)
        }
        let score = try ProjectFile.weight(table)("score")
        guard score <= weight else {
            throw .scoreAboveWeight(table.location("score"), score: score.description, weight: weight.description)
        }
        return .manual(value: .text(text), source: source, score: score)
    }
}

extension TableReader {
    /// `scale = "project" | "department"`: the tier ranges of a form (`TierScale`).
    func tierScale(_ key: String) throws(PolicyFileError) -> TierScale {
        let text = try self.text(key)
        guard let scale = TierScale(rawValue: text) else { throw .badScale(location(key), value: text) }
        return scale
    }
}
