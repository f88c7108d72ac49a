import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// 重复救助线索 (spec §9, issue 16): the queue in the account's scope with its records side
/// by side, the forms for a role that may decide, and the answers after a form.
struct DuplicatePageTests {
    /// The finding ids of a page, in order.
    func ids(_ html: String) -> [String] {
        html.components(separatedBy: "id=\"f-").dropFirst().map { String($0.prefix(32)) }
    }

    @Test func anApproverSeesTheOpenFindingsWithRecordsSideBySideAndTheForms() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            let (status, _, html) = try await browser.get("/duplicates?year=2024")
            #expect(status == .ok)
            #expect(html.contains("<h1>重复救助线索") && html.contains("href=\"/duplicates\" aria-current=\"page\""))
            #expect(ids(html).count == 3)
            #expect(html.contains("待处理 <span class=\"count\">3</span>"))
            // cross_agency: the union's and 民政's records in one table, numbers masked.
            #expect(html.contains("民政") && html.contains("1,500.00") && html.contains("2,000.00"))
            #expect(!html.contains(APITests.id(2)) && html.contains(String(APITests.id(2).prefix(6)) + "********"))
            // two_households: both archives linked.
            #expect(html.contains("href=\"/archives/QD-001\"") && html.contains("href=\"/archives/QD-002\""))
            #expect(html.contains("name=\"outcome\" value=\"confirmed\"") && html.contains("name=\"reason\""))
            #expect(html.contains("name=\"_csrf\" value=\"\(browser.formToken)\""))
        }
    }

    @Test func aClerkSeesTheQueueOfItsUnionWithoutForms() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            let html = try await browser.get("/duplicates?year=2024&status=all").html
            #expect(ids(html).count == 2, "海尔工会's cross_agency is out of 港工会's scope")
            #expect(html.contains(APITests.id(1)), "a clerk sees 身份证号 whole")
            #expect(!html.contains("name=\"outcome\""))
            let posted = try await browser.post("/duplicates/\(ids(html)[0])/decision", [("year", "2024"), ("outcome", "confirmed"), ("action", "stop")])
            #expect(posted.status == .forbidden)
            #expect(posted.html.contains("无权处理重复救助线索"))
        }
    }

    @Test func aDismissalWithoutAReasonComesBackWithTheMessageAndAConfirmationMovesTheFinding() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("zhang")
            let page = try await browser.get("/duplicates?year=2024").html
            let id = try #require(ids(page).first)
            let fields = [("year", "2024"), ("policy", "qingdao-2024"), ("status", "open")]
            let refused = try await browser.post("/duplicates/\(id)/decision", fields + [("outcome", "dismissed"), ("reason", " ")])
            #expect(refused.status == .seeOther)
            let back = try #require(refused.headers[.location])
            #expect(back.contains("problem=reason"))
            #expect(try await browser.get(back).html.contains("排除线索须填写原因"))

            let confirmed = try await browser.post("/duplicates/\(id)/decision", fields + [("outcome", "confirmed"), ("action", "stop"), ("note", "已停发")])
            #expect(confirmed.status == .seeOther)
            let done = try await browser.get(try #require(confirmed.headers[.location])).html
            #expect(done.contains("已记录") && done.contains("确认属实，停发"))
            #expect(!ids(done).contains(id), "a decided finding leaves the open ones")
            let shown = try await browser.get("/duplicates?year=2024&status=confirmed").html
            #expect(ids(shown) == [id])
            #expect(shown.contains("已停发") && shown.contains("zhang"))
            #expect(shown.contains("已确认 <span class=\"count\">1</span>"))
        }
    }

    @Test func aForeignFormAndAnUnknownFindingAreRefused() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("zhang")
            let page = try await browser.get("/duplicates?year=2024").html
            let id = try #require(ids(page).first)
            let fields = [("year", "2024"), ("outcome", "confirmed"), ("action", "recover")]
            #expect(try await browser.post("/duplicates/\(id)/decision", fields, token: "forged").status == .forbidden)
            let unknown = try await browser.post("/duplicates/\(String(repeating: "0", count: 32))/decision", fields)
            #expect(unknown.status == .notFound)
            #expect(unknown.html.contains("没有编号为"))
            #expect(try await browser.get("/duplicates?year=20x4").status == .unprocessableContent)
        }
    }

    @Test func theWorkbenchSaysHowManyAreOpenAndLinksToTheQueue() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            var html = try await browser.get("/").html
            for _ in 0..<100 where !html.contains("条待处理") {
                try await Task.sleep(for: .milliseconds(50))
                html = try await browser.get("/").html
            }
            #expect(html.contains("2024 年发现 3 条疑似重复救助线索，其中 <strong>3</strong> 条待处理"))
            #expect(html.contains("href=\"/duplicates?year=2024&amp;status=open\""))
        }
    }
}
