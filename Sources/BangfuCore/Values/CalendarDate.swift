/// A day in the Gregorian calendar, without time or time zone: the date of a batch,
/// a payment, an archive. Rules take dates as values; nothing reads a clock.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date, or nil when the day does not exist (2023-02-29, 2024-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `2024-07-01`, `2024/7/1` (as Excel writes) or `2024年7月1日`.
    public init?(_ text: String) {
        guard let (year, month, day) = UTF8Text.withBytes(text, CalendarDate.parseParts) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    private static let yearMark = Array("年".utf8), monthMark = Array("月".utf8), dayMark = Array("日".utf8)

    private static func parseParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        let range = UTF8Text.trimmedRange(bytes)
        var index = range.lowerBound
        func number(maxDigits: Int) -> Int? {
            let start = index
            while index < range.upperBound, index - start < maxDigits, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return UTF8Text.decimal(bytes, start..<index)
        }
        func skip(_ mark: [UInt8]) -> Bool {
            guard range.upperBound - index >= mark.count, bytes[index..<(index + mark.count)].elementsEqual(mark) else { return false }
            index += mark.count
            return true
        }
        let yearStart = index
        guard let year = number(maxDigits: 4), index - yearStart == 4 else { return nil }
        let chinese = skip(yearMark)
        var separator: UInt8 = 0
        if !chinese {
            guard index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "/") else { return nil }
            separator = bytes[index]
            index += 1
        }
        guard let month = number(maxDigits: 2) else { return nil }
        if chinese {
            guard skip(monthMark) else { return nil }
        } else {
            guard index < range.upperBound, bytes[index] == separator else { return nil }
            index += 1
        }
        guard let day = number(maxDigits: 2) else { return nil }
        if chinese { guard skip(dayMark) else { return nil } }
        return index == range.upperBound ? (year, month, day) : nil
    }

    /// `YYYY-MM-DD`, the form stored and printed.
    public var description: String {
        zeroPadded(year, width: 4) + "-" + zeroPadded(month, width: 2) + "-" + zeroPadded(day, width: 2)
    }

    /// `2024年7月1日`, as Chinese forms write a date.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// Whether the year has 29 February.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// How many days the month has in that year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The first day of the date's year: calendar-year limits count from here.
    public var startOfYear: CalendarDate { CalendarDate(year: year, month: 1, day: 1)! }

    /// The date `days` days after 1970-01-01 (before it when negative), by H. Hinnant's
    /// `civil_from_days`: arithmetic, not a walk over months (an xlsx date is a day count).
    /// Nil outside the years 1–9999.
    public init?(daysSince1970 days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `days` days later (earlier when negative), across months and leap years.
    public func adding(days: Int) -> CalendarDate {
        var (year, month, day) = (self.year, self.month, self.day + days)
        while day > Self.daysIn(month: month, year: year) {
            day -= Self.daysIn(month: month, year: year)
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        while day < 1 {
            (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1)
            day += Self.daysIn(month: month, year: year)
        }
        return CalendarDate(year: year, month: month, day: day)!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// Whole years from `earlier` to this day, as an age is counted: a birthday on 29
    /// February is reached on 1 March in a year without one.
    public func years(since earlier: CalendarDate) -> Int {
        let years = year - earlier.year
        return (month, day) < (earlier.month, earlier.day) ? years - 1 : years
    }
}

extension CalendarDate {
    /// The same day `years` years on (back when negative); 29 February becomes the 28th in
    /// a year without it. "A year ago" for the 工作台's archives unchanged for a year.
    public func adding(years: Int) -> CalendarDate {
        let year = year + years
        return CalendarDate(year: year, month: month, day: min(day, Self.daysIn(month: month, year: year)))!
    }
}
