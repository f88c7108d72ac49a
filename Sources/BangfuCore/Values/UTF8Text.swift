/// Byte-level helpers for the parsers of money, dates and id numbers: the import of a
/// million rows reads every cell through them, and working on UTF-8 bytes avoids the
/// grapheme and normalisation work that `Character`-level string processing does.
public enum UTF8Text {
    /// Calls `body` with the UTF-8 bytes of `text`, without copying when the storage is native.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    /// The length of white space at `bytes[index...]`: ASCII space, tab, CR, LF,
    /// no-break space (C2 A0) or ideographic space (E3 80 80); 0 when none.
    static func whitespaceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: return 1
        case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0: return 2
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return 3
        default: return 0
        }
    }

    /// The length of white space ending just before `end`, as `whitespaceLength`.
    static func whitespaceLength(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let last = bytes[end - 1]
        if last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { return 1 }
        if last == 0xA0, end >= 2, bytes[end - 2] == 0xC2 { return 2 }
        if last == 0x80, end >= 3, bytes[end - 2] == 0x80, bytes[end - 3] == 0xE3 { return 3 }
        return 0
    }

    /// The byte range of `bytes` without leading and trailing white space.
    public static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end {
            let length = whitespaceLength(at: start, in: bytes)
            if length == 0 { break }
            start += length
        }
        while end > start {
            let length = whitespaceLength(endingAt: end, in: bytes)
            if length == 0 { break }
            end -= length
        }
        return start..<end
    }

    /// The decimal value of `bytes[range]`, or nil when it is empty, has a non-digit or
    /// more than 18 digits.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}

extension String {
    /// The text without leading and trailing white space (full-width spaces too).
    /// Returns the string itself, uncopied, when there is nothing to trim.
    public var trimmed: String {
        UTF8Text.withBytes(self) { bytes in
            let range = UTF8Text.trimmedRange(bytes)
            if range.count == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }
}
