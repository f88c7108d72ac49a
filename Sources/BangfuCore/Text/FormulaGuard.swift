/// CSV cells that a spreadsheet would run as a formula, and the form in which Bangfu
/// writes them (OWASP, "CSV Injection"): a text beginning with `=`, `+`, `-`, `@`, a tab
/// or a CR gets a `'` in front, which Excel and LibreOffice read as "this is text".
///
/// Writing and reading are exact inverses, so a list edited in Excel imports back as it
/// was: a text that already begins with `'`s before such a character gets one more `'`,
/// and reading takes exactly one away.
public enum FormulaGuard {
    /// Whether a cell whose first character (after any `'`) is `byte` opens a formula.
    static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// `text` as a CSV cell that a spreadsheet shows as text. A plain number such as
    /// `-5.00` or `+86138…` stays as it is: a spreadsheet reads it as a number, not a
    /// formula, and a numeric column must stay numeric.
    public static func guarded(_ text: String) -> String {
        UTF8Text.withBytes(text, needsGuard) ? "'" + text : text
    }

    /// Whether the cell `bytes` needs a `'` in front (`guarded`).
    public static func needsGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        startsWithTrigger(bytes, from: 0) && !isPlainNumber(bytes)
    }

    /// The bytes of a CSV cell as they were before `guarded`: the range without its
    /// leading `'` when that `'` guards a formula character.
    public static func unguardedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard !bytes.isEmpty, bytes[0] == UInt8(ascii: "'"), startsWithTrigger(bytes, from: 1) else { return 0..<bytes.count }
        return 1..<bytes.count
    }

    /// Whether `bytes[start...]` is any number of `'` and then a trigger.
    private static func startsWithTrigger(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: "'") { index += 1 }
        return index < bytes.count && isTrigger(bytes[index])
    }

    /// `[+-]digits[.digits]`: what a spreadsheet takes for a number.
    private static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = { (from: Int) -> Int in
            var end = from
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            return end
        }
        let integerEnd = digits(index)
        guard integerEnd > index else { return false }
        if integerEnd == bytes.count { return true }
        guard bytes[integerEnd] == UInt8(ascii: ".") else { return false }
        let fractionEnd = digits(integerEnd + 1)
        return fractionEnd > integerEnd + 1 && fractionEnd == bytes.count
    }
}
