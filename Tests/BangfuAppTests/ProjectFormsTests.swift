import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// The forms as an account reads them (`ProjectForms`): who may, and which projects there are.
struct ProjectFormsTests {
    static let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies").path

    @Test func aUnionsAccountIsRefusedEveryFormAsTheyAddUpTheWholeCity() throws {
        let store = try BangfuDatabase()
        let clerk = Account(login: "gang", name: "港录入员", roles: [.clerk], union: "港工会")
        let refusal = AuthorityError.formsNeedCityAccount(login: "gang", union: "港工会")
        #expect(throws: refusal) { try ProjectForms.summary(policiesDirectory: Self.policies, viewer: clerk, in: store) }
        #expect(throws: refusal) { try ProjectForms.form(named: "省财政困难职工帮扶", policiesDirectory: Self.policies, viewer: clerk, in: store) }
        #expect(throws: refusal) { try Evaluations.evaluate(Self.policies + "/projects/qingdao-2024-warmth.toml", viewer: clerk, in: store) }
    }

    @Test func theProjectsAreTheFilesOfTheProjectsFolderByName() throws {
        let names = try ProjectForms.projects(in: Self.policies).map(\.name)
        #expect(names.count == (try FileManager.default.contentsOfDirectory(atPath: Self.policies + "/projects").filter { $0.hasSuffix(".toml") }.count))
        #expect(names.contains("省财政困难职工帮扶"))
        #expect(try ProjectForms.projects(in: FileManager.default.temporaryDirectory.appendingPathComponent("no-such-folder").path).isEmpty)
    }

    @Test func anUnknownProjectIsNotFound() throws {
        let auditor = Account(login: "jian", name: "监督", roles: [.auditor], union: nil)
        #expect(throws: ProjectFormError.noSuchProject("没有")) {
            try ProjectForms.form(named: "没有", policiesDirectory: Self.policies, viewer: auditor, in: try BangfuDatabase())
        }
    }
}

/// The form and the report drafted from one evaluation write each amount alike.
struct TenThousandYuanTests {
    @Test func theReportWritesTheFormsAmountsToTheYuanNotRoundedToTwoPlaces() throws {
        // Found in review: a budget of 832,705 元 read 83.2705 on the form and 83.27 in the report.
        var changed = try #require(try ProjectForms.projects(in: ProjectFormsTests.policies).first)
        changed.budget = Money(fen: 83_270_500)
        let evaluation = SelfEvaluation.evaluate(project: changed, executed: Money(fen: 83_270_500), measured: [:])
        let report = EvaluationReport.draft(evaluation).text
        #expect(report.contains("全年预算数83.2705万元"))
        #expect(report.contains("全年执行数83.2705万元"))
        let row = try #require(SelfEvaluationForm.sheet(evaluation).rows.first { $0.first == .text("年度资金总额") })
        #expect(row.contains(.decimal("83.2705")))
        #expect(!report.contains("83.27万元"))
    }
}

/// The summary fills every form reading each year's duplicate report once, not once a form.
struct SharedDuplicateReportTests {
    @Test func formsFilledTogetherAreTheFormsFilledOneByOne() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let projects = try ProjectForms.projects(in: ProjectFormsTests.policies)
        #expect(projects.count >= 4)
        let together = try Evaluations.evaluate(projects, in: store)
        let alone = try projects.map { try Evaluations.evaluate($0, in: store) }
        #expect(together == alone)
        // At least one form reads the duplicate report, so the sharing is exercised.
        #expect(projects.contains { project in project.metricQueries.contains { $0.metric == .duplicateAidRate } })
    }
}
