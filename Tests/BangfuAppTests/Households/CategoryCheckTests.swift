import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// The income check of the 困难类别 at 建档 and on edits: a disagreement is a warning the
/// clerk confirms, never a refusal. On 2024-02-20 the 低保 is 1045 (002:2201–2203); the
/// shipped policy's 相对困难 line is 2 × 低保 = 2090 a head a month.
struct CategoryCheckTests {
    typealias Fixture = HouseholdFixture

    @Test func aRelativeCategoryWithIncomeUnderDibaoWaitsForConfirmationAndStoresNothing() throws {
        let store = try BangfuDatabase()
        // 30,000 ÷ 12 ÷ 3 = 833.33 a head a month, under 1045.
        let form = Fixture.form(category: "相对困难")
        let error = try #require(throws: HouseholdError.self) {
            try Households.register(form, confirmed: false, policies: try Fixture.policies(), in: store, context: try Fixture.context())
        }
        guard case .needsConfirmation(let check) = error else { Issue.record("expected a confirmation, got \(error)"); return }
        #expect(check.suggested == .deep)
        #expect(check.perCapitaMonthly == Money(fen: 83_333))
        #expect(check.dibao == .yuan(1045))
        #expect(error.chinese.hasPrefix("家庭人均月纯收入 833.33 元低于低保 1,045.00 元，按收入应为深度困难，登记为相对困难"))
        #expect(try store.archive(ArchiveNumber("QD-101")) == nil)
    }

    @Test func aConfirmedCategoryIsStoredWithTheWarningInItsHistory() throws {
        let store = try BangfuDatabase()
        let record = try Households.register(
            Fixture.form(category: "相对困难"), confirmed: true, policies: try Fixture.policies(), in: store, context: try Fixture.context())
        #expect(record.category == "relative")
        #expect(record.history.map(\.what) == ["registered", "category_confirmed"])
        #expect(record.history.last?.change.hasPrefix("困难类别「相对困难」与收入核定不一致，经确认保存：家庭人均月纯收入 833.33 元") == true)
    }

    @Test func aDeepCategoryAboveTwiceTheDibaoIsQuestioned() throws {
        let store = try BangfuDatabase()
        // 80,000 ÷ 12 ÷ 3 = 2222.22, at or above 2 × 1045 = 2090.
        let error = try #require(throws: HouseholdError.self) {
            try Households.register(Fixture.form(income: "80000"), confirmed: false, policies: try Fixture.policies(), in: store, context: try Fixture.context())
        }
        guard case .needsConfirmation(let check) = error else { Issue.record("expected a confirmation, got \(error)"); return }
        #expect(check.suggested == nil)
    }

    @Test func anAccidentCategoryIsNeverQuestionedByIncome() throws {
        let store = try BangfuDatabase()
        let record = try Households.register(
            Fixture.form(category: "意外致困", income: "80000"), confirmed: false, policies: try Fixture.policies(), in: store, context: try Fixture.context())
        #expect(record.category == "accident")
    }

    @Test func anEditOfTheIncomeIsCheckedAgainstTheDibaoOfTheDayOfTheEdit() throws {
        let store = try BangfuDatabase()
        let policies = try Fixture.policies()
        _ = try Households.register(Fixture.form(), confirmed: false, policies: policies, in: store, context: try Fixture.context())
        // 38,000 ÷ 12 ÷ 3 = 1055.56: above 1045 (March 2024), under 1115 (from 2024-07-01, 002:2227).
        let raise = HouseholdForm(values: [.annualIncome: "38000"])
        let march = try Fixture.context()
        #expect(throws: HouseholdError.self) {
            try Households.edit(ArchiveNumber("QD-101"), raise, confirmed: false, policies: policies, in: store, context: march)
        }
        let september = RequestContext(actor: try Person(name: "经办人周婷"), on: CalendarDate(year: 2024, month: 9, day: 2)!)
        let record = try Households.edit(ArchiveNumber("QD-101"), raise, confirmed: false, policies: policies, in: store, context: september)
        #expect(record.annualIncomeFen == 3_800_000)
    }

    @Test func anEditOfThePhoneAloneAsksNoConfirmation() throws {
        let store = try BangfuDatabase()
        let policies = try Fixture.policies()
        _ = try Households.register(Fixture.form(category: "相对困难"), confirmed: true, policies: policies, in: store, context: try Fixture.context())
        let record = try Households.edit(
            ArchiveNumber("QD-101"), HouseholdForm(values: [.phone: "13900000000"]), confirmed: false, policies: policies, in: store, context: try Fixture.context())
        #expect(record.phone == "13900000000")
    }
}
