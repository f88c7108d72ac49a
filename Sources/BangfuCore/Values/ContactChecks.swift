/// Plausibility checks for contact data: warnings for a clerk, never reasons to refuse.
public enum ContactChecks {
    /// A mainland mobile (`1[3-9]` and 9 digits) or a landline (`0` area code, 7–8 digits).
    public static func isPlausiblePhone(_ text: String) -> Bool {
        let digits = text.filter { $0 != "-" && $0 != " " }
        guard digits.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
        let scalars = Array(digits.unicodeScalars)
        if scalars.count == 11, scalars[0] == "1", ("3"..."9").contains(scalars[1]) { return true }
        if scalars.first == "0", (10...12).contains(scalars.count) { return true }
        return (7...8).contains(scalars.count)
    }

    /// A bank card number: 16–19 digits passing the Luhn check.
    public static func isPlausibleBankCard(_ text: String) -> Bool {
        let digits = text.unicodeScalars.compactMap { ("0"..."9").contains($0) ? Int($0.value - 48) : nil }
        guard digits.count == text.unicodeScalars.count, (16...19).contains(digits.count) else { return false }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}
