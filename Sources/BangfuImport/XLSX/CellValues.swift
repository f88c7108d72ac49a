import BangfuCore
import Foundation

/// How a cell's stored value becomes the text a CSV of the same sheet would hold, so that
/// both kinds of file go through one column check.
enum CellValues {
    /// A number as Excel shows it in General format: a whole number without `.0`, a
    /// fraction to 15 significant digits (`0.30000000000000004` → `0.3`). Past 15 digits
    /// Excel has already lost the last ones: the cell is refused, not read as a wrong id.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, problem: CellProblem?) {
        // Most numbers in our files are short decimals as written (sizes, amounts in yuan):
        // taken as they are, without a trip through Double and a format string.
        if let plain = plainDecimal(bytes) { return (plain, nil) }
        let raw = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(raw), value.isFinite else { return (raw, nil) }
        if abs(value) >= 1e15 { return (String(format: "%.15G", value), .lostDigits(String(format: "%.15G", value))) }
        if value == value.rounded() { return (String(Int64(value)), nil) }
        return (String(format: "%.15g", value), nil)
    }

    /// `-?digits[.digits]` with at most 15 digits and no leading zero, as its text with
    /// trailing zeros of the fraction dropped (`6000.50` → `6000.5`, `12000.0` → `12000`);
    /// nil for anything else, which goes the long way.
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var digits = 0
        var dot: Int?
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x30, byte <= 0x39 {
                digits += 1
            } else if byte == UInt8(ascii: "."), dot == nil, index > 0 {
                dot = index
            } else if byte != UInt8(ascii: "-") || index != 0 {
                return nil
            }
        }
        let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
        guard digits > 0, digits <= 15, bytes.count > start, (0x31...0x39).contains(bytes[start]) || (bytes[start] == 0x30 && (bytes.count == start + 1 || dot == start + 1))
        else {
            return nil
        }
        var end = bytes.count
        if let dot {
            while end > dot + 1, bytes[end - 1] == 0x30 { end -= 1 }
            if end == dot + 1 { end = dot }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
    }

    /// A date serial as `YYYY-MM-DD`, in the workbook's date system; nil when it is no
    /// day Excel shows (before day 1, after 9999-12-31). Excel's 1900 system counts the
    /// 29 February 1900 that never was (day 60, kept for Lotus 1-2-3): it comes out as
    /// `1900-02-29`, which the date check refuses.
    static func date(serial bytes: UnsafeBufferPointer<UInt8>, date1904: Bool) -> String? {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite, value >= 1, value < 2_958_466 else {
            return nil
        }
        var day = Int(value.rounded(.down))
        if date1904 { day += 1462 }
        if day == 60 { return "1900-02-29" }
        // Days since 1970-01-01: serial 25569 is that day; before day 60 the phantom day is not counted.
        return CalendarDate(daysSince1970: day - (day < 60 ? 25568 : 25569))?.description
    }

    /// Text with Excel's escapes of characters XML cannot hold undone: `_x000D_` is a CR,
    /// `_x005F_` a literal `_` before such a sequence.
    static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
                bytes[index + 6] == UInt8(ascii: "_"), let scalar = hexScalar(bytes[(index + 2)..<(index + 6)])
            {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    private static func hexScalar(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for digit in digits {
            guard let nibble = Character(UnicodeScalar(digit)).hexDigitValue else { return nil }
            value = value * 16 + UInt32(nibble)
        }
        return Unicode.Scalar(value)
    }

    /// The zero-based column of a cell reference (`C5` → 2, `AA1` → 26); nil when it
    /// starts with no letter or names a column past Excel's last (XFD).
    static func column(ofReference bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for byte in bytes {
            let upper = byte & 0xDF
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        guard letters > 0, column <= 16_384 else { return nil }
        return column - 1
    }

    /// A whole decimal number, or nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
