import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Testing

struct ImportBehaviourTests {
    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let line = "QD-001,王建国,\(testID(1)),\"青岛港集团，港口分公司, 装卸队\",工会,深度困难,2022-03-15,3,\"24,000.00\",,\"重特大疾病\r\n（肺癌，\"\"晚期\"\"）\",13812345678,工行,6222020200112233446,在档"
        _ = try importHouseholds(try fixture.file("h.csv", householdHeader + "\r\n" + line + "\r\n"), into: store)
        var stored: Household?
        try store.forEachHousehold { household, _ in stored = household }
        #expect(stored?.workUnit == "青岛港集团，港口分公司, 装卸队")
        #expect(stored?.cause == "重特大疾病\r\n（肺癌，\"晚期\"）")
        #expect(stored?.annualIncome == Money.yuan(24000))
    }

    @Test func theLastRowWithoutALineBreakIsImported() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let summary = try importHouseholds(try fixture.file("h.csv", householdHeader + "\n" + householdLine("QD-001")), into: store)
        #expect(summary.written == 1)
    }

    @Test func columnsMayComeInAnyOrderAndBlankRowsAreSkipped() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let text = """
            家庭年纯收入,档案编号,困难类别,户主姓名,户主身份证号,建档日期,家庭人口,工作单位,所属工会,联系电话,开户银行,银行账号
            "18,000",QD-7,相对困难,赵敏,\(testID(7)),2023/5/6,2,海尔集团,海尔工会,13912345678,建行,6222020200112233446
            ,,,,,,,,,,,
            """
        _ = try importHouseholds(try fixture.file("h.csv", text), into: store)
        var stored: [Household] = []
        try store.forEachHousehold { household, _ in stored.append(household) }
        #expect(stored.count == 1)
        #expect(stored.first?.status == .active, "档案状态 defaults to 在档")
        #expect(stored.first?.registeredOn == CalendarDate(year: 2023, month: 5, day: 6))
    }

    @Test func importingTheSameFileTwiceUpdatesAndNeverDuplicates() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let first = householdHeader + "\n" + householdLine("QD-001") + "\n" + householdLine("QD-002", id: testID(2))
        _ = try importHouseholds(try fixture.file("h1.csv", first), into: store)
        _ = try importHouseholds(try fixture.file("h1.csv", first), into: store)
        #expect(try store.recordCounts().households == 2)
        let changed = householdHeader + "\n" + householdLine("QD-001", income: "30000", status: "脱困")
        _ = try importHouseholds(try fixture.file("h2.csv", changed), into: store)
        var byArchive: [String: Household] = [:]
        try store.forEachHousehold { household, _ in byArchive[household.archiveNumber.value] = household }
        #expect(byArchive.count == 2)
        #expect(byArchive["QD-001"]?.annualIncome == Money.yuan(30000))
        #expect(byArchive["QD-001"]?.status == .exited)
    }

    @Test func membersAreKeyedByIdNumberWithinTheArchive() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        _ = try importHouseholds(try fixture.file("h.csv", householdHeader + "\n" + householdLine("QD-001")), into: store)
        let members = """
            档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注
            QD-001,王建国,\(testID(1)),本人,无,,
            QD-001,王小明,\(testID(2, born: 2005)),子女,大学本科,中国海洋大学,国防生
            """
        _ = try importMembers(try fixture.file("m.csv", members), into: store)
        _ = try importMembers(try fixture.file("m.csv", members.replacingOccurrences(of: "大学本科", with: "研究生")), into: store)
        var listed: [Member] = []
        try store.forEachHousehold { _, members in listed += members }
        #expect(listed.count == 2)
        #expect(listed[1].schoolStage == .graduate)
        #expect(listed[1].isMilitaryStudent)
    }

    @Test func anAidRowIdenticalToOneStoredIsSkipped() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let aid = """
            身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号
            \(testID(1)),王建国,生活救助,6000,2024-01-20,工会,
            \(testID(1)),王建国,生活救助,6000,2024-01-20,民政,
            \(testID(1)),王建国,助学救助,5000,2024/9/10,工会,\(testID(2, born: 2008))
            """
        let first = try importAid(try fixture.file("a.csv", aid), into: store)
        #expect(first.written == 3)
        let second = try importAid(try fixture.file("a.csv", aid), into: store)
        #expect(second.written == 0)
        #expect(second.skipped == 3)
        let records = try store.aidRecords(inYear: 2024)
        #expect(records.count == 3)
        #expect(records.contains { $0.payer == .agency("民政") })
        #expect(records.last?.studentIDNumber?.value == testID(2, born: 2008))
    }

    @Test func implausiblePhonesAndBankAccountsAreWarnedNotRefused() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let line = householdLine("QD-001").replacingOccurrences(of: "13812345678", with: "12345").replacingOccurrences(of: "6222020200112233446", with: "6222020200112233445")
        let summary = try importHouseholds(try fixture.file("h.csv", householdHeader + "\n" + line), into: store)
        #expect(summary.written == 1)
        #expect(summary.warnings.count == 2)
    }
}
