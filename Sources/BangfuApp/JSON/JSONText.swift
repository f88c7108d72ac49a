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
        switch self {
        case .string(let value): JSONText.quote(value)
        case .number(let value): String(value)
        case .decimal(let value): value.description
        case .double(let value): value.description
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let pairs): "{" + pairs.map { JSONText.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    /// A quotient (a rate, a share, an indicator's actual value): its exact digits when it
    /// has them (`8668`, `0.8668`), else the nearest double in full (`0.3333333333333333`), so
    /// that a reader dividing the same counts finds the same number, not one cut to 4 or 6
    /// places.
    public static func ratio(_ value: Rational) -> JSONText {
        value.finiteDecimal.map(JSONText.decimal) ?? .double(Double(value.numerator) / Double(value.denominator))
    }

    public static func quote(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
