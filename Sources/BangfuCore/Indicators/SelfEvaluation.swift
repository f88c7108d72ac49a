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
    /// `executed` is what the project's paid batches paid. A project whose file gives its
    /// 全年执行数 by hand (`executedByHand`) is scored on that amount; the batches' sum is kept
    /// beside it (`paidThroughBatches`) so that the form can show both and their difference.
    ///
    /// A metric row whose value is missing is not an error: it scores 0, its actual is
    /// `.missing`, its note says so, and the query is listed in `missingMetrics`, so that
    /// the form still prints and the caller can warn.
    public static func evaluate(project: Project, executed paid: Money, measured: [MetricQuery: Rational]) -> Evaluation {
        let executed = project.executedByHand?.amount ?? paid
        let execution = IndicatorScoring.execution(executed: executed, budget: project.budget, weight: project.executionWeight)
        let executionScore = IndicatorScoring.rounded(execution.score)
        // Plain loops: Swift 6.3's optimizer crashed (CopyPropagation, "Found ownership
        // error") on the closure-based version of this function in release builds.
        var rows: [Evaluation.Row] = []
        var sum = Rational(executionScore)
        for row in project.indicators {
            var value: Rational?
            if let query = row.metricQuery { value = measured[query] }
            let filled = evaluate(row, measured: value, scale: project.scale)
            sum = sum + Rational(filled.score)
            rows.append(filled)
        }
        var missing: [MetricQuery] = []
        for query in project.metricQueries where measured[query] == nil { missing.append(query) }
        let total = sum.rounded(toPlaces: 2)
        return Evaluation(
            project: project, executed: executed, executionRate: execution.rate, executionScore: executionScore,
            rows: rows, totalScore: total, grade: IndicatorScoring.grade(total), missingMetrics: missing, paidThroughBatches: paid)
    }

    /// One row filled: its actual in the row's unit, its score and its note. `measured` is
    /// the metric's value as the records give it (yuan, a share); ignored for manual rows.
    /// `scale` gives a qualitative row's tier its share, and the range an explicit score must
    /// fall in (else the row is flagged).
    public static func evaluate(_ row: IndicatorRow, measured: Rational?, scale: TierScale = .project) -> Evaluation.Row {
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
        case .manual(.bound(let op, let value), _, _):
            return bounded(row, op: op, bound: Rational(value))
        case .manual(.text(let text), _, let explicit):
            guard row.op == .qualitative else {
                return Evaluation.Row(
                    indicator: row, actual: .text(text), score: .zero, note: "实际完成值「\(text)」不是数值，无法按\(row.op.symbol)计分，按0分计")
            }
            if let explicit {
                var filled = Evaluation.Row(
                    indicator: row, actual: .text(text), score: IndicatorScoring.rounded(IndicatorScoring.explicit(explicit, weight: row.weight)), note: nil)
                if let tier = QualitativeTier(result: text, expected: row.expectedText), !scale.fits(explicit, weight: row.weight, tier: tier) {
                    filled.flags.append(scale.misfit(explicit, weight: row.weight, tier: tier))
                }
                return filled
            }
            guard let tier = QualitativeTier(result: text, expected: row.expectedText) else {
                return Evaluation.Row(
                    indicator: row, actual: .text(text), score: .zero,
                    note: "定性指标的实际完成值「\(text)」不是达成、部分达成或未达成，且未给出得分，按0分计")
            }
            return Evaluation.Row(
                indicator: row, actual: .text(text), score: IndicatorScoring.rounded(IndicatorScoring.qualitative(tier, weight: row.weight, scale: scale)),
                note: nil)
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

    /// A bound as the actual (「≥95%」): full marks when the bound itself meets the target (≥95
    /// against ≥95 or ≥90); otherwise scored at the bound, the least the actual may be, and
    /// flagged — a bound looser than the target does not show the target was met.
    private static func bounded(_ row: IndicatorRow, op: IndicatorOp, bound: Rational) -> Evaluation.Row {
        var filled = numeric(row, actual: bound)
        filled.actual = .bound(op, bound)
        var tight = false
        if case .number(let target) = row.target {
            tight = IndicatorScoring.boundMeetsTarget(bound: op, bound, op: row.op, target: Rational(target))
        }
        if tight {
            filled.score = IndicatorScoring.rounded(Rational(row.weight))
            filled.deviationNote = nil
        } else {
            filled.flags.append(
                "实际完成值「\(filled.actualText)」是范围，宽于年度指标值「\(row.targetText)」，不能说明已达到指标值；按范围的最不利值\(IndicatorText.number(bound, unit: row.unit))计分")
        }
        return filled
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
    /// What the project's paid batches paid; `executed` unless the file gives it by hand.
    public var paidThroughBatches: Money = .zero

    /// Where 全年执行数 comes from, when the project file gives it by hand.
    public var executedSource: String? { project.executedByHand?.source }

    /// 全年执行数 by hand less what the batches paid, when both are there: the money paid
    /// outside Bangfu (or a figure to correct). nil when one of them is not there.
    public var executedDifference: Money? {
        guard project.executedByHand != nil, paidThroughBatches > .zero else { return nil }
        return executed - paidThroughBatches
    }

    /// The rows flagged (a score outside its tier's range, a bound looser than its target).
    public var flaggedRows: [Row] { rows.filter { !$0.flags.isEmpty } }

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
        /// What is inconsistent on the row, each with the rule it breaks: a score by hand
        /// outside its tier's range, a bound looser than the target.
        public var flags: [String] = []

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
            case .bound(let op, let value): op.symbol + IndicatorText.number(value, unit: indicator.unit)
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
    /// A bound given by hand (「≥95%」), in the row's unit.
    case bound(IndicatorOp, Rational)
    /// A metric the caller gave no value for.
    case missing
}

extension Evaluation {
    /// Where 全年执行数 comes from, for the form: nil when the batches give it;
    /// `手工填报（来源：…）；已发放批次合计 …元，差额 …元` when the file gives it by hand.
    public var executionSourceText: String? {
        guard let source = executedSource else { return nil }
        var text = "全年执行数为手工填报（来源：\(source)）"
        if let difference = executedDifference {
            text += "；帮扶系统已发放批次合计 \(paidThroughBatches.formatted) 元，差额 \(difference.formatted) 元"
        } else {
            text += "；帮扶系统中没有该项目已发放的批次"
        }
        return text
    }

    /// Each row's readings and flags as lines `「name」：…`, readings first.
    public var rowRemarks: (readings: [String], flags: [String]) {
        var readings: [String] = []
        var flags: [String] = []
        for row in rows {
            if let reading = row.indicator.reading { readings.append("「\(row.indicator.name)」：\(reading)") }
            flags += row.flags.map { "「\(row.indicator.name)」：\($0)" }
        }
        return (readings, flags)
    }
}
