import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The self-evaluation forms in the browser (spec §7, §9): the summary, a form with its
/// charts and links, the records behind each derived actual, the downloads and who may.
struct FormPageTests {
    let fixture: FormFixture

    init() throws { fixture = try FormFixture() }

    func withBrowser(_ login: String, _ body: @Sendable (inout Browser) async throws -> Void) async throws {
        try await fixture.withBrowser(login, body)
    }

    /// The batch's paid entries as the batch's own view gives them (eligible, with an amount).
    func paidEntries() throws -> [BatchEntryJSON] {
        let viewer = Account(login: "jian", name: "监督", roles: [.auditor], union: nil)
        return try Batches.view(batch: fixture.batch, viewer: viewer, in: fixture.store).entries.filter { $0.eligible && $0.amountFen > 0 }
    }

    var form: String { "/forms/\(FormFixture.segment)" }

    @Test func theSummaryListsEachProjectWithItsFiguresAndLinksToItsForm() async throws {
        let paid = Money(fen: try paidEntries().reduce(0) { $0 + $1.amountFen })
        try await withBrowser("wang") { browser in
            let (status, _, html) = try await browser.get("/forms")
            #expect(status == .ok)
            #expect(html.contains("<a href=\"/forms\" aria-current=\"page\">绩效自评</a>"))
            #expect(html.contains("<a href=\"\(form)\">测试帮扶</a>"))
            #expect(html.contains(">10,000.00<") && html.contains(">\(paid.formatted)<"), "全年预算数 and 全年执行数 in yuan")
            #expect(html.contains("href=\"/forms.xlsx\""))
        }
    }

    @Test func theFormIsLaidOutAsTheSeedsWithThreeChartsAndEachDerivedActualLinked() async throws {
        let batch = fixture.batch
        try await withBrowser("wang") { browser in
            let (status, _, html) = try await browser.get(form)
            #expect(status == .ok)
            for text in ["项目支出绩效自评表", "主管部门", "测试总工会", "测试帮扶中心", "年初预算数", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）",
                         "帮扶在档困难职工家庭", "一级指标", "偏差原因分析及改进措施", "自评等级"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(html.contains("href=\"/batches/\(batch)\""), "the paid batch counted")
            for row in 1...3 { #expect(html.contains("href=\"\(form)/rows/\(row)\""), "derived row \(row)") }
            #expect(!html.contains("\(form)/rows/4\""), "a manual row has no records")
            #expect(html.contains("来源：问卷调查 &lt;b&gt;200 份&lt;/b&gt;"), "a manual row shows its source, escaped")
            #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
            #expect(html.contains("role=\"img\"") && html.contains("<title>预算执行"))
            #expect(html.contains("生活救助"), "the monthly chart's legend names the kind")
            #expect(html.contains("rowspan=\"2\">产出指标"), "the runs of one 一级指标 are merged as in the xlsx")
            #expect(!html.lowercased().contains("nan") && !html.contains("inf\""))
        }
    }

    @Test func theHouseholdsRowListsTheArchivesCountedWithLinks() async throws {
        let archives = Set(try paidEntries().compactMap(\.archiveNo))
        try await withBrowser("wang") { browser in
            let (status, _, html) = try await browser.get("\(form)/rows/1")
            #expect(status == .ok)
            #expect(html.contains("计入 <strong>\(archives.count)</strong> 户"))
            for archive in archives { #expect(html.contains("href=\"/archives/\(archive)\"")) }
        }
    }

    @Test func theOnTimeRowShowsEachEntrysPaymentAgainstTheDeadlineMasked() async throws {
        let entries = try paidEntries()
        try await withBrowser("wang") { browser in
            let (_, _, html) = try await browser.get("\(form)/rows/2")
            #expect(html.contains("计入 <strong>\(entries.count)</strong> 条"))
            #expect(html.contains("截止日 2024-01-20") && html.contains("2024-01-25") && html.contains("逾期"))
            #expect(html.contains("********"), "an approver sees 身份证号 masked")
            #expect(!html.contains(APITests.id(1)) && !html.contains(APITests.id(2)))
        }
    }

    @Test func theDuplicateRowLinksToTheYearsFindingsAndAManualRowShowsItsSource() async throws {
        try await withBrowser("zhou") { browser in
            let duplicates = try await browser.get("\(form)/rows/3")
            #expect(duplicates.html.contains("href=\"/duplicates?year=2024\""))
            let manual = try await browser.get("\(form)/rows/4").html
            #expect(manual.contains("手工填报") && manual.contains("问卷调查 &lt;b&gt;200 份&lt;/b&gt;"))
            #expect(!manual.contains("<table>\n    <thead>"), "no records to list")
        }
    }

    @Test func anUnknownProjectOrRowIs404() async throws {
        try await withBrowser("wang") { browser in
            let unknown = try await browser.get("/forms/%E6%B2%A1%E6%9C%89")
            #expect(unknown.status == .notFound)
            let noRow = try await browser.get("\(form)/rows/99")
            #expect(noRow.status == .notFound)
            let notANumber = try await browser.get("\(form)/rows/x")
            #expect(notANumber.status == .notFound)
        }
    }

    @Test func aUnionsAccountIsRefusedWithTheReasonAndHasNoMenuEntry() async throws {
        try await withBrowser("gang") { browser in
            let workbench = try await browser.get("/")
            #expect(!workbench.html.contains("href=\"/forms\""))
            let (status, _, html) = try await browser.get("/forms")
            #expect(status == .forbidden)
            #expect(html.contains("绩效自评表按全市已发放的批次汇总，须由全市账号查看"))
            let formPage = try await browser.get(form)
            #expect(formPage.status == .forbidden)
            let download = try await browser.get("\(form).xlsx")
            #expect(download.status == .forbidden)
        }
    }

    @Test func theAdministratorHasNoForms() async throws {
        try await withBrowser("guan") { browser in
            let workbench = try await browser.get("/")
            #expect(!workbench.html.contains("href=\"/forms\""))
            let forms = try await browser.get("/forms")
            #expect(forms.status == .forbidden)
        }
    }

    @Test func theFormAndTheSummaryDownloadAsXlsxAttachmentsEachAnAuditLine() async throws {
        let store = fixture.store
        try await withBrowser("liu") { browser in
            for (uri, name) in [("\(form).xlsx", "测试帮扶-2024年度绩效自评表.xlsx"), ("/forms.xlsx", "项目绩效自评情况汇总表.xlsx")] {
                let answer = try await browser.client.execute(uri: uri, method: .get, headers: browser.cookieHeader, body: nil) { response in
                    (response.status, response.headers, Array(response.body.readableBytesView))
                }
                #expect(answer.0 == .ok)
                #expect(answer.1[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                let disposition = try #require(answer.1[.contentDisposition])
                #expect(disposition.hasPrefix("attachment;") && disposition.contains("filename*=UTF-8''\(PageTests.encode(name))"))
                #expect(answer.2.prefix(2) == [0x50, 0x4B], "a zip: the xlsx")
            }
        }
        store.finishDeferredWrites()
        let lines = try store.auditLines(AuditFilter(account: "liu")).filter { $0.action == .formExport }
        #expect(lines.count == 2)
        #expect(lines.first?.detail.contains("测试帮扶") == true)
    }

    @Test func theMonthlyAidAddsUpToTheAmountExecuted() throws {
        let viewer = Account(login: "wang", name: "王主席", roles: [.approver], union: nil)
        let form = try ProjectForms.form(named: FormFixture.project, policiesDirectory: fixture.settings.policiesDirectory, viewer: viewer, in: fixture.store)
        #expect(form.aidByMonth.reduce(0) { $0 + $1.amount.fen } == form.evaluation.executed.fen)
        #expect(form.aidByMonth.map(\.month) == ["2024-01"])
        #expect(form.batches.map(\.id) == [fixture.batch])
        #expect(form.batches.first?.amount == form.evaluation.executed)
    }
}
