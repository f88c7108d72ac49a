/// A cell of a table as a terminal shows it, worked out over its UTF-8 bytes (issue 22: a
/// table line built of `String`s — escaping, widths and padding a character at a time — took
/// twice as long as the JSON of the same rows). The rules are `String.escapedForDisplay`'s
/// (control, direction and invisible characters written as `\u{1B}`) and `displayWidth`'s.
enum TerminalBytes {
    /// How many columns `text` takes once escaped, and whether it is shown as it is.
    static func measure(_ text: String) -> (width: Int, isPlain: Bool) {
        var width = 0
        var isPlain = true
        forEachScalar(of: text) { scalar, _ in
            if scalar >= 0x20, scalar < 0x7F {
                width += 1
            } else if isEscaped(scalar) {
                width += escapeLength(scalar)
                isPlain = false
            } else {
                width += plainWidth(scalar)
            }
        }
        return (width, isPlain)
    }

    /// How many columns `text` takes once escaped.
    static func width(_ text: String) -> Int { measure(text).width }

    /// Appends `text`, escaped unless `isPlain` (`measure`) says it needs none.
    static func append(_ text: String, isPlain: Bool, to bytes: inout [UInt8]) {
        guard !isPlain else { return bytes.append(contentsOf: text.utf8) }
        forEachScalar(of: text) { scalar, encoded in
            if isEscaped(scalar) { appendEscape(scalar, to: &bytes) } else { bytes.append(contentsOf: encoded) }
        }
    }

    /// Appends the start of `text` (escaped) that fits `width - 1` columns, then `…`; returns
    /// the columns taken. An escape is cut like any text, one ASCII character at a time.
    static func appendCut(_ text: String, to width: Int, bytes: inout [UInt8]) -> Int {
        var used = 0
        var full = false
        forEachScalar(of: text) { scalar, encoded in
            guard !full else { return }
            if isEscaped(scalar) {
                var escape: [UInt8] = []
                appendEscape(scalar, to: &escape)
                for byte in escape {
                    guard used + 1 <= width - 1 else {
                        full = true
                        return
                    }
                    bytes.append(byte)
                    used += 1
                }
            } else {
                let next = plainWidth(scalar)
                guard used + next <= width - 1 else {
                    full = true
                    return
                }
                bytes.append(contentsOf: encoded)
                used += next
            }
        }
        bytes.append(contentsOf: ellipsis)
        return used + 1
    }

    /// Removes the spaces that end the line begun at `start`, as `String` would remove its
    /// last `Character`s while they are `" "`: a space right after a prepended mark (Arabic
    /// number signs) is one character with it, so it stays.
    static func trimTrailingSpaces(_ bytes: inout [UInt8], from start: Int) {
        var end = bytes.count
        while end > start, bytes[end - 1] == space { end -= 1 }
        guard end < bytes.count else { return }
        if end > start, bytes[end - 1] >= 0x80, joinsTheSpaceAfter(lastScalar(bytes, before: end, from: start)) { end += 1 }
        bytes.removeSubrange(end...)
    }

    /// Whether the text at `bytes[start...]` ends in a scalar that is one character with a
    /// space after it (`trimTrailingSpaces` keeps that space).
    static func endsJoiningASpace(_ bytes: [UInt8], from start: Int) -> Bool {
        guard bytes.count > start, let last = bytes.last, last >= 0x80 else { return false }
        return joinsTheSpaceAfter(lastScalar(bytes, before: bytes.count, from: start))
    }

    static let space = UInt8(ascii: " ")
    private static let ellipsis = Array("…".utf8)

    /// Escapes the text at `bytes[start...]` where it stands, as `append` escapes a cell: a
    /// cell written straight into the line (a batch's reasons, issue 22) is escaped after.
    /// Text with nothing to escape, nearly all, is only read, and only the bytes that may
    /// begin an escaped scalar are decoded.
    static func escapeInPlace(_ bytes: inout [UInt8], from start: Int) {
        guard let first = bytes.withUnsafeBufferPointer({ firstEscaped(in: UnsafeBufferPointer(rebasing: $0[start...])) }) else { return }
        let tail = Array(bytes[(start + first)...])
        bytes.removeSubrange((start + first)...)
        tail.withUnsafeBufferPointer { tail in
            forEachScalar(in: tail) { scalar, encoded in
                if isEscaped(scalar) { appendEscape(scalar, to: &bytes) } else { bytes.append(contentsOf: encoded) }
            }
        }
    }

    /// Where the first scalar `isEscaped` is in `utf8`, nil when none.
    static func firstEscaped(in utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < utf8.count {
            // A continuation byte is never the first of an escaped scalar: stepping through
            // one at a time is safe, and decodes nothing.
            guard leadsOfEscaped[Int(utf8[index])] else {
                index += 1
                continue
            }
            let (value, length) = scalar(at: index, in: utf8)
            if isEscaped(value) { return index }
            index += length
        }
        return nil
    }

    /// Per byte, whether some escaped scalar's UTF-8 begins with it.
    private static let leadsOfEscaped: [Bool] = {
        var leads = [Bool](repeating: false, count: 256)
        for value in UInt32(0)..<0x11_0000 where isEscaped(value) {
            let lead = value < 0x80 ? value : value < 0x800 ? 0xC0 | value >> 6 : value < 0x1_0000 ? 0xE0 | value >> 12 : 0xF0 | value >> 18
            leads[Int(lead)] = true
        }
        return leads
    }()

    /// Calls `body` with each scalar of `text` and its UTF-8 bytes.
    private static func forEachScalar(of text: String, _ body: (UInt32, UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { forEachScalar(in: $0, body) }
    }

    private static func forEachScalar(in utf8: UnsafeBufferPointer<UInt8>, _ body: (UInt32, UnsafeBufferPointer<UInt8>) -> Void) {
        var index = 0
        while index < utf8.count {
            let (value, length) = scalar(at: index, in: utf8)
            body(value, UnsafeBufferPointer(rebasing: utf8[index..<index + length]))
            index += length
        }
    }

    /// The scalar whose UTF-8 begins at `index` of valid `utf8`, and its length in bytes.
    private static func scalar(at index: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let lead = utf8[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead)
        if length > 1 {
            value &= UInt32(0x7F >> length)
            for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
        }
        return (value, length)
    }

    /// `Unicode.Scalar.isControl || isDirectionControl || isInvisible` (TextNormalisation).
    private static func isEscaped(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x200B...0x200D,
            0x2060...0x2064, 0xFEFF, 0xAD, 0x180E:
            true
        default: false
        }
    }

    /// `\u{` the upper-case hex digits `}`, as `Unicode.Scalar.escaped` writes it.
    private static func appendEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "{")])
        var shift = (hexDigits(value) - 1) * 4
        while shift >= 0 {
            let nibble = UInt8((value >> UInt32(shift)) & 0xF)
            bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
            shift -= 4
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private static func escapeLength(_ value: UInt32) -> Int { 4 + hexDigits(value) }

    private static func hexDigits(_ value: UInt32) -> Int {
        var digits = 1
        var rest = value >> 4
        while rest > 0 {
            digits += 1
            rest >>= 4
        }
        return digits
    }

    /// `displayWidth` of one scalar that is shown as it is.
    private static func plainWidth(_ value: UInt32) -> Int {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            2
        case 0x0300...0x036F, 0x200B...0x200F:
            0
        default:
            1
        }
    }

    /// The scalar whose bytes end at `end`.
    private static func lastScalar(_ bytes: [UInt8], before end: Int, from start: Int) -> Unicode.Scalar? {
        var first = end - 1
        while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
        return String(decoding: bytes[first..<end], as: UTF8.self).unicodeScalars.first
    }

    /// Whether `scalar` and a space after it are one `Character` (grapheme rule GB9b).
    private static func joinsTheSpaceAfter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, !(0x3000...0x9FFF).contains(scalar.value), !(0xFF00...0xFFEF).contains(scalar.value) else { return false }
        var pair = String.UnicodeScalarView()
        pair.append(scalar)
        pair.append(" ")
        return String(pair).count == 1
    }
}
