import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Edits of an archive: the fields a form gives, validated as 建档 is; each change a
/// history line, old → new, by whom, and an audit line.
struct EditTests {
    typealias Fixture = HouseholdFixture

    func registered() throws -> (BangfuDatabase, [Policy]) {
        let store = try BangfuDatabase()
        let policies = try Fixture.policies()
        _ = try Households.register(Fixture.form(), confirmed: false, policies: policies, in: store, context: try Fixture.context())
        return (store, policies)
    }

    @Test func anEditRecordsEachFieldOldToNewByWhom() throws {
        let (store, policies) = try registered()
        let form = HouseholdForm(values: [.annualIncome: "32000", .phone: "0532-88888888"])
        let record = try Households.edit(ArchiveNumber("QD-101"), form, confirmed: false, policies: policies, in: store, context: try Fixture.context("李强"))
        #expect(record.annualIncomeFen == 3_200_000)
        #expect(record.headName == "王建国")  // a field left out keeps its value
        let edits = record.history.dropFirst()
        #expect(edits.map(\.change) == ["家庭年纯收入：30,000.00 → 32,000.00", "联系电话：13800000000 → 0532-88888888"])
        #expect(edits.allSatisfy { $0.by == "李强" })
        let audit = try store.auditLines().last
        #expect(audit?.action == .archiveEdit)
        #expect(audit?.actor == "李强")
        #expect(audit?.detail == "QD-101：修改 2 处（annual_income_fen、phone）")
    }

    @Test func aMemberListRecordsWhoWasAddedRemovedAndChanged() throws {
        let (store, policies) = try registered()
        let number = ArchiveNumber("QD-101")
        let child = Fixture.id(2, year: 2012)
        let spouse = Fixture.id(3, year: 1977)
        var form = HouseholdForm(members: [
            MemberForm(values: [.name: "王建国", .idNumber: Fixture.id(1), .relation: "本人"]),
            MemberForm(values: [.name: "王小明", .idNumber: child, .relation: "子女", .schoolStage: "义务教育"]),
            MemberForm(values: [.name: "刘芬", .idNumber: spouse, .relation: "配偶"]),
        ])
        _ = try Households.edit(number, form, confirmed: false, policies: policies, in: store, context: try Fixture.context())
        form.members = [
            MemberForm(values: [.name: "王建国", .idNumber: Fixture.id(1), .relation: "本人"]),
            MemberForm(values: [.name: "王小明", .idNumber: child, .relation: "子女", .schoolStage: "高中"]),
        ]
        let record = try Households.edit(number, form, confirmed: false, policies: policies, in: store, context: try Fixture.context())
        #expect(record.members.map(\.name) == ["王建国", "王小明"])
        #expect(record.history.map(\.change).suffix(4) == [
            "新增家庭成员：王小明（子女，义务教育），身份证号 \(child)",
            "新增家庭成员：刘芬（配偶），身份证号 \(spouse)",
            "删除家庭成员：刘芬（配偶），身份证号 \(spouse)",
            "家庭成员 \(child) 的就学阶段：义务教育 → 高中",
        ])
    }

    @Test func aWrongValueInAnEditChangesNothing() throws {
        let (store, policies) = try registered()
        let form = HouseholdForm(values: [.annualIncome: "-5", .phone: "0532-88888888"])
        #expect(throws: HouseholdError.self) {
            try Households.edit(ArchiveNumber("QD-101"), form, confirmed: false, policies: policies, in: store, context: try Fixture.context())
        }
        let stored = try #require(try store.archive(ArchiveNumber("QD-101")))
        #expect(stored.household.phone == "13800000000")
        #expect(try store.archiveHistory(ArchiveNumber("QD-101")).count == 1)
        #expect(try store.auditLines().map(\.action) == [.archiveRegister])
    }

    @Test func anEditRenamesNoArchiveAndChangesNoStatus() throws {
        let (store, policies) = try registered()
        let form = HouseholdForm(values: [.archiveNo: "QD-999", .status: "脱困"])
        let error = try #require(throws: HouseholdError.self) {
            try Households.edit(ArchiveNumber("QD-101"), form, confirmed: false, policies: policies, in: store, context: try Fixture.context())
        }
        guard case .invalid(let problems) = error else { Issue.record("expected the problems, got \(error)"); return }
        #expect(problems.map(\.field) == ["archive_no", "status"])
    }

    @Test func anArchiveThatDoesNotExistIsNotFound() throws {
        let (store, policies) = try registered()
        #expect(throws: ArchiveError.notFound("QD-404")) {
            try Households.edit(ArchiveNumber("QD-404"), HouseholdForm(), confirmed: false, policies: policies, in: store, context: try Fixture.context())
        }
    }

    @Test func anEditThatChangesNothingWritesNoLine() throws {
        let (store, policies) = try registered()
        let same = HouseholdForm(values: [.annualIncome: "30,000.00", .phone: " 13800000000 "])
        let record = try Households.edit(ArchiveNumber("QD-101"), same, confirmed: false, policies: policies, in: store, context: try Fixture.context())
        #expect(record.history.count == 1)
        #expect(try store.auditLines().map(\.action) == [.archiveRegister])
    }

    /// A clerk sees a bank account as its last 4 digits (spec §8); the edit form, filled from
    /// what the clerk sees, sends that back — the account stored stays whole.
    @Test func aBankAccountSentBackMaskedKeepsTheStoredAccount() throws {
        let store = try Fixture.storeWithAccounts()
        let policies = try Fixture.policies()
        var form = Fixture.form()
        form.values[.bankAccount] = "6228480402564890018"
        _ = try Households.register(form, confirmed: false, policies: policies, in: store, context: try Fixture.context("city"))
        let shown = try Archives.household(
            ArchiveNumber("QD-101"), viewer: try #require(try store.account("city")), in: store, context: try Fixture.context("city"))
        #expect(shown.bankAccount == "****0018")
        let edit = HouseholdForm(values: [.bankAccount: shown.bankAccount, .phone: "13900000000"])
        _ = try Households.edit(ArchiveNumber("QD-101"), edit, confirmed: false, policies: policies, in: store, context: try Fixture.context("city"))
        #expect(try store.archive(ArchiveNumber("QD-101"))?.household.bankAccount == "6228480402564890018")
        #expect(try store.archiveHistory(ArchiveNumber("QD-101")).map(\.change.chinese).last == "联系电话：13800000000 → 13900000000")
    }

    /// An edit of the household's fields that sends the members unchanged keeps them as the
    /// import wrote them, and the history still names that import.
    @Test func anEditThatLeavesTheMembersAsTheyWereKeepsTheirImportInTheHistory() throws {
        let store = try BangfuDatabase()
        let policies = try Fixture.policies()
        let context = try Fixture.context()
        try Fixture.importFile(.households, "\(Fixture.householdsHeader)\nQD-102,王建国,\(Fixture.id(1)),青岛港,港工会,深度困难,2024-02-20,2,20000,,,,,,在档\n", into: store, context: context)
        try Fixture.importFile(.members, "档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注\nQD-102,王建国,\(Fixture.id(1)),本人,无,,\nQD-102,王小明,\(Fixture.id(2, year: 2010)),子,义务教育,,\n", into: store, context: context)
        let members = try #require(try store.archive(ArchiveNumber("QD-102"))?.members).map { member in
            MemberForm(values: [.name: member.name, .idNumber: member.idNumber.value, .relation: member.relation, .schoolStage: member.schoolStage.chineseName])
        }
        _ = try Households.edit(
            ArchiveNumber("QD-102"), HouseholdForm(values: [.phone: "13900000000"], members: members), confirmed: false, policies: policies, in: store,
            context: context)
        let history = try store.archiveHistory(ArchiveNumber("QD-102")).map(\.change.chinese)
        #expect(history.contains { $0.hasPrefix("导入家庭成员") }, "\(history)")
    }
}
