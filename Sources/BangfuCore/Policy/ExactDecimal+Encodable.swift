import Foundation

extension ExactDecimal: Encodable {
    /// Encoded as a Foundation `Decimal` of the same digits, so that any JSON encoder writes
    /// `16.65`, never a binary double's neighbour of it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Decimal(sign: units < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(units.magnitude)))
    }
}
