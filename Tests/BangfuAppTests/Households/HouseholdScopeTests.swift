import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Who may register and edit archives (spec §8): the clerk's role only, and a union's
/// account only in its own union; another union's archive answers as absent.
struct HouseholdScopeTests {
    typealias Fixture = HouseholdFixture

    @Test func aUnionClerkRegistersIntoItsOwnUnionEvenWhenTheFormLeavesItEmpty() throws {
        let store = try Fixture.storeWithAccounts()
        let record = try Households.register(Fixture.form(union: ""), confirmed: false, policies: [], in: store, context: try Fixture.context("gang"))
        #expect(record.union == "港工会")
        #expect(record.history.first?.by == "gang")
    }

    @Test func aUnionClerkRegisteringIntoAnotherUnionIsRefused() throws {
        let store = try Fixture.storeWithAccounts()
        #expect(throws: AuthorityError.otherUnion(login: "gang", union: "港工会", asked: "海尔工会")) {
            try Households.register(Fixture.form(union: "海尔工会"), confirmed: false, policies: [], in: store, context: try Fixture.context("gang"))
        }
        #expect(try store.archive(ArchiveNumber("QD-101")) == nil)
    }

    @Test func anotherUnionsArchiveIsNotFoundForEditsAndStatusChanges() throws {
        let store = try Fixture.storeWithAccounts()
        _ = try Households.register(Fixture.form(union: "海尔工会"), confirmed: false, policies: [], in: store, context: try Fixture.context("city"))
        let number = ArchiveNumber("QD-101")
        #expect(throws: ArchiveError.notFound("QD-101")) {
            try Households.edit(number, HouseholdForm(values: [.phone: "13900000000"]), confirmed: false, policies: [], in: store, context: try Fixture.context("gang"))
        }
        #expect(throws: ArchiveError.notFound("QD-101")) {
            try Households.changeStatus(number, to: .exited, reason: "脱困", in: store, context: try Fixture.context("gang"))
        }
        #expect(try store.archive(number)?.household.phone == "13800000000")
    }

    @Test func aUnionClerkCannotMoveItsArchiveToAnotherUnion() throws {
        let store = try Fixture.storeWithAccounts()
        _ = try Households.register(Fixture.form(), confirmed: false, policies: [], in: store, context: try Fixture.context("gang"))
        #expect(throws: AuthorityError.self) {
            try Households.edit(
                ArchiveNumber("QD-101"), HouseholdForm(values: [.union: "海尔工会"]), confirmed: false, policies: [], in: store, context: try Fixture.context("gang"))
        }
    }

    @Test func anApproverMayNotRegisterOrEdit() throws {
        let store = try Fixture.storeWithAccounts()
        #expect(throws: AuthorityError.self) {
            try Households.register(Fixture.form(), confirmed: false, policies: [], in: store, context: try Fixture.context("wang"))
        }
        _ = try Households.register(Fixture.form(), confirmed: false, policies: [], in: store, context: try Fixture.context("city"))
        #expect(throws: AuthorityError.self) {
            try Households.changeStatus(ArchiveNumber("QD-101"), to: .closed, reason: "迁出", in: store, context: try Fixture.context("wang"))
        }
    }

    @Test func aCityClerkSeesBankAccountsMaskedInTheAnswer() throws {
        let store = try Fixture.storeWithAccounts()
        var form = Fixture.form()
        form.values[.bankAccount] = "6222021234567890123"
        let record = try Households.register(form, confirmed: false, policies: [], in: store, context: try Fixture.context("city"))
        #expect(record.bankAccount == "****0123")
        #expect(record.headIDNumber == Fixture.id(1))
    }
}
