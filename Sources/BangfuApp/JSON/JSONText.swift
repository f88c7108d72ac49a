import BangfuCore

/// A JSON value with its keys in the order given, and its text (`", "` and `": "` between
/// members): what `JSONTextEncoder` makes of the spec's shapes, written one element at a time
/// so that a million archives print without building one large document.
public indirect enum JSONText: Sendable {
    case string(String)
    case number(Int)
    /// An exact decimal written as its digits (`16.65`), never through a binary double.
    case decimal(ExactDecimal)
    /// A binary double written in full, as the shortest text that reads back as it.
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    public var text: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the value's text to `bytes`.
    public func append(to bytes: inout [UInt8]) {
        switch self {
        case .string(let value): JSONBytes.appendQuoted(value, to: &bytes)
        case .number(let value): JSONBytes.appendInteger(value, to: &bytes)
        case .decimal(let value): bytes.append(contentsOf: value.description.utf8)
        case .double(let value): bytes.append(contentsOf: value.description.utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { JSONBytes.appendSeparator(to: &bytes) }
                item.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let pairs):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { JSONBytes.appendSeparator(to: &bytes) }
                JSONBytes.appendKey(key, to: &bytes)
                value.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A quotient (a rate, a share, an indicator's actual value): its exact digits when it
    /// has them (`8668`, `0.8668`), else the nearest double in full (`0.3333333333333333`), so
    /// that a reader dividing the same counts finds the same number, not one cut to 4 or 6
    /// places.
    public static func ratio(_ value: Rational) -> JSONText {
        value.finiteDecimal.map(JSONText.decimal) ?? .double(Double(value.numerator) / Double(value.denominator))
    }

    /// `value` as a JSON string.
    public static func quote(_ value: String) -> String { JSONBytes.quoted(value) }
}
