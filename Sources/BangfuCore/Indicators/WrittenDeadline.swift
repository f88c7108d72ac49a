import Foundation

/// A deadline as the forms write it in a 时效指标's cells: 「春节前完成」 (000:102),
/// 「2023年底前」 (000:263), 「当年度11月中旬前发放完成」 (002:1177), 「3月底前完成」 (002:5258).
/// Read so that a target and an actual written as words can be compared, and so that a
/// project file's text target becomes an `on_time_rate` deadline.
public struct WrittenDeadline: Hashable, Sendable {
    /// The day the words name.
    public enum Day: Hashable, Sendable {
        /// A day of a month: 「12月20日前」, and 「中旬前」 as the 20th, 「上旬前」 as the 10th.
        case monthDay(month: Int, day: Int)
        /// The last day of a month: 「6月底前」; 「年底前」 and 「当年完成」 are December's.
        case monthEnd(month: Int)
        /// 除夕, the eve of 春节: 「春节前完成」.
        case springFestivalEve
    }

    /// The day named.
    public var day: Day
    /// The year written in the words (「2023年底前」), nil when they name none (「当年度」).
    public var year: Int?
    /// How the words were read, in Chinese: `中旬止于20日`.
    public var reading: String

    /// Reads `text`; nil when it names no day (「及时发放」, 「全年」).
    public init?(_ text: String) {
        let text = text.trimmed.replacingOccurrences(of: " ", with: "")
        var year: Int?
        if let match = text.firstMatch(of: /(\d{4})年/), let value = Int(match.1) { year = value }
        self.year = year
        if text.contains("春节前") {
            day = .springFestivalEve
            reading = "春节前读作除夕（春节前一日）"
        } else if let match = text.firstMatch(of: /(\d{1,2})月(\d{1,2})日前/), let month = Int(match.1), let dayOfMonth = Int(match.2),
            (1...12).contains(month), (1...31).contains(dayOfMonth)
        {
            day = .monthDay(month: month, day: dayOfMonth)
            reading = "\(month)月\(dayOfMonth)日前读作不晚于\(month)月\(dayOfMonth)日"
        } else if let match = text.firstMatch(of: /(\d{1,2})月(上旬|中旬|下旬|底|末)/), let month = Int(match.1), (1...12).contains(month) {
            switch match.2 {
            case "上旬":
                day = .monthDay(month: month, day: 10)
                reading = "上旬止于10日"
            case "中旬":
                day = .monthDay(month: month, day: 20)
                reading = "中旬止于20日"
            default:
                day = .monthEnd(month: month)
                reading = "\(match.2)读作该月最后一日"
            }
        } else if text.contains("年底") || text.contains("年末") || text.contains("当年完成") || text.contains("年内完成") {
            day = .monthEnd(month: 12)
            reading = "年底、当年完成读作12月31日"
        } else {
            return nil
        }
    }

    /// The date in `year` (the year the words give, else the form's): nil only when 春节
    /// cannot be found in the calendar.
    public func date(in formYear: Int) -> CalendarDate? {
        let year = self.year ?? formYear
        switch day {
        case .monthDay(let month, let day): return CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))
        case .monthEnd(let month): return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
        case .springFestivalEve: return Self.springFestival(in: year)?.adding(days: -1)
        }
    }

    /// Whether this deadline falls on or before `other`: nil when that needs a year neither
    /// gives (春节 against a month), else the answer. Two 春节 deadlines are the same day;
    /// month and day order alike in every year, so a leap year stands in for an unknown one.
    public func isNoLaterThan(_ other: WrittenDeadline, year formYear: Int?) -> Bool? {
        if day == .springFestivalEve, other.day == .springFestivalEve, year == other.year { return true }
        let involvesFestival = day == .springFestivalEve || other.day == .springFestivalEve
        guard let year = formYear ?? year ?? other.year ?? (involvesFestival ? nil : 2024),
            let mine = date(in: year), let theirs = other.date(in: year)
        else { return nil }
        return mine <= theirs
    }

    /// 春节 (正月初一) of the Gregorian `year`, from the Chinese calendar.
    public static func springFestival(in year: Int) -> CalendarDate? {
        guard let zone = TimeZone(identifier: "Asia/Shanghai") else { return nil }
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = zone
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        // 正月初一 always falls between 21 January and 20 February: the Chinese year that
        // holds 1 June of `year` began in it.
        guard let june = gregorian.date(from: DateComponents(year: year, month: 6, day: 1)) else { return nil }
        let era = chinese.component(.era, from: june)
        let chineseYear = chinese.component(.year, from: june)
        guard let newYear = chinese.date(from: DateComponents(era: era, year: chineseYear, month: 1, day: 1)) else { return nil }
        let parts = gregorian.dateComponents([.year, .month, .day], from: newYear)
        guard let y = parts.year, let m = parts.month, let d = parts.day else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }
}
