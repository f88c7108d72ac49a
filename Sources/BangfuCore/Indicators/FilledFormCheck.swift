/// Audits a self-evaluation form filled by hand: recomputes each row's score by the rules
/// of `IndicatorScoring` and reports the rows whose written score differs, such as
/// 「1500 1249 20 18」 (000:94), where the rule gives 1249/1500×20 = 16.65.
///
/// A row is recomputed when its target is a number and its actual a plain number in the
/// same unit (or 元 against 万元). A target without a sign (`100%`, `140.4万元`) is an `=`
/// row, as the seeds write them. Qualitative rows and actuals that are not measurements
/// (`是`, `≥98%`) cannot be recomputed; they are reported only when the written score
/// exceeds the weight.
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

        /// A row from the texts of its cells: the target and actual are read by `WrittenValue`.
        public init(name: String, target: String, actual: String, weight: ExactDecimal, reportedScore: ExactDecimal, line: Int? = nil) {
            self.line = line
            self.name = name
            self.target = WrittenValue(target)
            self.actual = WrittenValue(actual)
            self.weight = weight
            self.reportedScore = reportedScore
        }

        /// The rule of the row: the target's sign, `=` for a number without one, and
        /// qualitative for a target that is not a number.
        public var op: IndicatorOp { target.number == nil ? .qualitative : target.op ?? .equal }
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

    /// The rows whose written score differs, in file order.
    public static func findings(in rows: [Row]) -> [Finding] {
        rows.compactMap { row in
            guard case .differs(let score, let explanation) = check(row) else { return nil }
            return Finding(row: row, score: score, explanation: explanation)
        }
    }

    /// Recomputes one row.
    public static func check(_ row: Row) -> Outcome {
        let reported = Rational(row.reportedScore)
        let weight = Rational(row.weight)
        let overWeight = "表中得分\(row.reportedScore)超过分值\(row.weight)（得分不能超过分值）"
        switch recompute(row) {
        case .success(let working):
            let score = IndicatorScoring.rounded(working.score)
            if (reported - Rational(score)).magnitude > tolerance {
                return .differs(score: score, explanation: "\(working.text)，表中得分\(row.reportedScore)")
            }
            return .agrees(score: score)
        case .failure(let reason):
            if reported > weight { return .differs(score: nil, explanation: overWeight) }
            return .unchecked(reason: reason.text)
        }
    }

    /// The rule's exact score and its working (`1249/1500×20=16.65`).
    struct Working {
        var score: Rational
        var text: String
    }

    /// Why a row cannot be recomputed.
    struct Unchecked: Error {
        var text: String
    }

    private static func recompute(_ row: Row) -> Result<Working, Unchecked> {
        guard let targetNumber = row.target.number else {
            return .failure(Unchecked(text: "定性指标（年度指标值「\(row.target.text)」不是数值），按完成情况分档计分，无法按公式核对"))
        }
        guard row.actual.op == nil else {
            return .failure(Unchecked(text: "实际完成值「\(row.actual.text)」是范围，不是实测值，无法核对"))
        }
        guard let actualNumber = row.actual.number else {
            return .failure(Unchecked(text: "实际完成值「\(row.actual.text)」不是数值，无法核对"))
        }
        guard let factor = unitFactor(from: row.actual.unit, to: row.target.unit) else {
            return .failure(Unchecked(text: "实际完成值的单位「\(row.actual.unit)」与年度指标值的单位「\(row.target.unit)」不一致，无法核对"))
        }
        let target = Rational(targetNumber)
        let actual = Rational(actualNumber) * factor
        let score = IndicatorScoring.numeric(op: row.op, target: target, actual: actual, weight: row.weight)
        let shown = IndicatorScoring.rounded(score)
        let (t, a, w) = (target.rounded(toPlaces: 4), actual.rounded(toPlaces: 4), row.weight)
        let text: String
        switch row.op {
        case .atLeast:
            if actual >= target {
                text = "\(a)≥\(t)，满分\(w)"
            } else if target > .zero {
                text = "\(a)/\(t)×\(w)=\(shown)"
            } else {
                text = "\(a)<\(t)，得0"
            }
        case .atMost:
            if actual <= target {
                text = "\(a)≤\(t)，满分\(w)"
            } else if target > .zero {
                text = "\(t)/\(a)×\(w)=\(shown)"
            } else {
                text = "指标值为0而实际完成值为\(a)，得0"
            }
        case .equal:
            text = actual == target ? "\(a)=\(t)，满分\(w)" : "\(a)≠\(t)，得0"
        case .qualitative:
            text = ""
        }
        return .success(Working(score: score, text: text))
    }

    /// What one unit of `from` is in `to`: 1 when they are the same or `from` is empty,
    /// 1/10000 from 元 to 万元 (and 元/人 to 万元/人); nil when they cannot be compared.
    private static func unitFactor(from: String, to: String) -> Rational? {
        if from.isEmpty || from == to { return .one }
        let yuanUnits: [String: Rational] = ["元": .one, "万元": Rational(10_000), "元/人": .one, "万元/人": Rational(10_000)]
        guard let source = yuanUnits[from], let destination = yuanUnits[to], from.hasSuffix("/人") == to.hasSuffix("/人") else {
            return nil
        }
        return source / destination
    }
}
