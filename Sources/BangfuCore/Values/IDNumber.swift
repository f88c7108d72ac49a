/// A 居民身份证号码 that passes GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check
/// character, with a real birth date in positions 7–14. Lower-case `x` is stored as `X`.
public struct IDNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 18 characters, check character upper-case.
    public let value: String

    /// The 18 characters read as one base-11 integer (X as 10): distinct for distinct ids,
    /// ordered as the texts are, and below 11¹⁸ < 2⁶³, so a cheap key. Kept beside the text
    /// because a batch looks people up by it millions of times.
    public let number: Int

    /// `number` of a stored 身份证号 read as bytes, without making a `String` of it: the
    /// duplicate check reads millions. Meant for numbers validated on the way in.
    @inlinable
    public static func number<Bytes: Sequence<UInt8>>(utf8 bytes: Bytes) -> Int {
        var number = 0
        for byte in bytes { number = number &* 11 &+ (byte == UInt8(ascii: "X") ? 10 : Int(byte &- UInt8(ascii: "0"))) }
        return number
    }

    /// The 18 characters whose `number` this is.
    public static func text(number: Int) -> String {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 18)
        var rest = number
        for position in digits.indices.reversed() {
            let digit = rest % 11
            digits[position] = digit == 10 ? UInt8(ascii: "X") : UInt8(ascii: "0") + UInt8(digit)
            rest /= 11
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Why a text is not a valid 身份证号.
    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        /// Not 18 characters long.
        case length(Int)
        /// A character other than a digit in the first 17, or other than a digit or X last.
        case characters
        /// Positions 7–14 are not a real date.
        case birthDate(String)
        /// The check character does not match; `expected` is what GB 11643 computes.
        case checkDigit(expected: Character)

        /// The reason in Chinese, for a person.
        public var chinese: String {
            switch self {
            case .length(let count): "身份证号应为18位，实为\(count)位"
            case .characters: "身份证号只能由数字组成，末位可为X"
            case .birthDate(let text): "身份证号中的出生日期\(text)不存在"
            case .checkDigit(let expected): "身份证号校验位错误（按GB 11643应为\(expected)）"
            }
        }

        /// The reason in English, for logs.
        public var english: String {
            switch self {
            case .length(let count): "id number must have 18 characters, has \(count)"
            case .characters: "id number must be digits, the last may be X"
            case .birthDate(let text): "birth date \(text) in the id number does not exist"
            case .checkDigit(let expected): "check digit is wrong (GB 11643 gives \(expected))"
            }
        }
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates `text`, throwing the `Problem` that makes it invalid. Allocates nothing but
    /// the stored text (and that only when `text` needs trimming or an upper-case X): a
    /// batch validates every 身份证号 it reads.
    public init(validating text: String) throws(Problem) {
        let result: Result<IDNumber, Problem> = UTF8Text.withBytes(text) { bytes in
            let range = UTF8Text.trimmedRange(bytes)
            guard range.count == 18 else {
                let characters = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).count
                return .failure(characters == 18 ? .characters : .length(characters))
            }
            let start = range.lowerBound
            func digit(_ offset: Int) -> Int { Int(bytes[start + offset]) - 48 }
            var sum = 0
            for offset in 0..<17 {
                guard (0...9).contains(digit(offset)) else { return .failure(.characters) }
                sum += digit(offset) * IDNumber.weights[offset]
            }
            let last = bytes[range.upperBound - 1]
            guard (last >= 48 && last <= 57) || last == 88 || last == 120 else { return .failure(.characters) }
            let year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
            guard year >= 1900, CalendarDate(year: year, month: digit(10) * 10 + digit(11), day: digit(12) * 10 + digit(13)) != nil else {
                return .failure(.birthDate(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 6)..<(start + 14)]), as: UTF8.self)))
            }
            let expected = IDNumber.checkCharacters[sum % 11]
            let given = last == 120 ? 88 : last
            guard given == expected.asciiValue else { return .failure(.checkDigit(expected: expected)) }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[range])
            let value = range.count == bytes.count && last == given
                ? text : String(decoding: trimmed.prefix(17) + [given], as: UTF8.self)
            return .success(IDNumber(checked: value))
        }
        switch result {
        case .success(let valid): self = valid
        case .failure(let problem): throw problem
        }
    }

    private init(checked value: String) {
        self.value = value
        self.number = Self.number(utf8: value.utf8)
    }

    /// A valid number or nil.
    public init?(_ text: String) {
        guard let valid = try? IDNumber(validating: text) else { return nil }
        self = valid
    }

    /// Builds a valid number from a 6-digit region code, a birth date and a 3-digit
    /// sequence (odd for men): used by the sample generator and tests.
    public init(region: Int, birth: CalendarDate, sequence: Int) {
        precondition((100_000...999_999).contains(region) && (0...999).contains(sequence) && birth.year >= 1900,
                     "region must have 6 digits, sequence 3, birth year from 1900")
        let body = zeroPadded(region, width: 6) + zeroPadded(birth.year, width: 4) + zeroPadded(birth.month, width: 2)
            + zeroPadded(birth.day, width: 2) + zeroPadded(sequence, width: 3)
        let digits = body.utf8.map { Int($0 - 48) }
        self.value = body + String(IDNumber.checkCharacter(forFirst17: digits))
        self.number = Self.number(utf8: value.utf8)
    }

    /// The ISO 7064 MOD 11-2 check character of the first 17 digits.
    static func checkCharacter(forFirst17 digits: [Int]) -> Character {
        var sum = 0
        for (digit, weight) in zip(digits, weights) { sum += digit * weight }
        return checkCharacters[sum % 11]
    }

    /// The birth date written in the number.
    public var birthDate: CalendarDate {
        // Without an array: every imported 身份证号 is checked against today.
        var year = 0, month = 0, day = 0
        for (offset, byte) in value.utf8.prefix(14).enumerated() {
            let digit = Int(byte) - 48
            switch offset {
            case 6..<10: year = year * 10 + digit
            case 10..<12: month = month * 10 + digit
            case 12..<14: day = day * 10 + digit
            default: break
            }
        }
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Sex from the 17th digit: odd for men, even for women.
    public var isMale: Bool { Int(Array(value.utf8)[16] - 48) % 2 == 1 }

    /// The number with all but the first 6 and the last 4 characters hidden, for 公示 lists.
    public var masked: String { String(value.prefix(6)) + "********" + String(value.suffix(4)) }

    public var description: String { value }

    // The number stands for the text: equal, ordered and hashed as the text, cheaper.
    public static func < (lhs: IDNumber, rhs: IDNumber) -> Bool { lhs.number < rhs.number }
    public static func == (lhs: IDNumber, rhs: IDNumber) -> Bool { lhs.number == rhs.number }
    public func hash(into hasher: inout Hasher) { hasher.combine(number) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try IDNumber(validating: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = "\(value)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

extension IDNumber {
    /// The holder's age on `day`, from the birth date the number carries (GB 11643).
    public func age(on day: CalendarDate) -> Int { day.years(since: birthDate) }

    /// 男 or 女, from the parity of the sequence's last digit (GB 11643: odd for men).
    public var sexName: String { isMale ? "男" : "女" }
}
