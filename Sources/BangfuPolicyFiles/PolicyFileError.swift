import BangfuCore
import Foundation

/// Why a policy file (spec §4) or a project file (spec §7) was refused. Every message names
/// the file and, where it can, the key path (`living.batch_months.deep`,
/// `indicator[3].metric`) and the line; it is in Chinese with English in brackets.
public enum PolicyFileError: Error, LocalizedError, Hashable, Sendable, UserFacingError {
    /// The file could not be read from disk.
    case unreadable(file: String, problem: FileReadProblem)
    /// The file is not UTF-8 text.
    case notUTF8(file: String)
    /// The file is larger than `limit` bytes: no policy or project file comes near it.
    case fileTooLarge(file: String, limit: Int)
    /// The text is not valid TOML: TOMLKit's message, line and column.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A required key is absent; the line is that of the table it belongs in, when there is one.
    case missingKey(Location)
    /// A key holds a value of another TOML type.
    case wrongType(Location, expected: Expected, found: Found)
    /// An amount, a month count or a ratio below zero.
    case negative(Location, value: String)
    /// A value that must be above zero is not: `income_cap.multiple`, a 低保, `living.round_down_to`.
    case notPositive(Location, value: String)
    /// A yuan amount with more than two decimals (a fen is the smallest unit paid), or too large.
    case invalidAmount(Location, value: String)
    /// A multiple or ratio that cannot be read exactly (more than 9 decimals, or an exponent).
    case invalidDecimal(Location, value: String)
    /// `medical.ratio` above 1: the aid would exceed the expense.
    case ratioAboveOne(Location, value: String)
    /// A TOML date outside the years of `Plausible.years` (a year typed `9999` or `0000`).
    case invalidDate(Location, value: String)
    /// `policy.id` or `policy.name` is empty.
    case emptyText(Location)
    /// The file has no `[[dibao]]` table: no 低保 is ever in force.
    case noDibao(file: String)
    /// A `[[dibao]]` period starts before the one written above it (periods must be in date order).
    case dibaoOutOfOrder(Location, from: CalendarDate, previous: CalendarDate)
    /// Two `[[dibao]]` periods start on the same day: they overlap.
    case duplicateDibaoDate(Location, from: CalendarDate)
    /// A key the policy format does not know, most likely a typo; `suggestion` is the full
    /// path of the nearest known key, `known` the keys allowed at that place.
    case unknownKey(Location, suggestion: String?, known: [String])
    /// `income_cap.mode` is neither `reduce` nor `exclude`.
    case badMode(Location, value: String)
    /// A `workflow.reviews` entry is neither `first` nor `second`.
    case badReviewStage(Location, value: String)
    /// `workflow.reviews` repeats a stage or puts `second` before `first`.
    case reviewsOutOfOrder(Location, values: [String])

    // MARK: project files (spec §7)

    /// A project file without any `[[indicator]]` row.
    case noIndicators(file: String)
    /// `project.year` is not a year from 2000 to 2100.
    case badYear(Location, value: Int)
    /// A number with more decimals than the key allows (a weight 2, a target 4).
    case tooManyDecimals(Location, value: String, allowed: Int)
    /// A weight above 100, a target or value of 10¹² or more, or a policy number above its
    /// sanity bound (`Plausible`: an amount, months, the multiple, the rounding step).
    case tooLarge(Location, value: String, limit: String)
    /// `op` is none of `>=`, `<=`, `=`, `qualitative`.
    case badOp(Location, value: String)
    /// `metric` names no metric of spec §7; `suggestion` is the nearest one.
    case unknownMetric(Location, value: String, suggestion: String?)
    /// `kind` names no batch kind of spec §1.
    case badKind(Location, value: String)
    /// A row has both `metric` and `value`: its actual would come from two places.
    case metricAndValue(Location)
    /// A row has neither `metric` nor `value`: nothing gives its actual.
    case noMetricOrValue(Location)
    /// A qualitative row with a `metric`: the records give numbers, a qualitative row a tier.
    case qualitativeWithMetric(Location)
    /// A key that is valid in an indicator row but not in this one.
    case notAllowedHere(Location, because: Misplacement)
    /// A qualitative row's `value` is not 达成, 部分达成 or 未达成, and it gives no `score`.
    case badTier(Location, value: String)
    /// A qualitative row's `score` above its `weight`.
    case scoreAboveWeight(Location, score: String, weight: String)
    /// The row's `unit` cannot show its metric (a count of people in 万元).
    case unitDoesNotFitMetric(Location, unit: String, metric: String, allowed: String)
    /// An `on_time_rate` row without the `deadline` it is measured against.
    case missingDeadline(Location)
    /// Two rows with the same `name` (三级指标).
    case duplicateIndicator(Location, name: String, firstLine: Int?)
    /// The rows' weights plus `execution_weight` are not 100.
    case weightsNotHundred(file: String, sum: String, execution: String, indicators: String)
    /// A warning: a rate metric's `%` row with a target above 0 and at most 1 (spec §7).
    case percentTargetLooksLikeFraction(file: String, indicator: String, target: String)
    /// A transcript's `kind` is not project or department.
    case badFormKind(Location, value: String)
    /// A transcript without indicator rows.
    case noFormRows(file: String)
    /// `scale` is not project or department.
    case badScale(Location, value: String)
    /// An `on_time_rate` row's target in words names no day the deadline could be read from.
    case unreadableDeadline(Location, value: String)
    /// A text `value` on a numeric row that is not a bound in the row's unit (「≥95%」).
    case badBound(Location, value: String, unit: String)

    /// Why a key may not be written in a given indicator row.
    public enum Misplacement: Hashable, Sendable {
        /// `score` on a row that is not qualitative.
        case scoreOnNumericRow
        /// `score` on a row whose actual comes from a metric.
        case scoreOnMetricRow
        /// `deadline` on a row whose metric is not `on_time_rate`.
        case deadlineWithoutOnTimeRate
        /// `kind` on a manual row.
        case kindOnManualRow
        /// `kind` on a `duplicate_aid_rate` row: spec §5 measures it over all the year's aid.
        case kindOnDuplicateRate
        /// `source` on a row whose actual comes from a metric.
        case sourceOnMetricRow
        /// `target` given as a number on a qualitative row.
        case numericTargetOnQualitativeRow

        var chinese: String {
            switch self {
            case .scoreOnNumericRow: "score（得分）只用于定性指标（op = \"qualitative\"）；数值指标的得分按规则计算"
            case .scoreOnMetricRow: "score（得分）只用于手工填写 value 的定性指标"
            case .deadlineWithoutOnTimeRate: "deadline（截止日）只用于 metric = \"on_time_rate\" 的指标"
            case .kindOnManualRow: "kind（批次类型）只用于由记录计算的指标（metric）"
            case .kindOnDuplicateRate: "重复救助率按全年所有救助记录计算（spec §5），不能限定 kind"
            case .sourceOnMetricRow: "source（数据来源）只用于手工填写 value 的指标；metric 指标的来源就是记录"
            case .numericTargetOnQualitativeRow: "定性指标的 target 应为文本（如 \"显著改善\"）或不写"
            }
        }

        var english: String {
            switch self {
            case .scoreOnNumericRow: "score is for qualitative rows only"
            case .scoreOnMetricRow: "score is for manual qualitative rows only"
            case .deadlineWithoutOnTimeRate: "deadline is for on_time_rate rows only"
            case .kindOnManualRow: "kind is for metric rows only"
            case .kindOnDuplicateRate: "duplicate_aid_rate covers all aid of the year; it takes no kind"
            case .sourceOnMetricRow: "source is for manual rows only"
            case .numericTargetOnQualitativeRow: "a qualitative row's target is text or absent"
            }
        }
    }

    /// Where in a policy file a problem is.
    public struct Location: Hashable, Sendable {
        /// The file as the user named it.
        public var file: String
        /// Dotted path of the key: `living.batch_months.deep`; `dibao[2].from` is the second
        /// `[[dibao]]` table (counted from 1, as people count).
        public var keyPath: String
        /// The 1-based line where the key is written (for a missing key, its table's line);
        /// nil when the text does not show it.
        public var line: Int?

        /// The place of `keyPath` in `file`, at `line` when known.
        public init(file: String, keyPath: String, line: Int?) {
            self.file = file
            self.keyPath = keyPath
            self.line = line
        }
    }

    /// What a key should hold.
    public enum Expected: String, Hashable, Sendable {
        case amount, wholeNumber, decimal, text, textList, date, table, tableList

        /// What to write, in Chinese, with an example.
        var chinese: String {
            switch self {
            case .amount: "金额（元，整数或最多两位小数，如 1200 或 1234.56）"
            case .wholeNumber: "整数"
            case .decimal: "数（如 2.1 或 0.5）"
            case .text: "文本（加引号）"
            case .textList: "文本列表（如 [\"first\", \"second\"]）"
            case .date: "日期（如 2024-07-01，不加引号）"
            case .table: "表（[名称] 或 { … }）"
            case .tableList: "表数组（[[名称]]）"
            }
        }

        /// What to write, in English.
        var english: String {
            switch self {
            case .amount: "an amount in yuan"
            case .wholeNumber: "a whole number"
            case .decimal: "a number such as 2.1"
            case .text: "a quoted string"
            case .textList: "a list of strings"
            case .date: "a date such as 2024-07-01, unquoted"
            case .table: "a table"
            case .tableList: "an array of tables ([[name]])"
            }
        }
    }

    /// The TOML type a key actually holds.
    public enum Found: String, Hashable, Sendable {
        case table, array, string, integer, float, boolean, date, time, dateTime

        /// The type's name in Chinese.
        var chinese: String {
            switch self {
            case .table: "表"
            case .array: "数组"
            case .string: "文本"
            case .integer: "整数"
            case .float: "小数"
            case .boolean: "布尔值"
            case .date: "日期"
            case .time: "时间"
            case .dateTime: "日期时间"
            }
        }

        /// The type's name in English, with its article.
        var english: String {
            switch self {
            case .dateTime: "a date-time"
            case .array: "an array"
            case .integer: "an integer"
            default: "a \(rawValue)"
            }
        }
    }

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .notUTF8(let file), .fileTooLarge(let file, _), .syntax(let file, _, _, _), .noDibao(let file),
            .noIndicators(let file), .weightsNotHundred(let file, _, _, _), .noFormRows(let file),
            .percentTargetLooksLikeFraction(let file, _, _):
            file
        default: location?.file ?? ""
        }
    }

    /// The dotted key path, when the error is about one key.
    public var keyPath: String? { location?.keyPath }

    /// The 1-based line, when known.
    public var line: Int? {
        if case .syntax(_, let line, _, _) = self { return line }
        return location?.line
    }

    /// The key and line of an error about one key; nil for errors about the whole file.
    public var location: Location? {
        switch self {
        case .unreadable, .notUTF8, .fileTooLarge, .syntax, .noDibao, .noIndicators, .weightsNotHundred, .noFormRows,
            .percentTargetLooksLikeFraction:
            nil
        case .missingKey(let location), .wrongType(let location, _, _), .negative(let location, _),
            .notPositive(let location, _), .invalidAmount(let location, _), .invalidDecimal(let location, _),
            .ratioAboveOne(let location, _), .invalidDate(let location, _), .emptyText(let location),
            .dibaoOutOfOrder(let location, _, _), .duplicateDibaoDate(let location, _), .unknownKey(let location, _, _),
            .badMode(let location, _), .badReviewStage(let location, _), .reviewsOutOfOrder(let location, _),
            .badYear(let location, _), .tooManyDecimals(let location, _, _), .tooLarge(let location, _, _),
            .badOp(let location, _), .unknownMetric(let location, _, _), .badKind(let location, _),
            .metricAndValue(let location), .noMetricOrValue(let location), .qualitativeWithMetric(let location),
            .notAllowedHere(let location, _), .badTier(let location, _), .scoreAboveWeight(let location, _, _),
            .unitDoesNotFitMetric(let location, _, _, _), .missingDeadline(let location),
            .duplicateIndicator(let location, _, _), .badScale(let location, _), .unreadableDeadline(let location, _),
            .badBound(let location, _, _), .badFormKind(let location, _):
            location
        }
    }

    /// `policies/x.toml 第18行 键「living.batch_months.deep」：缺少必填的键 (line 18, key living.batch_months.deep: required key is missing)`.
    public var errorDescription: String? { message }

    /// The file, line and key, in Chinese (`policies/x.toml 第18行 键「living.batch_months.deep」`)
    /// and in English (`line 18, key living.batch_months.deep`).
    private var place: (chinese: String, english: [String]) {
        var place = file
        var placeInEnglish: [String] = []
        if let line {
            place += " 第\(line)行"
            placeInEnglish.append("line \(line)")
        }
        if case .syntax(_, _, let column, _) = self {
            place += "第\(column)列"
            placeInEnglish.append("column \(column)")
        }
        if let keyPath {
            place += " 键「\(keyPath)」"
            placeInEnglish.append("key \(keyPath)")
        }
        return (place, placeInEnglish)
    }

    /// The problem itself, in Chinese and in English, without the place.
    private var reason: (String, String) {
        switch self {
        case .unreadable(_, let problem):
            ("无法读取文件（\(problem.chinese)）", "cannot read the file: \(problem.english)")
        case .notUTF8:
            ("不是 UTF-8 编码的文本，请另存为 UTF-8", "not UTF-8 text")
        case .fileTooLarge(_, let limit):
            ("文件超过\(limit >> 20) MiB，不是策略或项目文件", "larger than \(limit >> 20) MiB: not a policy or project file")
        case .syntax(_, _, _, let message):
            ("TOML 语法错误", "TOML syntax error: \(message)")
        case .missingKey:
            ("缺少必填的键", "required key is missing")
        case .wrongType(_, let expected, let found):
            ("应为\(expected.chinese)，实际是\(found.chinese)", "expected \(expected.english), found \(found.english)")
        case .negative(_, let value):
            ("值「\(value)」为负数；金额、月数、比例、权重和指标值不能为负", "\(value) is negative")
        case .notPositive(_, let value):
            ("值「\(value)」应大于 0", "must be greater than 0, got \(value)")
        case .invalidAmount(_, let value):
            ("值「\(value)」不是有效的金额（元，最多两位小数）", "not an amount in yuan with at most two decimals: \(value)")
        case .invalidDecimal(_, let value):
            ("值「\(value)」不是可精确读取的小数（如 2.1、0.5；最多 9 位小数，不用指数）", "not an exact decimal such as 2.1 or 0.5: \(value)")
        case .ratioAboveOne(_, let value):
            ("比例「\(value)」不能大于 1", "a ratio cannot exceed 1, got \(value)")
        case .invalidDate(_, let value):
            ("日期「\(value)」超出合理范围（年份应为 \(Plausible.yearsText)，多为录入错误）", "date out of range: \(value); the year must be \(Plausible.yearsText)")
        case .emptyText:
            ("不能为空", "must not be empty")
        case .noDibao:
            ("没有 [[dibao]] 低保标准，至少需要一期", "no [[dibao]] table: at least one 低保 period is required")
        case .dibaoOutOfOrder(_, let from, let previous):
            (
                "各期低保应按 from 日期从早到晚书写：\(from) 写在了 \(previous) 之后",
                "[[dibao]] periods must be in date order: \(from) comes after \(previous)"
            )
        case .duplicateDibaoDate(_, let from):
            ("两期低保的起始日期都是 \(from)，期间重叠", "two [[dibao]] periods start on \(from): they overlap")
        case .unknownKey(_, let suggestion, let known):
            (
                "未知的键（可能是拼写错误）" + (suggestion.map { "，是否应为「\($0)」？" } ?? "。") + "此处可用的键：" + known.joined(separator: "、"),
                "unknown key" + (suggestion.map { "; did you mean \($0)?" } ?? "; allowed here: " + known.joined(separator: ", "))
            )
        case .badMode(_, let value):
            ("「\(value)」不是可选的值（可选：reduce 核减至上限 | exclude 不予救助）", "mode must be reduce or exclude, got \(value)")
        case .badReviewStage(_, let value):
            ("「\(value)」不是审核环节（可选：first 初审 | second 复审）", "a review stage is first or second, got \(value)")
        case .reviewsOutOfOrder(_, let values):
            (
                "审核环节 [\(values.joined(separator: ", "))] 有误：每个环节只写一次，初审 first 在复审 second 之前",
                "reviews [\(values.joined(separator: ", "))]: each stage once, first before second"
            )
        case .noIndicators:
            ("没有 [[indicator]] 指标行，至少需要一行", "no [[indicator]] row: at least one is required")
        case .badYear(_, let value):
            ("年度「\(value)」不在 2000–2100 之间", "year must be 2000–2100, got \(value)")
        case .tooManyDecimals(_, let value, let allowed):
            ("值「\(value)」的小数位太多（最多 \(allowed) 位）", "\(value) has more than \(allowed) decimals")
        case .tooLarge(_, let value, let limit):
            ("值「\(value)」太大（应小于等于 \(limit)）", "\(value) exceeds \(limit)")
        case .badOp(_, let value):
            (
                "「\(value)」不是可选的比较方式（可选：\">=\" 正向指标 | \"<=\" 反向指标 | \"=\" 等于 | \"qualitative\" 定性指标）",
                "op must be >=, <=, = or qualitative, got \(value)"
            )
        case .unknownMetric(_, let value, let suggestion):
            (
                "未知的指标「\(value)」" + (suggestion.map { "，是否应为「\($0)」？" } ?? "。")
                    + "可用：" + Metric.allCases.map(\.rawValue).joined(separator: "、"),
                "unknown metric \(value)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
            )
        case .badKind(_, let value):
            (
                "「\(value)」不是批次类型（可选：\(BatchKind.allCases.map(\.rawValue).joined(separator: " | "))）",
                "not a batch kind: \(value)"
            )
        case .metricAndValue:
            (
                "同时写了 metric 和 value：实际完成值要么由记录计算（metric），要么手工填写（value + source），只能选一种",
                "a row has either metric or value, not both"
            )
        case .noMetricOrValue:
            (
                "没有写实际完成值的来源：由记录计算写 metric = \"…\"，手工填写写 value = … 和 source = \"…\"",
                "a row needs metric, or value and source"
            )
        case .qualitativeWithMetric:
            (
                "定性指标不能由记录计算（metric）：请手工填写 value = \"达成\" | \"部分达成\" | \"未达成\" 和 source",
                "a qualitative row takes a manual value, not a metric"
            )
        case .notAllowedHere(_, let because):
            (because.chinese, because.english)
        case .badTier(_, let value):
            (
                "定性指标的 value「\(value)」不是 \"达成\"、\"部分达成\" 或 \"未达成\"，也不是 target 写的预期结果（或对「是否…」答「是」）；要写其他文字，请另写 score = 得分",
                "a qualitative value is 达成, 部分达成 or 未达成, or any text with score = N; got \(value)"
            )
        case .scoreAboveWeight(_, let score, let weight):
            ("得分 \(score) 超过了分值 weight = \(weight)", "score \(score) exceeds the weight \(weight)")
        case .unitDoesNotFitMetric(_, let unit, let metric, let allowed):
            (
                "单位「\(unit)」不能表示 \(metric) 的值（可用：\(allowed)）",
                "unit \(unit) does not fit metric \(metric)"
            )
        case .missingDeadline:
            (
                "metric = \"on_time_rate\" 需要截止日 deadline = YYYY-MM-DD（不加引号）",
                "an on_time_rate row needs deadline = YYYY-MM-DD"
            )
        case .duplicateIndicator(_, let name, let firstLine):
            (
                "三级指标「\(name)」重复" + (firstLine.map { "（第\($0)行已有）" } ?? ""),
                "indicator \(name) appears twice" + (firstLine.map { " (first on line \($0))" } ?? "")
            )
        case .percentTargetLooksLikeFraction(_, let indicator, let target):
            (
                "指标「\(indicator)」的单位是 %，年度指标值却是 \(target)：若指 \(target) 的比例，应写 \(target)×100（如 0.95 写 95）",
                "indicator \(indicator): unit % with target \(target), probably a share written as a fraction"
            )
        case .badFormKind(_, let value):
            (
                "「\(value)」不是可选的表（可选：project 项目支出绩效自评表 | department 部门整体支出绩效自评表）",
                "kind must be project or department, got \(value)"
            )
        case .noFormRows:
            ("没有指标行：[form] 中应有 rows = [ { name = …, target = …, actual = …, weight = …, score = … }, … ]", "no indicator rows in [form] rows")
        case .badScale(_, let value):
            (
                "「\(value)」不是可选的分档（可选：project 项目支出绩效自评表 100–80–60% | department 部门整体支出绩效自评表 100–80–50%）",
                "scale must be project or department, got \(value)"
            )
        case .unreadableDeadline(_, let value):
            (
                "不能从「\(value)」读出截止日（可读：春节前、11月中旬前、12月底前、12月20日前、年底前）；请写 deadline = YYYY-MM-DD",
                "no deadline can be read from \(value); give deadline = YYYY-MM-DD"
            )
        case .badBound(_, let value, let unit):
            (
                "数值指标的 value「\(value)」不是数，也不是单位为「\(unit)」的范围（如 \"≥95\(unit)\"）",
                "a numeric row's value is a number or a bound such as ≥95\(unit), got \(value)"
            )
        case .weightsNotHundred(_, let sum, let execution, let indicators):
            (
                "权重之和为 \(sum)（预算执行率 execution_weight \(execution) + 各指标 weight 合计 \(indicators)），应为 100",
                "weights sum to \(sum) (execution_weight \(execution) + indicators \(indicators)), not 100"
            )
        }
    }
}

extension PolicyFileError {
    /// Where and what, in Chinese.
    public var chinese: String { "\(place.chinese)：\(reason.0)" }

    /// The same in English, the file named once.
    public var english: String {
        let places = place.english
        return "\(file): " + (places.isEmpty ? "" : places.joined(separator: ", ") + ": ") + reason.1
    }

    /// As the command line prints it: the place once, the reason in both languages.
    public var message: String {
        let places = place.english
        let prefix = places.isEmpty ? "" : places.joined(separator: ", ") + ": "
        return "\(place.chinese)：\(reason.0) (\(prefix)\(reason.1))"
    }
}
