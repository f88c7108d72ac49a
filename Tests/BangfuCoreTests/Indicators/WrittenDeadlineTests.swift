import Testing

@testable import BangfuCore

/// Deadlines as the 时效指标 cells write them.
struct WrittenDeadlineTests {
    @Test func midMonthEndsOnTheTwentieth() {
        // 002:1177 「当年度11月中旬前发放完成」.
        let deadline = WrittenDeadline("当年度11月中旬前发放完成")
        #expect(deadline?.date(in: 2024) == CalendarDate("2024-11-20"))
        #expect(deadline?.reading == "中旬止于20日")
    }

    @Test func theEndOfAMonthAndOfTheYearAreTheirLastDays() {
        #expect(WrittenDeadline("3月底前完成")?.date(in: 2024) == CalendarDate("2024-03-31"))  // 002:5258
        #expect(WrittenDeadline("2月底前完成")?.date(in: 2024) == CalendarDate("2024-02-29"))  // 002:5258
        #expect(WrittenDeadline("2023年底前")?.date(in: 2024) == CalendarDate("2023-12-31"))  // 000:263, its own year
        #expect(WrittenDeadline("当年完成")?.date(in: 2023) == CalendarDate("2023-12-31"))  // 000:263
    }

    @Test func beforeSpringFestivalIsItsEveFromTheChineseCalendar() {
        // 000:101–102 「在2023年春节前完成送温暖任务 春节前完成」: 春节 2023 fell on 22 January.
        #expect(WrittenDeadline.springFestival(in: 2023) == CalendarDate("2023-01-22"))
        #expect(WrittenDeadline("春节前完成")?.date(in: 2023) == CalendarDate("2023-01-21"))
        #expect(WrittenDeadline.springFestival(in: 2024) == CalendarDate("2024-02-10"))
    }

    @Test func wordsThatNameNoDayAreNoDeadline() {
        #expect(WrittenDeadline("及时发放") == nil)  // 002:1372
        #expect(WrittenDeadline("全年") == nil)  // 002:5394
    }

    @Test func anActualBeforeItsDeadlineIsOnTime() {
        // 002:5258 「3月底前完成 2月底前完成」.
        let due = WrittenDeadline("3月底前完成")!, done = WrittenDeadline("2月底前完成")!
        #expect(done.isNoLaterThan(due, year: nil) == true)
        #expect(due.isNoLaterThan(done, year: nil) == false)
        let festival = WrittenDeadline("春节前完成")!
        #expect(festival.isNoLaterThan(festival, year: nil) == true)
        #expect(festival.isNoLaterThan(due, year: nil) == nil)
        #expect(festival.isNoLaterThan(due, year: 2024) == true)
    }
}
