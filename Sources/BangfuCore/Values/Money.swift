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
            // 13 digits of yuan at the most, checked before the digit is added: a longer
            // number would overflow the `Int` before the count below refused it.
            guard byte >= 48, byte <= 57, digitCount < 13 else { return nil }
            whole = whole * 10 + Int(byte - 48)
            digitCount += 1
            groupLength += 1
        }
        guard digitCount > 0, !sawComma || groupLength == 3 else { return nil }
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
        var bytes: [UInt8] = []
        appendPlainYuan(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `plainYuan` as UTF-8 at the end of `bytes` (a reason rendered into a listing's output).
    public func appendPlainYuan(to bytes: inout [UInt8]) {
        let magnitude = fen.magnitude
        let cents = Int(magnitude % 100)
        if fen < 0 { bytes.append(UInt8(ascii: "-")) }
        NumberText.appendDecimal(Int(magnitude / 100), to: &bytes)
        guard cents != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        if cents % 10 == 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
        } else {
            bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(cents % 10))
        }
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
        // Built as bytes: a table of a million entries prints one per row (issue 22).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        if fen < 0 { bytes.append(UInt8(ascii: "-")) }
        NumberText.appendGrouped(fen.magnitude / 100, to: &bytes)
        let cents = UInt8(fen.magnitude % 100)
        bytes.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0") + cents / 10, UInt8(ascii: "0") + cents % 10])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The whole yuan in this amount, rounded toward zero.
    public var wholeYuan: Int { fen / 100 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(fen: lhs.fen * rhs) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.fen += rhs.fen }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.fen -= rhs.fen }

    // The operators above trap on overflow; they are for amounts already bounded (a policy's
    // standards, `Plausible`). Sums and products over records use the checked forms below:
    // a database may hold amounts no file can bring in (an older version, a hand edit).

    /// `self + other`, or `AmountOverflow` when the sum leaves an `Int` of fen.
    public func adding(_ other: Money) throws(AmountOverflow) -> Money {
        let (fen, overflow) = fen.addingReportingOverflow(other.fen)
        guard !overflow else { throw AmountOverflow() }
        return Money(fen: fen)
    }

    /// `self - other`, or `AmountOverflow` when the difference leaves an `Int` of fen.
    public func subtracting(_ other: Money) throws(AmountOverflow) -> Money {
        let (fen, overflow) = fen.subtractingReportingOverflow(other.fen)
        guard !overflow else { throw AmountOverflow() }
        return Money(fen: fen)
    }

    /// `self × factor`, or `AmountOverflow` when the product leaves an `Int` of fen.
    public func multiplied(by factor: Int) throws(AmountOverflow) -> Money {
        let (fen, overflow) = fen.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw AmountOverflow() }
        return Money(fen: fen)
    }

    /// Adds `other` in place, or throws and leaves `self` as it was.
    public mutating func add(_ other: Money) throws(AmountOverflow) { self = try adding(other) }
}

/// A sum or product of amounts that leaves the range of an `Int` of fen (about 92 thousand
/// trillion yuan). No file Bangfu reads can bring such amounts in (`Plausible.amount`); a
/// database written by an older version, or edited by hand, can.
public struct AmountOverflow: Error, Equatable, Sendable, UserFacingError {
    /// The record whose amounts did not add up, as a person finds it (`档案QD2024-000001`,
    /// `身份证号370203197009274709`); empty where the caller knows none.
    public var record: String

    /// An overflow at `record`.
    public init(record: String = "") { self.record = record }

    /// The same overflow, placed at `record`.
    public func at(_ record: String) -> AmountOverflow { AmountOverflow(record: record) }

    /// What a person reads: what is wrong, where, and what to do.
    public var chinese: String {
        let place = record.isEmpty ? "" : "（\(record)）"
        return "金额合计超出可计算的范围\(place)：数据库中有异常大的金额（单笔金额不应超过\(Plausible.amountText)元），请核对并改正该记录"
    }

    /// The same in English.
    public var english: String {
        let place = record.isEmpty ? "" : " at \(record)"
        return "amounts add up beyond the computable range\(place): the database holds an implausibly large amount"
    }
}

extension Range where Bound == Int {
    /// The range moved `offset` positions to the right.
    func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
