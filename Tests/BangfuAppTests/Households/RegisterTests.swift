import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Testing

/// 建档 (spec §9): a form read by the import's rules, every problem at once, nothing stored
/// unless all is right; the history and the audit trail say who did it.
struct RegisterTests {
    typealias Fixture = HouseholdFixture

    @Test func aValidFormIsStoredWithTheHeadAsAMemberAndOneHistoryLine() throws {
        let store = try BangfuDatabase()
        let record = try Households.register(Fixture.form(), confirmed: false, policies: try Fixture.policies(), in: store, context: try Fixture.context())
        #expect(record.archiveNo == "QD-101")
        #expect(record.annualIncomeFen == 3_000_000)
        #expect(record.category == "deep")
        #expect(record.members.map(\.relation) == ["本人"])
        #expect(record.members.map(\.idNumber) == [Fixture.id(1)])
        #expect(record.history.map(\.change) == ["建档：户主王建国"])
        #expect(record.history.map(\.by) == ["经办人周婷"])
        #expect(record.lastChangedOn == "2024-03-01")
        let audit = try store.auditLines()
        #expect(audit.map(\.action) == [.archiveRegister])
        #expect(audit.first?.subject == "QD-101")
    }

    @Test func everyProblemIsListedUnderItsFieldAndNothingIsStored() throws {
        let store = try BangfuDatabase()
        var form = Fixture.form()
        let badID = String(Fixture.id(1).dropLast()) + (Fixture.id(1).hasSuffix("0") ? "1" : "0")
        form.values[.headIDNumber] = badID
        form.values[.annualIncome] = "三万"
        form.values[.size] = "0"
        form.values[.category] = "很困难"
        form.members = [
            MemberForm(values: [.name: "王小明", .idNumber: Fixture.id(2, year: 2012), .relation: "子女", .schoolStage: "义务教育"]),
            MemberForm(values: [.name: "王小红", .idNumber: "12345", .relation: "子女", .schoolStage: "小学"]),
            MemberForm(values: [.name: "王小明", .idNumber: Fixture.id(2, year: 2012), .relation: "子女"]),
        ]
        let error = try #require(throws: HouseholdError.self) {
            try Households.register(form, confirmed: false, policies: try Fixture.policies(), in: store, context: try Fixture.context())
        }
        guard case .invalid(let problems) = error else { Issue.record("expected the problems, got \(error)"); return }
        #expect(problems.map(\.field) == [
            "head_id_number", "category", "size", "annual_income_fen",
            "members[1].id_number", "members[1].school_stage", "members[2].id_number",
        ])
        #expect(problems.first?.value == badID)
        #expect(problems.allSatisfy { !$0.reason.isEmpty && !$0.english.isEmpty })
        #expect(try store.archive(ArchiveNumber("QD-101")) == nil)
        #expect(try store.auditLines().isEmpty)
    }

    @Test func aFormAndACSVRowGiveTheSameReasonForTheSameValue() throws {
        // Given the same wrong 家庭年纯收入 in a form and in a row of households.csv
        let store = try BangfuDatabase()
        var form = Fixture.form()
        form.values[.annualIncome] = "12,000.005"
        let formError = try #require(throws: HouseholdError.self) {
            try Households.register(form, confirmed: false, policies: [], in: store, context: try Fixture.context())
        }
        let row = "QD-101,王建国,\(Fixture.id(1)),青岛港,港工会,深度困难,2024-02-20,3,\"12,000.005\",,,,,,在档"
        let importError = try #require(throws: ImportError.self) {
            try Fixture.importFile(.households, "\(Fixture.householdsHeader)\n\(row)\n", into: store, context: try Fixture.context())
        }
        // Then both refuse it with one and the same reason
        guard case .invalid(let problems) = formError else { Issue.record("expected the problems"); return }
        #expect(problems.map(\.reason) == importError.issues.map(\.reason))
        #expect(problems.map(\.value) == ["12,000.005"])
    }

    @Test func anArchiveNumberOnFileIsRefusedAndTheStoredOneStaysAsItWas() throws {
        let store = try BangfuDatabase()
        let policies = try Fixture.policies()
        _ = try Households.register(Fixture.form(), confirmed: false, policies: policies, in: store, context: try Fixture.context())
        var again = Fixture.form()
        again.values[.headName] = "李四"
        #expect(throws: HouseholdError.archiveExists("QD-101")) {
            try Households.register(again, confirmed: false, policies: policies, in: store, context: try Fixture.context())
        }
        #expect(try store.archive(ArchiveNumber("QD-101"))?.household.headName == "王建国")
    }

    @Test func membersAreStoredInTheOrderOfTheFormWithTheHeadFirstWhenLeftOut() throws {
        let store = try BangfuDatabase()
        var form = Fixture.form()
        form.members = [MemberForm(values: [.name: "王小明", .idNumber: Fixture.id(2, year: 2012), .relation: "子女", .schoolStage: "compulsory"])]
        form.members?[0].values[.schoolStage] = "义务教育"
        let record = try Households.register(form, confirmed: false, policies: [], in: store, context: try Fixture.context())
        #expect(record.members.map(\.name) == ["王建国", "王小明"])
        #expect(record.members.map(\.schoolStage) == ["none", "compulsory"])
    }

    @Test func whatAnImportWouldWarnAboutIsAnsweredAndTheArchiveStored() throws {
        let store = try BangfuDatabase()
        var form = Fixture.form()
        form.values[.phone] = "12345"
        form.values[.bankAccount] = "6222 0212 3456 7890 124"
        let record = try Households.register(form, confirmed: false, policies: [], in: store, context: try Fixture.context())
        #expect(record.warnings.count == 2)
        #expect(record.warnings.first?.hasPrefix("「联系电话」") == true)
        #expect(record.bankAccount == "6222021234567890124")  // spaces dropped, as an import drops them
    }
}
