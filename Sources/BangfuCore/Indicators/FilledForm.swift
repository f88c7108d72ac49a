/// A whole self-evaluation form as it was filled by hand, cell by cell (a transcript): the
/// budget line, the 一级指标 headings with their points, every indicator row with its
/// 偏差原因分析, 小计, 总分, and the 得分率 the accompanying report gives. Audited by `FormAudit`.
public struct FilledForm: Hashable, Sendable {
    /// Which form it is: its layout and its tier ranges.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// 项目支出绩效自评表.
        case project
        /// 部门整体支出绩效自评表.
        case department

        /// The form's title.
        public var title: String {
            switch self {
            case .project: "项目支出绩效自评表"
            case .department: "部门整体支出绩效自评表"
            }
        }
    }

    /// A cell's text and the line it was transcribed from.
    public struct Points: Hashable, Sendable {
        /// 分值 as written; nil when the cell is not on the form.
        public var weight: String?
        /// 得分 as written; empty when the cell was left blank.
        public var score: String
        /// The line of the source document.
        public var line: Int?

        public init(weight: String?, score: String, line: Int?) {
            self.weight = weight
            self.score = score
            self.line = line
        }
    }

    /// 年度资金总额: the budget line.
    public struct Budget: Hashable, Sendable {
        /// 年初预算数.
        public var initial: String
        /// 全年预算数 / 调整后预算数 (A).
        public var budget: String
        /// 全年执行数 (B).
        public var executed: String
        /// 分值.
        public var weight: ExactDecimal
        /// 执行率 as written: `100%`, or `1` as 002 writes it (002:1081).
        public var rate: String
        /// 得分.
        public var score: String
        public var line: Int?

        public init(initial: String, budget: String, executed: String, weight: ExactDecimal, rate: String, score: String, line: Int?) {
            self.initial = initial
            self.budget = budget
            self.executed = executed
            self.weight = weight
            self.rate = rate
            self.score = score
            self.line = line
        }
    }

    /// A 一级指标 heading with the points it announces: 「产出指标（40分）」 (002:1145).
    public struct Level: Hashable, Sendable {
        public var name: String
        public var weight: ExactDecimal
        public var line: Int?

        public init(name: String, weight: ExactDecimal, line: Int?) {
            self.name = name
            self.weight = weight
            self.line = line
        }
    }

    /// One indicator row as written.
    public struct Row: Hashable, Sendable {
        public var level1: String
        public var level2: String
        /// 三级指标.
        public var name: String
        /// 年度指标值.
        public var target: String
        /// 实际完成值.
        public var actual: String
        /// 分值.
        public var weight: ExactDecimal
        /// 得分; empty when blank.
        public var score: String
        /// 偏差原因分析及改进措施 (未完成原因分析 on the 部门整体 form).
        public var note: String
        public var line: Int?
        /// On the 部门整体 form: the project form's row this row repeats, when its name there
        /// differs (「奖励资金开支情况」 repeats 文化宫's 「物业费总额」).
        public var repeats: String?
        /// On a per-person cost row (人均): the headcount rows it is paid to, for 人均 × 人数.
        public var headcounts: [String]

        public init(
            level1: String, level2: String, name: String, target: String, actual: String, weight: ExactDecimal, score: String,
            note: String = "", line: Int? = nil, repeats: String? = nil, headcounts: [String] = []
        ) {
            self.level1 = level1
            self.level2 = level2
            self.name = name
            self.target = target
            self.actual = actual
            self.weight = weight
            self.score = score
            self.note = note
            self.line = line
            self.repeats = repeats
            self.headcounts = headcounts
        }

        /// The row as the per-row check reads it (a blank score reads as 0).
        public var checkRow: FilledFormCheck.Row {
            var row = FilledFormCheck.Row(
                name: name, target: target, actual: actual, weight: weight, reportedScore: FilledForm.points(score) ?? .zero, line: line)
            row.level2 = level2
            return row
        }
    }

    /// A part of the report's scoring with its 得分率: 「（一）决策。指标分值 10 分，得 10 分，得分率 10%」 (002:1792).
    public struct Part: Hashable, Sendable {
        public var name: String
        public var weight: ExactDecimal
        public var score: ExactDecimal
        /// 得分率 as written.
        public var rate: String
        public var line: Int?

        public init(name: String, weight: ExactDecimal, score: ExactDecimal, rate: String, line: Int?) {
            self.name = name
            self.weight = weight
            self.score = score
            self.rate = rate
            self.line = line
        }
    }

    public var kind: Kind
    /// 项目名称, or the 部门名称 of a 部门整体 form.
    public var name: String
    public var year: Int
    /// The tier ranges its qualitative rows are scored in.
    public var scale: TierScale
    /// The unit of the budget line's amounts (万元 on every seed form).
    public var moneyUnit: String
    /// Where the form comes from: `002:4712–4908`.
    public var source: String?
    public var budget: Budget?
    public var levels: [Level]
    public var rows: [Row]
    /// 小计 (002:1212): the rows' weights and scores.
    public var subtotal: Points?
    /// 总分.
    public var total: Points?
    public var parts: [Part]

    public init(
        kind: Kind, name: String, year: Int, scale: TierScale? = nil, moneyUnit: String = "万元", source: String? = nil, budget: Budget?,
        levels: [Level] = [], rows: [Row], subtotal: Points? = nil, total: Points?, parts: [Part] = []
    ) {
        self.kind = kind
        self.name = name
        self.year = year
        self.scale = scale ?? (kind == .department ? .department : .project)
        self.moneyUnit = moneyUnit
        self.source = source
        self.budget = budget
        self.levels = levels
        self.rows = rows
        self.subtotal = subtotal
        self.total = total
        self.parts = parts
    }

    /// Points as written (`20`, `16.65`, `20分`); nil for a blank or unreadable cell.
    public static func points(_ text: String) -> ExactDecimal? {
        var digits = text.trimmed
        if digits.hasSuffix("分") { digits = String(digits.dropLast()).trimmed }
        guard let value = ExactDecimal(digits), !value.isNegative, IndicatorText.isWithinBounds(value) else { return nil }
        return value.normalized
    }
}
