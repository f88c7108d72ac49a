import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The 绩效自评报告 drafted from a form: a page to print and a text to edit, with the same
/// numbers as the form.
@Suite struct FormReportPageTests {
    let fixture: FormFixture

    init() throws { fixture = try FormFixture() }

    var report: String { "/forms/\(FormFixture.segment)/report" }

    func withBrowser(_ login: String, _ body: @Sendable (inout Browser) async throws -> Void) async throws {
        try await fixture.withBrowser(login, body)
    }

    @Test func theFormLinksToItsReportWhoseNumbersAreTheForms() async throws {
        let viewer = Account(login: "wang", name: "王主席", roles: [.approver], union: nil)
        let form = try ProjectForms.form(named: FormFixture.project, policiesDirectory: fixture.settings.policiesDirectory, viewer: viewer, in: fixture.store)
        let first = try #require(form.evaluation.rows.first)
        let report = report
        try await withBrowser("wang") { browser in
            let (_, _, formPage) = try await browser.get("/forms/\(FormFixture.segment)")
            #expect(formPage.contains("href=\"\(report)\""))
            let (status, _, html) = try await browser.get(report)
            #expect(status == .ok)
            #expect(html.contains("2024年度测试帮扶绩效自评报告"))
            #expect(html.contains("实际完成值\(first.actualText)，分值\(first.indicator.weight)分，得分\(first.score)分"))
            #expect(html.contains("本项目自评得分\(form.evaluation.totalScore)分"))
            #expect(html.contains("class=\"todo\""), "the placeholders are marked")
            #expect(html.contains("href=\"\(report)?format=txt\""))
        }
    }

    @Test func theReportDownloadsAsEditableTextWithAnAuditLine() async throws {
        let store = fixture.store
        let report = report
        try await withBrowser("liu") { browser in
            let answer = try await browser.client.execute(uri: report + "?format=txt", method: .get, headers: browser.cookieHeader, body: nil) { response in
                (response.status, response.headers, Array(response.body.readableBytesView))
            }
            #expect(answer.0 == .ok)
            #expect(answer.1[.contentType] == "text/plain; charset=utf-8")
            #expect(answer.1[.contentDisposition]?.contains("filename*=UTF-8''\(PageTests.encode("2024年度测试帮扶绩效自评报告.txt"))") == true)
            #expect(answer.2.prefix(3) == [0xEF, 0xBB, 0xBF], "UTF-8 with a BOM")
            #expect(String(decoding: answer.2.dropFirst(3), as: UTF8.self).hasPrefix("2024年度测试帮扶绩效自评报告\r\n"))
        }
        store.finishDeferredWrites()
        #expect(try store.auditLines(AuditFilter(account: "liu")).contains { $0.action == .formExport && $0.detail.contains("report of 测试帮扶") })
    }

    @Test func anExecutedAmountByHandIsShownBesideTheBatchesWithTheDifference() async throws {
        // The project's file gives 全年执行数 by hand: the form scores that and shows what
        // the paid batches paid and the difference.
        let file = URL(fileURLWithPath: fixture.settings.policiesDirectory).appendingPathComponent("projects/test.toml")
        let text = FormFixture.projectFile.replacingOccurrences(
            of: "execution_weight = 10", with: "execution_weight = 10\nexecuted = 10000\nexecuted_source = \"财务决算\"")
        try Data(text.utf8).write(to: file)
        let paid = try ProjectForms.form(
            named: FormFixture.project, policiesDirectory: fixture.settings.policiesDirectory,
            viewer: Account(login: "wang", name: "王主席", roles: [.approver], union: nil), in: fixture.store
        ).evaluation.paidThroughBatches
        try await withBrowser("wang") { browser in
            let (status, _, html) = try await browser.get("/forms/\(FormFixture.segment)")
            #expect(status == .ok)
            #expect(html.contains("10,000.00<span class=\"source\">手工填报</span>"))
            #expect(html.contains("全年执行数为手工填报（来源：财务决算）；帮扶系统已发放批次合计 \(paid.formatted) 元，差额 \((Money.yuan(10_000) - paid).formatted) 元"))
            #expect(html.contains("已发放批次合计（全年执行数为手工填报）</th><td class=\"num\"><strong>\(paid.formatted)</strong>"))
        }
    }

    @Test func aUnionsAccountIsRefusedTheReport() async throws {
        let report = report
        try await withBrowser("gang") { browser in
            let (status, _, _) = try await browser.get(report)
            #expect(status == .forbidden)
        }
    }
}
