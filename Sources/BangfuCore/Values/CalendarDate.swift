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
    public init?(_ raw: some StringProtocol) {
        let text = Substring(raw).trimmingWhitespace()
        var fields: [Substring]
        if text.contains("年") {
            guard text.hasSuffix("日") else { return nil }
            fields = text.dropLast().split(separator: "年", omittingEmptySubsequences: false)
            guard fields.count == 2 else { return nil }
            let rest = fields[1].split(separator: "月", omittingEmptySubsequences: false)
            guard rest.count == 2 else { return nil }
            fields = [fields[0]] + rest
        } else {
            let separator: Character = text.contains("/") ? "/" : "-"
            fields = text.split(separator: separator, omittingEmptySubsequences: false)
        }
        guard fields.count == 3, fields[0].count == 4,
            fields.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
            fields[1].count <= 2, fields[2].count <= 2,
            let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
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
