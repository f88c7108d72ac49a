/// One funded project (专项资金) and the indicator rows of its self-evaluation form
/// (项目支出绩效自评表, spec §7). Batches belong to it by `name` (`batch create --project`).
public struct Project: Hashable, Sendable {
    /// The name batches carry, e.g. `市劳模困难救助`.
    public var name: String
    /// The year evaluated.
    public var year: Int
    /// 全年预算数 (调整后预算数 A): the execution rate divides by it.
    public var budget: Money
    /// 年初预算数, shown on the form only; the budget when the file does not give it.
    public var initialBudget: Money
    /// The points of the execution rate (预算执行情况), 10 on every seed form.
    public var executionWeight: ExactDecimal
    /// 主管部门.
    public var department: String?
    /// 项目实施单位.
    public var implementer: String?
    /// 年度总体目标 (预期目标).
    public var goal: String?
    /// The indicator rows, in the order of the form.
    public var indicators: [IndicatorRow]
    /// 全年执行数 entered by hand, for a project whose money is not paid through Bangfu's
    /// batches (a 工人文化宫 operating subsidy, a 社保补助); nil: what the batches paid.
    public var executedByHand: ExecutedByHand?
    /// The tier ranges of the form's qualitative rows (自评表 note 2).
    public var scale: TierScale = .project

    /// The default execution weight of spec §7.
    public static let defaultExecutionWeight = ExactDecimal(10)

    /// A project; the initial budget defaults to the budget, the execution weight to 10.
    public init(
        name: String, year: Int, budget: Money, initialBudget: Money? = nil,
        executionWeight: ExactDecimal = Project.defaultExecutionWeight, department: String? = nil,
        implementer: String? = nil, goal: String? = nil, indicators: [IndicatorRow]
    ) {
        self.name = name
        self.year = year
        self.budget = budget
        self.initialBudget = initialBudget ?? budget
        self.executionWeight = executionWeight
        self.department = department
        self.implementer = implementer
        self.goal = goal
        self.indicators = indicators
    }

    /// Execution weight plus every row's weight: 100 for a valid project.
    public var weightSum: Rational {
        indicators.reduce(Rational(executionWeight)) { $0 + Rational($1.weight) }
    }

    /// The values to derive from the records, each once, in the order of the rows.
    public var metricQueries: [MetricQuery] {
        var seen: Set<MetricQuery> = []
        return indicators.compactMap(\.metricQuery).filter { seen.insert($0).inserted }
    }
}

/// 全年执行数 as the finance department reports it, with where it comes from (`[project]
/// executed = …` and `executed_source = "…"`).
public struct ExecutedByHand: Hashable, Sendable {
    /// The amount executed.
    public var amount: Money
    /// Who reported it and how: `2023年度财务决算（000:349）`.
    public var source: String

    /// An amount and its source.
    public init(amount: Money, source: String) {
        self.amount = amount
        self.source = source
    }
}

/// One row of the form: 一级指标, 二级指标, 三级指标, the target, the weight and where the
/// actual value comes from.
public struct IndicatorRow: Hashable, Sendable {
    /// 一级指标: 产出指标, 效益指标, 满意度指标, 成本指标.
    public var level1: String
    /// 二级指标: 数量指标, 质量指标, 时效指标, …
    public var level2: String
    /// 三级指标, unique within a project.
    public var name: String
    /// How the actual is compared with the target.
    public var op: IndicatorOp
    /// 年度指标值: a number for `>=`, `<=` and `=`; text or nothing for a qualitative row.
    public var target: IndicatorTarget?
    /// The unit the target and the actual are shown in: 人, 万元, %, 元/人; may be empty.
    public var unit: String
    /// 分值: the most points the row can score.
    public var weight: ExactDecimal
    /// Where the actual comes from.
    public var source: Source
    /// 年度指标值 as the form writes it when it is words the row was read from
    /// (「当年度11月中旬前发放完成」); nil when the target is the number shown.
    public var writtenTarget: String?
    /// How the file's words were read, shown beside the row: an `op` taken from the name's
    /// 以上, a deadline read from the target's text.
    public var reading: String?

    /// Where the actual value (实际完成值) comes from.
    public enum Source: Hashable, Sendable {
        /// Derived from the records: the metric, its deadline (`on_time_rate`) and the
        /// kind of batch counted (nil: all the project's batches).
        case metric(Metric, deadline: CalendarDate? = nil, kind: BatchKind? = nil)
        /// Entered by hand: the value, who measured it and how, and for a qualitative row
        /// an explicit score instead of a tier (spec §7 「or an explicit score」).
        case manual(value: ManualValue, source: String, score: ExactDecimal? = nil)
    }

    /// A row of the form.
    public init(
        level1: String, level2: String, name: String, op: IndicatorOp, target: IndicatorTarget?, unit: String,
        weight: ExactDecimal, source: Source
    ) {
        self.level1 = level1
        self.level2 = level2
        self.name = name
        self.op = op
        self.target = target
        self.unit = unit
        self.weight = weight
        self.source = source
    }

    /// The query whose value is this row's actual; nil for a manual row.
    public var metricQuery: MetricQuery? {
        guard case .metric(let metric, let deadline, let kind) = source else { return nil }
        return MetricQuery(metric, deadline: deadline, kind: kind)
    }
}

/// How the actual is compared with the target; the raw value is the project file's word.
public enum IndicatorOp: String, CaseIterable, Hashable, Sendable {
    /// A positive indicator (正向指标, 指标值 ≥*): actual ÷ target × weight.
    case atLeast = ">="
    /// A reverse indicator (反向指标, 指标值 ≤*): target ÷ actual × weight.
    case atMost = "<="
    /// Full marks when equal, else none.
    case equal = "="
    /// A 定性指标: scored by its tier or an explicit score.
    case qualitative

    /// The sign the form prints: ≥, ≤, =, 定性.
    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .equal: "="
        case .qualitative: "定性"
        }
    }

    /// Whether the row compares numbers (every op but qualitative).
    public var isNumeric: Bool { self != .qualitative }
}

/// 年度指标值 as a project file gives it.
public enum IndicatorTarget: Hashable, Sendable {
    /// The target of a `>=`, `<=` or `=` row, in the row's unit.
    case number(ExactDecimal)
    /// The expected result of a qualitative row: 显著改善, 满意.
    case text(String)
}

/// A value entered by hand (`value = …` with `source = …`).
public enum ManualValue: Hashable, Sendable {
    /// A measured number in the row's unit: a survey's 满意度 of 96 (%).
    case number(ExactDecimal)
    /// For a qualitative row, a tier (达成, 部分达成, 未达成), or any text describing
    /// the result when the row gives an explicit score.
    case text(String)
    /// A bound instead of a measurement, as the seeds write 「≥95%」 (002:1210): the actual is
    /// known only to lie on that side of the number.
    case bound(IndicatorOp, ExactDecimal)
}

/// The three tiers of a qualitative row (自评表 note 2: 达成预期指标, 部分达成…, 未达成…)
/// (the share of the weight each scores is its form's `TierScale`).
public enum QualitativeTier: String, CaseIterable, Hashable, Sendable {
    case achieved = "达成"
    case partlyAchieved = "部分达成"
    case notAchieved = "未达成"

    /// The tier as the forms write it (spaces around ignored): 达成, or 000's 达成预期指标 and
    /// 002's 完成预期指标, 部分完成预期指标并具有一定效果, 未完成预期指标且效果较差 (002:1225);
    /// nil for any other text.
    public init?(text: String) {
        let trimmed = text.trimmed
        for tier in [QualitativeTier.partlyAchieved, .notAchieved, .achieved] where tier.writings.contains(trimmed) {
            self = tier
            return
        }
        return nil
    }

    /// Every way the seeds' notes write the tier (000:170, 002:1225, 002:5475).
    private var writings: Set<String> {
        let stems: [String] =
            switch self {
            case .achieved: ["达成", "完成"]
            case .partlyAchieved: ["部分达成", "部分完成"]
            case .notAchieved: ["未达成", "未完成"]
            }
        let tails: [String] =
            switch self {
            case .achieved: ["", "预期指标", "预期目标"]
            case .partlyAchieved: ["", "预期指标", "预期目标", "预期指标并具有一定效果"]
            case .notAchieved: ["", "预期指标", "预期目标", "预期指标且效果较差"]
            }
        return Set(stems.flatMap { stem in tails.map { stem + $0 } })
    }
}
