import BangfuCore
import BangfuImport
import BangfuStore
import Testing

/// Issue 21: numbers no real file holds are refused with their row and column, never read
/// into an `Int` that overflows (`Plausible`).
struct BoundsTests {
    func issues(households lines: [String]) throws -> [RowIssue] {
        try issues { fixture, store in
            _ = try importHouseholds(try fixture.file("h.csv", ([householdHeader] + lines).joined(separator: "\n")), into: store)
        }
    }

    func issues(_ run: (Fixture, BangfuDatabase) throws -> Void) throws -> [RowIssue] {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        do {
            try run(fixture, store)
        } catch let error as ImportError {
            return error.issues
        }
        Issue.record("the file was accepted")
        return []
    }

    @Test func anAidAmountOfNineteenDigitsIsRefusedWithItsRowAndColumn() throws {
        let found = try issues { fixture, store in
            let text = "身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号\n\(testID(1)),王建国,生活救助,9999999999999999999,2024-01-20,工会,"
            _ = try importAid(try fixture.file("aid.csv", text), into: store)
        }
        #expect(found.map(\.row) == [2])
        #expect(found.map(\.column) == ["金额"])
        #expect(found.first?.columnLetter == "D")
    }

    @Test func anIncomeOfTwentyDigitsIsRefused() throws {
        let found = try issues(households: [householdLine("QD-001", income: "99999999999999999999")])
        #expect(found.map(\.column) == ["家庭年纯收入"])
    }

    @Test func anAmountJustAboveTenMillionYuanIsRefusedAsImplausible() throws {
        let found = try issues(households: [householdLine("QD-001", income: "10000000.01")])
        #expect(found.map(\.column) == ["家庭年纯收入"])
        #expect(found.first?.reason.contains("超出合理范围") == true)
        #expect(found.first?.reason.contains("10,000,000") == true)
    }

    @Test func anAmountOfExactlyTenMillionYuanIsRead() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let summary = try importHouseholds(
            try fixture.file("h.csv", householdHeader + "\n" + householdLine("QD-001", income: "10000000")), into: store)
        #expect(summary.written == 1)
    }

    @Test func aHouseholdOfAHundredPeopleIsRefused() throws {
        let found = try issues(households: [householdLine("QD-001", size: "100")])
        #expect(found.map(\.column) == ["家庭人口"])
        #expect(found.first?.reason.contains("99") == true)
    }

    @Test func aDateInTheYear9999IsRefused() throws {
        let line = householdLine("QD-001").replacingOccurrences(of: "2022-03-15", with: "9999-03-15")
        let found = try issues(households: [line])
        #expect(found.map(\.column) == ["建档日期"])
        #expect(found.first?.reason.contains(Plausible.yearsText) == true)
    }
}
