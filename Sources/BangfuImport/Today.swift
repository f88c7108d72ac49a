import BangfuCore
import Foundation

extension CalendarDate {
    /// Today on this machine's calendar: read here, in the adapter, so that the domain
    /// library stays free of the clock.
    public static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day, let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("the calendar gives every date a year, a month and a day")
        }
        return date
    }
}
