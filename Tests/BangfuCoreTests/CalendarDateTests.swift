import Testing

@testable import BangfuCore

struct CalendarDateTests {
    @Test("spec §2: YYYY-MM-DD, YYYY/MM/DD and YYYY年MM月DD日", arguments: [
        "2024-07-01", "2024/07/01", "2024/7/1", "2024年7月1日", "2024年07月01日", " 2024-07-01 ",
    ])
    func theThreeWrittenFormsAreRead(text: String) {
        #expect(CalendarDate(text) == CalendarDate(year: 2024, month: 7, day: 1))
    }

    @Test("impossible or malformed dates are refused", arguments: [
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-07-01", "2024-07", "2024.07.01", "2024年7月1", "",
    ])
    func impossibleDatesAreRefused(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func leapYearsFollowTheGregorianRule() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("1900-02-29") == nil)
    }

    @Test func datesOrderAndPrintAsStored() {
        #expect(CalendarDate("2024-06-30")! < CalendarDate("2024-07-01")!)
        #expect(CalendarDate("2024/1/5")!.description == "2024-01-05")
        #expect(CalendarDate("2024-09-01")!.chinese == "2024年9月1日")
    }

    @Test func addingDaysCrossesMonthsYearsAndTheLeapDay() {
        #expect(CalendarDate("2024-02-26")!.adding(days: 6) == CalendarDate("2024-03-03"))
        #expect(CalendarDate("2023-02-26")!.adding(days: 6) == CalendarDate("2023-03-04"))
        #expect(CalendarDate("2024-12-29")!.adding(days: 7) == CalendarDate("2025-01-05"))
        #expect(CalendarDate("2024-03-01")!.adding(days: -1) == CalendarDate("2024-02-29"))
        #expect(CalendarDate("2024-01-20")!.adding(days: 0) == CalendarDate("2024-01-20"))
    }
}
