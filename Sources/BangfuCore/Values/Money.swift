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
    public init?(yuanText text: String) {
        guard let fen = UTF8Text.withBytes(text, Money.parseYuan) else { return nil }
        self.fen = fen
    }

    private static let yuanSigns: [[UInt8]] = [Array("￥".utf8), Array("¥".utf8)]
    private static let yuanSuffix: [UInt8] = Array("元".utf8)

    private static func parseYuan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var range = UTF8Text.trimmedRange(bytes)
        for sign in yuanSigns where range.count >= sign.count && bytes[range.prefix(sign.count)].elementsEqual(sign) {
            range = (range.lowerBound + sign.count)..<range.upperBound
        }
        if range.count >= yuanSuffix.count, bytes[range.suffix(yuanSuffix.count)].elementsEqual(yuanSuffix) {
            range = range.lowerBound..<(range.upperBound - yuanSuffix.count)
        }
        range = UTF8Text.trimmedRange(UnsafeBufferPointer(rebasing: bytes[range])).shifted(by: range.lowerBound)
        guard !range.isEmpty else { return nil }
        let point = bytes[range].firstIndex(of: UInt8(ascii: "."))
        let integerEnd = point ?? range.upperBound
        // The integer part: digits, optionally grouped by three with commas.
        var whole = 0
        var digitCount = 0
        var groupLength = 0
        var sawComma = false
        for index in range.lowerBound..<integerEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") {
                guard groupLength > 0, sawComma ? groupLength == 3 : groupLength <= 3 else { return nil }
                sawComma = true
                groupLength = 0
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            whole = whole * 10 + Int(byte - 48)
            digitCount += 1
            groupLength += 1
        }
        guard digitCount > 0, digitCount <= 13, !sawComma || groupLength == 3 else { return nil }
        var fraction = 0
        if let point {
            let fractionRange = (point + 1)..<range.upperBound
            guard (1...2).contains(fractionRange.count), let value = UTF8Text.decimal(bytes, fractionRange) else { return nil }
            fraction = fractionRange.count == 1 ? value * 10 : value
        }
        return whole * 100 + fraction
    }

    /// Yuan as a reason writes it: `1200`, `1234.5`, `12.05` (no trailing zeros).
    public var plainYuan: String {
        let magnitude = fen.magnitude
        let cents = Int(magnitude % 100)
        var text = fen < 0 ? "-" : ""
        text += String(magnitude / 100)
        if cents % 10 != 0 {
            text += cents < 10 ? ".0" : "."
            text += String(cents)
        } else if cents != 0 {
            text += "." + String(cents / 10)
        }
        return text
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

extension Range where Bound == Int {
    /// The range moved `offset` positions to the right.
    func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
