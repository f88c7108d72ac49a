/// Plausibility checks for contact data: warnings for a clerk, never reasons to refuse.
public enum ContactChecks {
    /// A mainland mobile (`1[3-9]` and 9 digits) or a landline (`0` area code, 7–8 digits).
    public static func isPlausiblePhone(_ text: String) -> Bool {
        // Only the digit count and the first two digits matter, so nothing is collected:
        // this runs on every row of an import.
        var count = 0
        var first: UInt8 = 0
        var second: UInt8 = 0
        for byte in text.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
            guard byte >= 48, byte <= 57 else { return false }
            if count == 0 { first = byte } else if count == 1 { second = byte }
            count += 1
        }
        if count == 11, first == UInt8(ascii: "1"), second >= UInt8(ascii: "3") { return true }
        if first == UInt8(ascii: "0"), (10...12).contains(count) { return true }
        return (7...8).contains(count)
    }

    /// A bank account as it is stored and matched: the spaces a bank prints it with (groups
    /// of four) dropped, on import and when a return file names it alike.
    public static func bankAccount(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: " ")) ? String(text.unicodeScalars.filter { $0 != " " }) : text
    }

    /// A bank card number: 16–19 digits passing the Luhn check.
    public static func isPlausibleBankCard(_ text: String) -> Bool {
        UTF8Text.withBytes(text) { bytes in
            guard (16...19).contains(bytes.count) else { return false }
            var sum = 0
            var doubles = false
            for byte in bytes.reversed() {
                guard byte >= 48, byte <= 57 else { return false }
                let digit = Int(byte - 48)
                sum += doubles ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit
                doubles.toggle()
            }
            return sum % 10 == 0
        }
    }
}
