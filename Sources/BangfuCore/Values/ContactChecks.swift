/// Plausibility checks for contact data: warnings for a clerk, never reasons to refuse.
public enum ContactChecks {
    /// A mainland mobile (`1[3-9]` and 9 digits) or a landline (`0` area code, 7–8 digits).
    public static func isPlausiblePhone(_ text: String) -> Bool {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for byte in text.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
            guard byte >= 48, byte <= 57 else { return false }
            digits.append(byte)
        }
        if digits.count == 11, digits[0] == UInt8(ascii: "1"), digits[1] >= UInt8(ascii: "3") { return true }
        if digits.first == UInt8(ascii: "0"), (10...12).contains(digits.count) { return true }
        return (7...8).contains(digits.count)
    }

    /// A bank card number: 16–19 digits passing the Luhn check.
    public static func isPlausibleBankCard(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (16...19).contains(bytes.count) else { return false }
        var sum = 0
        for (offset, byte) in bytes.reversed().enumerated() {
            guard byte >= 48, byte <= 57 else { return false }
            let digit = Int(byte - 48)
            if offset % 2 == 1 {
                sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}
