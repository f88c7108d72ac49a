/// Audits a self-evaluation form filled by hand: recomputes each row's score by the rules
/// of `IndicatorScoring` and reports the rows whose written score differs, such as
/// 「1500 1249 20 18」 (000:94), where the rule gives 1249/1500×20 = 16.65.
///
/// Each row is read as the forms write it (`readings(of:)` says how, for each row where a
/// choice was made): a target without a sign takes the sign its name says (「…100人以上」,
/// 000:569), else it is an `=` row (`100%`); 万 is 万元 and, on a per-person row, 元 is 元/人;
/// a target and an actual that are deadlines (「3月底前完成」, 「2月底前完成」) make an on-time
/// row; an actual that is a bound (「≥95%」) is scored at its least favourable value unless it
/// meets the target by itself; a qualitative row's score must lie in its tier's range
/// (`TierScale`), the tier read from its words (达成预期指标, 「是」 to 「是否改善」, the
/// expected result itself).
public enum FilledFormCheck {
    /// A written score agrees when it is within 0.01 of the rule's rounded score.
    public static let tolerance = Rational(1, 100)

    /// One row of the filled form as written.
    public struct Row: Hashable, Sendable {
        /// Where the row is in its file (the CSV row number), for the report.
        public var line: Int?
        /// 三级指标.
        public var name: String
        /// 年度指标值 with its sign: `≥1500`, `≤3万元/人`, `100%`.
        public var target: WrittenValue
        /// 实际完成值.
        public var actual: WrittenValue
        /// 分值.
        public var weight: ExactDecimal
        /// 得分 as the form gives it.
        public var reportedScore: ExactDecimal
        /// 二级指标, when the form gives it: a 数量指标's bare count is a target to reach.
        public var level2: String?

        /// A row from the texts of its cells: the target and actual are read by `WrittenValue`.
        public init(name: String, target: String, actual: String, weight: ExactDecimal, reportedScore: ExactDecimal, line: Int? = nil) {
            self.line = line
            self.name = name
            self.target = WrittenValue(target)
            self.actual = WrittenValue(actual)
            self.weight = weight
            self.reportedScore = reportedScore
        }

        /// The rule of the row: the target's sign, else the sign its name says, else `=`;
        /// qualitative for a target that is not a number.
        public var op: IndicatorOp {
            guard target.number != nil else { return .qualitative }
            return target.op ?? WrittenReading.sign(inName: name)?.op ?? (isQuantity ? .atLeast : .equal)
        }

        /// A 数量指标 (二级指标) row: a count to reach, a positive indicator (自评表注3) even
        /// when its target has no sign, as 000:94 writes 「1500」 for 「计划慰问困难职工1500人」 (000:58).
        public var isQuantity: Bool { level2?.trimmed == "数量指标" }

        /// The tier the row's words say, for a row that is not recomputed by formula.
        public var tier: QualitativeTier? { QualitativeTier(result: actual.text, expected: target.text) }

        /// The target and actual as deadlines, when both are.
        public var deadlines: (target: WrittenDeadline, actual: WrittenDeadline)? {
            guard target.number == nil, let due = WrittenDeadline(target.text), let done = WrittenDeadline(actual.text) else { return nil }
            return (due, done)
        }
    }

    /// What the check found for one row.
    public enum Outcome: Hashable, Sendable {
        /// The written score is the rule's score (within 0.01).
        case agrees(score: ExactDecimal)
        /// The written score is not the rule's: the rule's score when it can be computed,
        /// and the working in Chinese (`1249/1500×20=16.65，表中得分18`).
        case differs(score: ExactDecimal?, explanation: String)
        /// The row cannot be recomputed, and why.
        case unchecked(reason: String)
    }

    /// A row whose written score differs from the rule's.
    public struct Finding: Hashable, Sendable {
        /// The row as written.
        public var row: Row
        /// The rule's score; nil when only the cap was checked (a qualitative row over its weight).
        public var score: ExactDecimal?
        /// The working and the written score: `1249/1500×20=16.65，表中得分18`.
        public var explanation: String
    }

    /// The rows whose written score differs, in file order; `scale` gives the tier ranges,
    /// `year` the year of a deadline that names none (春节).
    public static func findings(in rows: [Row], scale: TierScale = .project, year: Int? = nil) -> [Finding] {
        findings(in: rows.map { ($0, check($0, scale: scale, year: year)) })
    }

    /// The findings among rows already checked, so that a caller who shows every row's outcome
    /// does not check each row twice.
    public static func findings(in checked: [(row: Row, outcome: Outcome)]) -> [Finding] {
        checked.compactMap { row, outcome in
            guard case .differs(let score, let explanation) = outcome else { return nil }
            return Finding(row: row, score: score, explanation: explanation)
        }
    }

    /// Recomputes one row.
    public static func check(_ row: Row, scale: TierScale = .project, year: Int? = nil) -> Outcome {
        let reported = Rational(row.reportedScore)
        let weight = Rational(row.weight)
        let overWeight = "表中得分\(row.reportedScore)超过分值\(row.weight)（得分不能超过分值）"
        switch recompute(row, year: year) {
        case .success(let working):
            let score = IndicatorScoring.rounded(working.score)
            if (reported - Rational(score)).magnitude > tolerance {
                return .differs(score: score, explanation: "\(working.text)，表中得分\(row.reportedScore)")
            }
            return .agrees(score: score)
        case .failure(let reason):
            if reported > weight { return .differs(score: nil, explanation: overWeight) }
            if reason.late, reported == weight {
                return .differs(score: nil, explanation: "\(reason.text)，不应得满分，表中得分\(row.reportedScore)")
            }
            if !reason.late, let tier = row.tier {
                guard scale.fits(row.reportedScore, weight: row.weight, tier: tier) else {
                    return .differs(score: nil, explanation: scale.misfit(row.reportedScore, weight: row.weight, tier: tier))
                }
                return .agrees(score: row.reportedScore)
            }
            return .unchecked(reason: reason.text)
        }
    }

    /// How each choice on the row was made, for the person to see: the sign taken from the
    /// name, the deadlines read, the units taken as the same, the bound, the tier.
    public static func readings(of row: Row) -> [String] {
        var readings: [String] = []
        if row.target.number != nil, row.target.op == nil {
            if let sign = WrittenReading.sign(inName: row.name) {
                readings.append(WrittenReading.signChoice(sign))
            } else if row.isQuantity {
                readings.append("数量指标的年度指标值未写比较符，按正向指标（≥）计")
            }
        }
        let perPerson = WrittenReading.isPerPerson(row.name)
        if WrittenReading.sameMeaning(row.actual.unit, row.target.unit, perPerson: perPerson) {
            readings.append("实际完成值的单位「\(row.actual.unit)」与年度指标值的单位「\(row.target.unit)」按同一单位计")
        }
        if row.actual.op != nil, row.actual.number != nil {
            readings.append("实际完成值「\(row.actual.text)」是范围，不是实测值")
        }
        if let deadlines = row.deadlines {
            let how = Set([deadlines.target.reading, deadlines.actual.reading]).sorted().joined(separator: "；")
            readings.append("时效指标：年度指标值「\(row.target.text)」与实际完成值「\(row.actual.text)」按期限比较（\(how)）")
        } else if row.target.number == nil || row.actual.number == nil, let tier = row.tier {
            readings.append("实际完成值「\(row.actual.text)」按「\(tier.rawValue)」档核对得分区间")
        }
        return readings
    }

    /// The rule's exact score and its working (`1249/1500×20=16.65`).
    struct Working {
        var score: Rational
        var text: String
    }

    /// Why a row cannot be recomputed.
    struct Unchecked: Error {
        var text: String
        /// The row is a deadline met late: it may not score full marks.
        var late = false
    }

    private static func recompute(_ row: Row, year: Int?) -> Result<Working, Unchecked> {
        if let deadlines = row.deadlines {
            guard let onTime = deadlines.actual.isNoLaterThan(deadlines.target, year: year) else {
                return .failure(Unchecked(text: "期限「\(row.target.text)」与「\(row.actual.text)」须知道年度才能比较（春节的日期逐年不同），无法核对"))
            }
            guard onTime else {
                return .failure(Unchecked(text: "实际完成时间「\(row.actual.text)」晚于年度指标值的期限「\(row.target.text)」", late: true))
            }
            return .success(Working(score: Rational(row.weight), text: "实际「\(row.actual.text)」不晚于期限「\(row.target.text)」，按期完成，满分\(row.weight)"))
        }
        guard let targetNumber = row.target.number else {
            return .failure(Unchecked(text: "定性指标（年度指标值「\(row.target.text)」不是数值），按完成情况分档计分，无法按公式核对"))
        }
        guard let actualNumber = row.actual.number else {
            return .failure(Unchecked(text: "实际完成值「\(row.actual.text)」不是数值，无法核对"))
        }
        guard let factor = WrittenReading.factor(from: row.actual.unit, to: row.target.unit, perPerson: WrittenReading.isPerPerson(row.name)) else {
            return .failure(Unchecked(text: "实际完成值的单位「\(row.actual.unit)」与年度指标值的单位「\(row.target.unit)」不一致，无法核对"))
        }
        let target = Rational(targetNumber)
        let actual = Rational(actualNumber) * factor
        if let bound = row.actual.op {
            return .success(bounded(row, bound: bound, target: target, actual: actual))
        }
        let score = IndicatorScoring.numeric(op: row.op, target: target, actual: actual, weight: row.weight)
        return .success(Working(score: score, text: working(row.op, target: target, actual: actual, weight: row.weight, score: score)))
    }

    /// An actual written as a bound: full marks when the bound meets the target by itself
    /// (≥95% against ≥95%), else the score at the bound's least favourable value
    /// (≤3万元 against ≤2.8万元, 002:5406, scores 2.8/3×4).
    private static func bounded(_ row: Row, bound: IndicatorOp, target: Rational, actual: Rational) -> Working {
        let op = row.op
        if IndicatorScoring.boundMeetsTarget(bound: bound, actual, op: op, target: target) {
            return Working(score: Rational(row.weight), text: "实际完成值「\(row.actual.text)」本身已满足年度指标值「\(row.target.text)」，满分\(row.weight)")
        }
        let score = IndicatorScoring.numeric(op: op, target: target, actual: actual, weight: row.weight)
        return Working(
            score: score,
            text: "实际完成值「\(row.actual.text)」是范围，宽于年度指标值「\(row.target.text)」，不能说明已达到指标值；按最不利值计："
                + working(op, target: target, actual: actual, weight: row.weight, score: score))
    }

    /// `1249/1500×20=16.65`, `168≥150，满分5`.
    private static func working(_ op: IndicatorOp, target: Rational, actual: Rational, weight: ExactDecimal, score: Rational) -> String {
        let shown = IndicatorScoring.rounded(score)
        let (t, a, w) = (target.rounded(toPlaces: 4), actual.rounded(toPlaces: 4), weight)
        switch op {
        case .atLeast:
            if actual >= target { return "\(a)≥\(t)，满分\(w)" }
            return target > .zero ? "\(a)/\(t)×\(w)=\(shown)" : "\(a)<\(t)，得0"
        case .atMost:
            if actual <= target { return "\(a)≤\(t)，满分\(w)" }
            return target > .zero ? "\(t)/\(a)×\(w)=\(shown)" : "指标值为0而实际完成值为\(a)，得0"
        case .equal:
            return actual == target ? "\(a)=\(t)，满分\(w)" : "\(a)≠\(t)，得0"
        case .qualitative:
            return ""
        }
    }
}
