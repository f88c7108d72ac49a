import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// What the household page shows beyond the archive (spec §9): the imports that wrote it,
/// its aid with the batch each came from, and the 工作台's archives not updated for a year.
struct ArchiveHistoryTests {
    typealias Fixture = HouseholdFixture
    let approver = Account(login: "wang", name: "王主席", roles: [.approver], union: nil)

    func imported(on day: CalendarDate) throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let context = RequestContext(actor: try Person(name: "经办人周婷"), on: day)
        try Fixture.importFile(.households, """
            \(Fixture.householdsHeader)
            QD-001,王建国,\(Fixture.id(1)),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,,,在档
            QD-002,李秀英,\(Fixture.id(2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,,,,,在档
            """, into: store, context: context)
        return store
    }

    @Test func anImportedArchiveNamesTheImportThatWroteIt() throws {
        let store = try imported(on: CalendarDate(year: 2024, month: 1, day: 5)!)
        let record = try Archives.household(ArchiveNumber("QD-001"), viewer: approver, in: store, context: try Fixture.context())
        #expect(record.history.count == 1)
        #expect(record.history.first?.by == "经办人周婷")
        #expect(record.history.first?.change.hasPrefix("导入困难职工家庭档案（households-") == true)
        #expect(record.history.first?.what == "imported")
        #expect(record.lastChangedOn == "2024-01-05")
    }

    @Test func theAidOfTheHeadAndTheMembersIsListedWithItsBatch() throws {
        let store = try imported(on: CalendarDate(year: 2024, month: 1, day: 5)!)
        let context = try Fixture.context()
        let child = Fixture.id(4, year: 2010)
        try Fixture.importFile(.members, "档案编号,姓名,身份证号,与户主关系,就学阶段\nQD-001,王小明,\(child),子女,义务教育\n", into: store, context: context)
        try Fixture.importFile(.aid, """
            身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号
            \(Fixture.id(1)),王建国,生活救助,6000,2024-01-25,工会,
            \(child),王小明,助学救助,3000,2023-09-20,民政,
            \(Fixture.id(2)),李秀英,生活救助,4000,2024-01-25,工会,
            """, into: store, context: context)
        let record = try Archives.household(ArchiveNumber("QD-001"), viewer: approver, in: store, context: context)
        #expect(record.aid.map(\.kind) == ["education", "living"])
        #expect(record.aid.map(\.amountFen) == [300_000, 600_000])
        #expect(record.aid.map(\.payer) == ["民政", "工会"])
        #expect(record.aid.map(\.batchID) == [nil, nil])
        // The approver sees 身份证号 as 6 + 4 characters (spec §8), in the aid list too.
        #expect(record.aid.last?.idNumber == String(Fixture.id(1).prefix(6)) + "********" + String(Fixture.id(1).suffix(4)))
        #expect(record.history.map(\.what) == ["imported", "imported"])
    }

    @Test func archivesUnchangedForAYearAreCountedAndAnEditTakesOneOut() throws {
        let store = try imported(on: CalendarDate(year: 2023, month: 2, day: 1)!)
        let viewer = Account(login: "city", name: "录入员", roles: [.clerk], union: nil)
        let yearBefore = CalendarDate(year: 2023, month: 3, day: 1)!
        let before = try Households.unchanged(since: yearBefore, page: 1, perPage: 10, viewer: viewer, in: store)
        #expect(before.total == 2)
        #expect(before.items.map(\.lastChangedOn) == ["2023-02-01", "2023-02-01"])
        _ = try Households.changeStatus(ArchiveNumber("QD-002"), to: .exited, reason: "脱困", in: store, context: try Fixture.context())
        _ = try Households.edit(ArchiveNumber("QD-001"), HouseholdForm(values: [.phone: "13900000000"]), confirmed: true, policies: [], in: store, context: try Fixture.context())
        #expect(try Households.unchanged(since: yearBefore, page: 1, perPage: 10, viewer: viewer, in: store).total == 0)
        let harbour = Account(login: "gang", name: "港录入员", roles: [.clerk], union: "港工会")
        let later = CalendarDate(year: 2025, month: 1, day: 1)!
        #expect(try Households.unchanged(since: later, page: 1, perPage: 10, viewer: harbour, in: store).items.map(\.archiveNo) == ["QD-001"])
    }
}
