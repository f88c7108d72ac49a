import BangfuCore
import Foundation

/// Who asks for an operation and when: every use case takes one, so that no operation
/// reads the clock, the time zone or the login name by itself (a test pins all three; the
/// web application will make one per request from the signed-in account).
public struct RequestContext: Sendable {
    /// The person the audit trail and segregation of duties record.
    public var actor: Person
    /// The moment of the request.
    public var now: Date
    /// The time zone the 职工服务中心 works in: it decides the audit time and today's date.
    public var timeZone: TimeZone

    public init(actor: Person, now: Date = Date(), timeZone: TimeZone = .current) {
        self.actor = actor
        self.now = now
        self.timeZone = timeZone
    }

    /// A request at noon of `day` where the work is done: for tests and for work entered
    /// after the day it was done.
    public init(actor: Person, on day: CalendarDate, timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let noon = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        guard let now = calendar.date(from: noon) else { preconditionFailure("the Gregorian calendar has no \(day)") }
        self.init(actor: actor, now: now, timeZone: timeZone)
    }

    /// The moment as the audit trail writes it: `2026-11-23T10:15:02+08:00`.
    public var timestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter.string(from: now)
    }

    /// Today's date where the work is done (the 身份证号 birth-date check, a default date).
    public var today: CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let date = CalendarDate(year: year, month: month, day: day)
        else { preconditionFailure("the Gregorian calendar gave no date for \(now)") }
        return date
    }
}
