import BangfuCore

/// A quotient in JSON (a rate, a share, an indicator's actual value): its exact digits when it
/// has them (`0.8668`), else the nearest double in full (`0.3333333333333333`), so that a
/// reader dividing the same counts finds the same number, not one cut to 4 or 6 places.
public struct JSONRatio: Encodable, Hashable, Sendable {
    /// The exact quotient.
    public var value: Rational

    /// The quotient `value`, to be written as JSON.
    public init(_ value: Rational) { self.value = value }

    /// The nearest double, for a quotient without finite decimal digits.
    var double: Double { Double(value.numerator) / Double(value.denominator) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let decimal = value.finiteDecimal { try container.encode(decimal) } else { try container.encode(double) }
    }
}
