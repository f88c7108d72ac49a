/// An exact decimal number from a policy file (a multiple such as 2.1, a ratio such as
/// 0.5): `units × 10^-scale`. Never a floating-point value, so a multiple times an amount is
/// exact to the last digit, with no binary rounding.
public struct ExactDecimal: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digits without the decimal point: 21 for 2.1.
    public let units: Int
    /// How many of those digits are decimals: 1 for 2.1.
    public let scale: Int

    public init(units: Int, scale: Int) {
        precondition(scale >= 0 && scale <= 9, "scale must be 0...9")
        self.units = units
        self.scale = scale
    }

    /// Reads `2.1`, `0.5`, `12`; nil for anything else (no exponent, no sign but `-`).
    public init?(_ text: String) {
        let trimmed = text.trimmed
        let negative = trimmed.hasPrefix("-")
        let body = negative ? String(trimmed.dropFirst()) : trimmed
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            parts.count == 1 || (!parts[1].isEmpty && parts[1].count <= 9 && parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })),
            parts[0].count + (parts.count == 2 ? parts[1].count : 0) <= 17,
            let value = Int(parts.joined())
        else { return nil }
        self.init(units: negative ? -value : value, scale: parts.count == 2 ? parts[1].count : 0)
    }

    /// The whole number `value`.
    public init(_ value: Int) { self.init(units: value, scale: 0) }

    private var denominator: Int {
        var result = 1
        for _ in 0..<scale { result *= 10 }
        return result
    }

    /// `self × money`, in fen, rounded down to the fen (toward zero for positive amounts);
    /// `AmountOverflow` when the product leaves an `Int`.
    public func times(_ money: Money) throws(AmountOverflow) -> Money {
        let (numerator, denominator) = try exactlyTimes(money)
        return Money(fen: numerator / denominator)
    }

    /// `self × money` exactly, as a fraction of fen: (numerator, denominator);
    /// `AmountOverflow` when the numerator leaves an `Int`.
    public func exactlyTimes(_ money: Money) throws(AmountOverflow) -> (numerator: Int, denominator: Int) {
        let (numerator, overflow) = units.multipliedReportingOverflow(by: money.fen)
        guard !overflow else { throw AmountOverflow() }
        return (numerator, denominator)
    }

    public var isNegative: Bool { units < 0 }

    /// `2.1`, `0.5`, `12`: as written in a policy file.
    public var description: String {
        guard scale > 0 else { return String(units) }
        let magnitude = units.magnitude
        let whole = magnitude / UInt(denominator)
        var fraction = String(magnitude % UInt(denominator))
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (units < 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        lhs.units * rhs.denominator < rhs.units * lhs.denominator
    }
}
