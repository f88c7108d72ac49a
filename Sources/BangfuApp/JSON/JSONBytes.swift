import BangfuCore

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
    public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) { NumberText.appendDecimal(value, to: &bytes) }

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

    /// Escapes the text at `bytes[start...]` where it stands, as `appendQuoted` escapes: a
    /// writer that rendered a text into its output (a reason line) escapes it after. Text
    /// that needs nothing, nearly all, is only read.
    static func escapeInPlace(_ bytes: inout [UInt8], from start: Int) {
        guard let found = bytes.withUnsafeBufferPointer({ firstToEscape(UnsafeBufferPointer(rebasing: $0[start...])) }) else { return }
        let tail = Array(bytes[(start + found)...])
        bytes.removeSubrange((start + found)...)
        tail.withUnsafeBufferPointer { appendEscaped($0, to: &bytes) }
    }

    private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var start = 0
        while let found = firstToEscape(UnsafeBufferPointer(rebasing: text[start...])) {
            let index = start + found
            if found > 0 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index])) }
            start = index + 1
            let byte = text[index]
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

    /// Where the first byte to escape is in `text` (a control character, `"` or `\`), nil
    /// when none: eight bytes at a time, since nearly every text has none.
    static func firstToEscape(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        if let base = text.baseAddress {
            let words = UnsafeRawPointer(base)
            while index + 8 <= text.count, !mayNeedEscape(words.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { index += 8 }
        }
        while index < text.count {
            let byte = text[index]
            if byte < 0x20 || byte == quote || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return nil
    }

    /// Whether one of the eight bytes of `word` is below 0x20, `"` or `\`: the classic test
    /// for a byte below n (`(x - n·0x01…) & ~x & 0x80…`, exact for n ≤ 0x80), and for a byte
    /// equal to c as a zero byte of `x ^ c·0x01…`.
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ word: UInt64, _ limit: UInt64) -> UInt64 { (word &- ones &* limit) & ~word & highs }
        return below(word, 0x20) | below(word ^ (ones &* 0x22), 1) | below(word ^ (ones &* 0x5C), 1) != 0
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
}
