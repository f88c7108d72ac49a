/// Numbers of the self-evaluation form as people read and write them: `≥120人`, `260万元`,
/// `≤3万元/人`, `99.65%`.
public enum IndicatorText {
    /// `value` rounded half up to two decimals, trailing zeros dropped, then the unit:
    /// `118人`, `260万元`, `99.65%`, `0`; a small value gets the places that keep two
    /// significant digits (a share of 0.0043 must not read as 0).
    public static func number(_ value: Rational, unit: String) -> String {
        var places = 2
        var step = Rational(1, 10)
        while places < 9, !value.isZero, value.magnitude < step {
            places += 1
            step = step / Rational(10)
        }
        return value.rounded(toPlaces: places).description + unit
    }

    /// An amount in 万元 as the form and the report both write it: to the yuan (four places,
    /// trailing zeros dropped), so that 832,705 元 reads 83.2705 in both and never 83.27 in one.
    public static func tenThousandYuan(_ money: Money) -> ExactDecimal {
        (Rational(yuan: money) / Rational(10_000)).rounded(toPlaces: 4)
    }

    /// A rate (1 is 100 %) as a percentage with up to two decimals: `100%`, `83.27%`.
    public static func percent(_ rate: Rational) -> String {
        number(rate * Rational(100), unit: "%")
    }

    /// The most decimals a number on the form may have; with at most 12 integer digits
    /// (below `limit`) that is enough for any amount or count of a project, and small
    /// enough that the exact fractions of the scores never overflow.
    public static let maxDecimals = 4
    /// Every number on the form is below 10¹².
    public static let limit = Rational(1_000_000_000_000)

    /// Whether `value` is below 10¹² with at most 4 decimals.
    public static func isWithinBounds(_ value: ExactDecimal) -> Bool {
        let normalized = value.normalized
        return normalized.scale <= maxDecimals && Rational(normalized).magnitude < limit
    }
}

extension IndicatorRow {
    /// 年度指标值 as the form prints it: `≥120人`, `≤260万元`; an `=` row without its sign,
    /// as the seeds print it (`100%`, 002:4844); a qualitative row its text, else `—`.
    public var targetText: String {
        if let writtenTarget { return writtenTarget }
        return switch target {
        case .number(let value):
            (op == .atLeast || op == .atMost ? op.symbol : "") + IndicatorText.number(Rational(value), unit: unit)
        case .text(let text): text
        case nil: "—"
        }
    }
}

extension IndicatorRow {
    /// The expected result of a qualitative row (its text target), for reading its tier.
    public var expectedText: String? {
        if case .text(let text) = target { return text }
        return writtenTarget
    }
}

/// A cell of a filled form as written: `≥1500`, `≤3万元/人`, `140.4万元`, `100%`, `是`,
/// `12月中旬前已发放完成`. Read by `bangfu indicators check`.
public struct WrittenValue: Hashable, Sendable {
    /// The text as written, trimmed.
    public var text: String
    /// The comparison sign written before the number (≥ ≧ >=, ≤ ≦ <=, = ＝); nil when none.
    public var op: IndicatorOp?
    /// The number, when the cell is a number with at most a unit after it.
    public var number: ExactDecimal?
    /// What follows the number: `人`, `万元/人`, `%`; empty when nothing does.
    public var unit: String

    /// Reads a cell. A number must come first (after an optional sign), with thousands
    /// commas allowed, at most 12 integer digits and 4 decimals; what follows is its unit,
    /// unless it holds a digit or a date word (年 月 日 前 后), which makes the whole cell
    /// text: `2023年底前` is a date phrase, not 2023 of a unit.
    public init(_ written: String) {
        text = written.trimmed
        op = nil
        number = nil
        unit = ""
        var rest = Substring(text)
        for (sign, signOp) in Self.signs where rest.hasPrefix(sign) {
            op = signOp
            rest = rest.dropFirst(sign.count)
            break
        }
        rest = rest.drop { $0 == " " }
        let numberText = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        let unitText = String(rest.dropFirst(numberText.count)).trimmed
        guard !numberText.isEmpty, numberText.first?.isNumber == true,
            Self.hasWellPlacedCommas(numberText),
            let value = ExactDecimal(numberText.replacingOccurrences(of: ",", with: "")),
            IndicatorText.isWithinBounds(value),
            !unitText.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) || Self.dateWords.contains($0) })
        else { return }
        number = value.normalized
        unit = unitText
    }

    /// The written signs, longest first so that `>=` is not read as `>`.
    private static let signs: [(String, IndicatorOp)] = [
        (">=", .atLeast), ("＞＝", .atLeast), ("≥", .atLeast), ("≧", .atLeast),
        ("<=", .atMost), ("＜＝", .atMost), ("≤", .atMost), ("≦", .atMost),
        ("=", .equal), ("＝", .equal),
    ]

    private static let dateWords: Set<Character> = ["年", "月", "日", "前", "后"]

    /// Commas only between groups of three digits: `1,249` and `1249`, not `12,49`.
    private static func hasWellPlacedCommas(_ number: Substring) -> Bool {
        guard number.contains(",") else { return true }
        let integer = number.prefix { $0 != "." }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 } && !number.drop(while: { $0 != "." }).contains(",")
    }
}
