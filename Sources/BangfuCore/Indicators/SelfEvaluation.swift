/// The filled self-evaluation form of a project (spec §7, JSON shape §6.3): the execution
/// rate and score, each row's actual value and score, the total and the grade.
public enum SelfEvaluation {
    /// Fills the form of `project` from the amount executed and the metric values, keyed
    /// by metric alone: every row of a metric takes the same value. Use
    /// `evaluate(project:executed:measured:)` when rows of one metric differ in deadline
    /// or batch kind (the 生活困难 and 特殊困难 counts of `model_workers_aided`).
    ///
    /// Amounts are in yuan, shares from 0 to 1 (spec §7); each row converts to its unit.
    public static func evaluate(project: Project, executed: Money, actuals: [Metric: ExactDecimal]) -> Evaluation {
        var measured: [MetricQuery: Rational] = [:]
        for query in project.metricQueries {
            if let value = actuals[query.metric] { measured[query] = Rational(value) }
        }
        return evaluate(project: project, executed: executed, measured: measured)
    }

    /// Fills the form of `project` from the amount executed and the value of each of
    /// `project.metricQueries`, exact (a share may be 285/286).
    ///
    /// A metric row whose value is missing is not an error: it scores 0, its actual is
    /// `.missing`, its note says so, and the query is listed in `missingMetrics`, so that
    /// the form still prints and the caller can warn.
    public static func evaluate(project: Project, executed: Money, measured: [MetricQuery: Rational]) -> Evaluation {
        let execution = IndicatorScoring.execution(executed: executed, budget: project.budget, weight: project.executionWeight)
        let executionScore = IndicatorScoring.rounded(execution.score)
        // Plain loops: Swift 6.3's optimizer crashed (CopyPropagation, "Found ownership
        // error") on the closure-based version of this function in release builds.
        var rows: [Evaluation.Row] = []
        var sum = Rational(executionScore)
        for row in project.indicators {
            var value: Rational?
            if let query = row.metricQuery { value = measured[query] }
            let filled = evaluate(row, measured: value)
            sum = sum + Rational(filled.score)
            rows.append(filled)
        }
        var missing: [MetricQuery] = []
        for query in project.metricQueries where measured[query] == nil { missing.append(query) }
        let total = sum.rounded(toPlaces: 2)
        return Evaluation(
            project: project, executed: executed, executionRate: execution.rate, executionScore: executionScore,
            rows: rows, totalScore: total, grade: IndicatorScoring.grade(total), missingMetrics: missing)
    }

    /// One row filled: its actual in the row's unit, its score and its note. `measured` is
    /// the metric's value as the records give it (yuan, a share); ignored for manual rows.
    public static func evaluate(_ row: IndicatorRow, measured: Rational?) -> Evaluation.Row {
        switch row.source {
        case .metric(let metric, _, _):
            guard let measured else {
                return Evaluation.Row(
                    indicator: row, actual: .missing, score: .zero,
                    note: "未取得实际完成值（\(metric.chineseDescription)），按0分计")
            }
            guard let factor = metric.factor(toUnit: row.unit) else {
                return Evaluation.Row(
                    indicator: row, actual: .missing, score: .zero,
                    note: "单位「\(row.unit)」不能表示\(metric.chineseDescription)（可用：\(metric.allowedUnits)），按0分计")
            }
            return numeric(row, actual: measured * factor)
        case .manual(.number(let value), _, _):
            return numeric(row, actual: Rational(value))
        case .manual(.text(let text), _, let explicit):
            guard row.op == .qualitative else {
                return Evaluation.Row(
                    indicator: row, actual: .text(text), score: .zero, note: "实际完成值「\(text)」不是数值，无法按\(row.op.symbol)计分，按0分计")
            }
            if let explicit {
                return Evaluation.Row(indicator: row, actual: .text(text), score: IndicatorScoring.rounded(IndicatorScoring.explicit(explicit, weight: row.weight)), note: nil)
            }
            guard let tier = QualitativeTier(text: text) else {
                return Evaluation.Row(
                    indicator: row, actual: .text(text), score: .zero,
                    note: "定性指标的实际完成值「\(text)」不是达成、部分达成或未达成，且未给出得分，按0分计")
            }
            return Evaluation.Row(indicator: row, actual: .text(text), score: IndicatorScoring.rounded(IndicatorScoring.qualitative(tier, weight: row.weight)), note: nil)
        }
    }

    /// A numeric actual scored against the row's target, with the deviation note when the
    /// actual is 30 % or more away from the target.
    private static func numeric(_ row: IndicatorRow, actual: Rational) -> Evaluation.Row {
        guard row.op.isNumeric, case .number(let targetValue) = row.target else {
            let why = row.op.isNumeric ? "没有数值的年度指标值" : "是定性指标，不能用数值计分"
            return Evaluation.Row(indicator: row, actual: .number(actual), score: .zero, note: "该指标\(why)，按0分计")
        }
        let target = Rational(targetValue)
        let score = IndicatorScoring.rounded(IndicatorScoring.numeric(op: row.op, target: target, actual: actual, weight: row.weight))
        let deviation = IndicatorScoring.deviation(target: target, actual: actual)
        return Evaluation.Row(
            indicator: row, actual: .number(actual), score: score,
            note: deviation.needsExplanation ? deviationNote(deviation, target: target, actual: actual, unit: row.unit) : nil)
    }

    /// Form note 4 (002:1231): a deviation of 30 % or more must be explained.
    static func deviationNote(_ deviation: IndicatorScoring.Deviation, target: Rational, actual: Rational, unit: String) -> String {
        let action = "须在“偏差原因分析及改进措施”中说明原因并提出改进措施"
        let actualText = IndicatorText.number(actual, unit: unit)
        switch deviation {
        case .fromZeroTarget:
            return "年度指标值为0，实际完成值\(actualText)，偏离较大，\(action)"
        case .share(let share):
            let direction = actual > target ? "高" : "低"
            let percent = (share * Rational(100)).rounded(toPlaces: 2)
            return "实际完成值\(actualText)比年度指标值\(IndicatorText.number(target, unit: unit))\(direction)\(percent)%，偏离30%及以上，\(action)"
        }
    }
}

/// A filled form (spec §6.3 without the JSON): what `bangfu indicators --project` prints.
public struct Evaluation: Hashable, Sendable {
    /// The project evaluated.
    public var project: Project
    /// 全年执行数 (B).
    public var executed: Money
    /// 执行率 B/A, exact; may exceed 1 when more than the budget was spent.
    public var executionRate: Rational
    /// min(rate, 1) × execution weight, rounded to two decimals.
    public var executionScore: ExactDecimal
    /// The indicator rows, in the project's order.
    public var rows: [Row]
    /// execution score + every row's rounded score, out of 100.
    public var totalScore: ExactDecimal
    /// 自评等级 of the total.
    public var grade: Grade
    /// What the form says of `entriesNotReported`, nil when the bank reported every transfer.
    public var notReportedNote: String? {
        entriesNotReported == 0 ? nil : "其中 \(entriesNotReported) 条已发放明细尚未收到银行回盘，暂按发放日期计为已到账；回盘登记后，失败的不再计入。"
    }
    /// The metric values the caller did not give; their rows scored 0.
    public var missingMetrics: [MetricQuery]
    /// Paid entries whose transfer the bank has not reported yet (issue 19): counted as paid
    /// on the pay date until a return file dates them or removes them; the form says so.
    public var entriesNotReported = 0

    /// One filled row.
    public struct Row: Hashable, Sendable {
        /// The row of the project file.
        public var indicator: IndicatorRow
        /// 实际完成值, in the row's unit.
        public var actual: IndicatorActual
        /// 得分, rounded half up to two decimals, between 0 and the weight.
        public var score: ExactDecimal
        /// What the 偏差原因分析 column must answer: a deviation of 30 % or more, or why the
        /// row could not be scored (no value, a unit the metric cannot take). nil otherwise.
        public var deviationNote: String?

        /// A filled row; `note` is its deviation note.
        public init(indicator: IndicatorRow, actual: IndicatorActual, score: ExactDecimal, note: String?) {
            self.indicator = indicator
            self.actual = actual
            self.score = score
            self.deviationNote = note
        }

        /// 年度指标值 as the form prints it: `≥120人`, `≤260万元`, `100%`.
        public var targetText: String { indicator.targetText }

        /// 实际完成值 as the form prints it: `118人`, `260万元`, `99.65%`, `达成`.
        public var actualText: String {
            switch actual {
            case .number(let value): IndicatorText.number(value, unit: indicator.unit)
            case .text(let text): text
            case .missing: "未取得"
            }
        }
    }

    /// 执行率 as the form prints it: `100%`, `83.27%`.
    public var executionRateText: String { IndicatorText.percent(executionRate) }
}

/// 实际完成值 of a row.
public enum IndicatorActual: Hashable, Sendable {
    /// A number in the row's unit (万元 for a `amount_paid` row written in 万元), exact.
    case number(Rational)
    /// The text of a qualitative row: a tier or the described result.
    case text(String)
    /// A metric the caller gave no value for.
    case missing
}
