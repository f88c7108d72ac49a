/// An amount of money in fen (分), the only unit Bangfu computes in.
///
/// Files and screens use yuan; `Money(yuanText:)` reads them and `yuanText` / `formatted`
/// write them. Never a floating-point value: every amount is exact to the fen.
public struct Money: Hashable, Comparable, Sendable, Codable {
    /// The amount in fen; 100 fen make one yuan.
    public var fen: Int

    /// An amount of `fen` fen.
    public init(fen: Int) { self.fen = fen }

    /// An amount of whole yuan.
    public static func yuan(_ yuan: Int) -> Money { Money(fen: yuan * 100) }

    /// Nothing.
    public static let zero = Money(fen: 0)

    /// Reads a yuan amount as people type it: `6000`, `6000.5`, `6,000.00`, `￥6000元`.
    ///
    /// Thousands separators must group by three; at most two decimals (a fen is the
    /// smallest unit paid). Negative amounts are refused: no file in spec §3 has them.
    public init?(yuanText raw: some StringProtocol) {
        var text = Substring(raw).trimmingWhitespace()
        for prefix in ["￥", "¥"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasSuffix("元") { text = text.dropLast() }
        text = text.trimmingWhitespace()
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2 else { return nil }
        let integerPart = parts[0]
        let fractionPart = parts.count == 2 ? parts[1] : ""
        guard let whole = Money.parseGroupedDigits(integerPart),
            fractionPart.count <= 2, fractionPart.allSatisfy(\.isASCIIDigit),
            parts.count == 1 || !fractionPart.isEmpty
        else { return nil }
        let fraction = (Int(fractionPart) ?? 0) * (fractionPart.count == 1 ? 10 : 1)
        guard whole < 10_000_000_000_000 else { return nil }
        self.fen = whole * 100 + fraction
    }

    private static func parseGroupedDigits(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        guard groups.reduce(0, { $0 + $1.count }) <= 15 else { return nil }
        return Int(groups.joined())
    }

    /// Plain yuan with two decimals, as files carry it: `6000.00`, `-12.50`.
    public var yuanText: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Yuan with thousands separators and two decimals, as people read it: `6,000.00`.
    public var formatted: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        var digits = String(magnitude / 100)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let cents = magnitude % 100
        return "\(sign)\(digits)\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The whole yuan in this amount, rounded toward zero.
    public var wholeYuan: Int { fen / 100 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(fen: lhs.fen * rhs) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.fen += rhs.fen }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.fen -= rhs.fen }
}

extension Character {
    /// `0`–`9` only: full-width and other Unicode digits are not accepted in numbers.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line breaks (full-width spaces too).
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    public var trimmed: String { String(Substring(self).trimmingWhitespace()) }
}
