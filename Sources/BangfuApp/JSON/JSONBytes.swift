/// The leaves of JSON as UTF-8 bytes appended to a buffer: the one place that escapes a
/// string, for the encoder, `JSONText` and the API's error bodies. Escaping looks at bytes,
/// not Unicode scalars: only ASCII needs escaping, and a run of bytes that needs none is
/// copied at once (issue 22: escaping scalar by scalar into a `String` took ~99 % of a
/// million-archive listing).
public enum JSONBytes {
    /// Appends `text` as a JSON string: `"` and `\` escaped, `\n`, `\r` and `\t` by name,
    /// every other control character as `\u00xx` (lower-case hex); everything else as it is.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(quote)
        var text = text
        text.withUTF8 { appendEscaped($0, to: &bytes) }
        bytes.append(quote)
    }

    /// `text` as a JSON string.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the decimal digits of `value`, without making a `String`.
    public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = digits.count
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }

    static let quote = UInt8(ascii: "\"")

    /// `, `: between the members of an object and the elements of an array.
    static func appendSeparator(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: ","))
        bytes.append(UInt8(ascii: " "))
    }

    /// `"key": `.
    static func appendKey(_ key: String, to bytes: inout [UInt8]) {
        appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var start = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == quote || byte == UInt8(ascii: "\\") else { continue }
            if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index])) }
            start = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case quote, UInt8(ascii: "\\"): bytes.append(byte)
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
        }
        if start < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...])) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
}
