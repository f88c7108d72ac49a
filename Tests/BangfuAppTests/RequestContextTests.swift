import BangfuApp
import BangfuCore
import Foundation
import Testing

struct RequestContextTests {
    let clerk = try! Person(name: "经办人周婷")

    @Test func theAuditTimeAndTodayAreThoseOfTheCentresTimeZone() throws {
        // 2024-01-19 17:30 UTC is already the 20th in 青岛 (UTC+8).
        let now = Date(timeIntervalSince1970: 1_705_685_400)
        let beijing = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let context = RequestContext(actor: clerk, now: now, timeZone: beijing)
        #expect(context.timestamp == "2024-01-20T01:30:00+08:00")
        #expect(context.today == CalendarDate(year: 2024, month: 1, day: 20))
        let utc = RequestContext(actor: clerk, now: now, timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(utc.today == CalendarDate(year: 2024, month: 1, day: 19))
    }

    @Test func aContextOnADayIsThatDayWhateverTheTimeZone() throws {
        let day = try #require(CalendarDate("2024-02-29"))
        for zone in ["Asia/Shanghai", "UTC", "America/Los_Angeles"] {
            #expect(RequestContext(actor: clerk, on: day, timeZone: try #require(TimeZone(identifier: zone))).today == day)
        }
    }

    @Test func aPersonIsTheirNormalisedNameAndNeverEmpty() throws {
        #expect(try Person(name: " 张\u{200B}敏 ").name == "张敏")
        #expect(throws: TextRefusal.empty) { try Person(name: "\u{200B} ") }
        #expect(throws: TextRefusal.controlCharacter("\n")) { try Person(name: "张\n敏") }
    }
}
