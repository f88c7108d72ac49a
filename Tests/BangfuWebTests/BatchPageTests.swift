import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The batch pages (spec §9), driven in memory: the list, a new batch, a batch's page with
/// its buttons for the role whose turn it is, and every refusal shown on the page.
struct BatchPageTests {
    /// `body` with a client over the conformance world (a draft 生活救助 batch over QD-001 of
    /// 港工会 and QD-002 of 海尔工会; an account per role) and the batch's id.
    func withWorld(_ body: @Sendable (any TestClientProtocol, Int64) async throws -> Void) async throws {
        let (store, id) = try OpenAPIConformanceTests().world()
        try await Application(router: buildRouter(store: store, settings: BatchRoutesTests.settings)).test(.router) { client in try await body(client, id) }
    }

    func browser(_ client: some TestClientProtocol, _ login: String) async throws -> Browser {
        var browser = Browser(client)
        #expect(try await browser.signIn(login) == .seeOther)
        return browser
    }

    /// The batch page once its background computation has ended.
    func computed(_ browser: inout Browser, _ id: Int64) async throws -> String {
        for _ in 0..<200 {
            let html = try await browser.get("/batches/\(id)").html
            if !html.contains("http-equiv=\"refresh\"") { return html }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the computation did not end")
        return ""
    }

    /// The clerk's browser after computing batch `id` on its page, and the page.
    func computedByTheClerk(_ client: some TestClientProtocol, _ id: Int64) async throws -> (Browser, String) {
        var clerk = try await browser(client, "zhou")
        try await clerk.get("/batches/\(id)")
        try await clerk.post("/batches/\(id)/compute", [])
        let page = try await computed(&clerk, id)
        return (clerk, page)
    }

    /// Each step's button, by its label, on `html`.
    func buttons(_ html: String) -> Set<String> {
        Set(["计算", "重新计算", "初审通过", "复审通过", "审批通过", "发放", "确认剔除"].filter { html.contains(">\($0)</button>") })
    }

    @Test func theListShowsTheBatchesNewestFirstAndTheNewLinkForAClerkOnly() async throws {
        try await withWorld { client, id in
            var clerk = try await browser(client, "zhou")
            let list = try await clerk.get("/batches")
            #expect(list.status == .ok)
            #expect(list.html.contains("href=\"/batches/\(id)\">春节</a>") && list.html.contains("生活救助") && list.html.contains("草稿"))
            #expect(list.html.contains("href=\"/batches/new\"") && list.html.contains(">批次</a>"))
            var approver = try await browser(client, "wang")
            let seen = try await approver.get("/batches").html
            #expect(seen.contains("春节") && !seen.contains("/batches/new"))
            #expect(try await approver.get("/batches/new").status == .forbidden)
            var admin = try await browser(client, "guan")
            #expect(try await admin.get("/batches").status == .forbidden)
            #expect(!(try await admin.get("/").html.contains("href=\"/batches\"")), "no menu entry for a role that may not open it")
        }
    }

    @Test func aNewBatchShowsEachProblemBesideItsFieldThenOpensItsPage() async throws {
        try await withWorld { client, _ in
            var clerk = try await browser(client, "zhou")
            let form = try await clerk.get("/batches/new").html
            #expect(form.contains("value=\"qingdao-2024\"") && form.contains("（不属于任何项目）") && form.contains("送温暖"))
            let bad = try await clerk.post("/batches/new", [("kind", "warmth"), ("policy", "qingdao-2024"), ("date", "2024-02-30"), ("name", ""), ("project", ""), ("budget", "很多")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("日期须为 YYYY-MM-DD 格式的有效日期") && bad.html.contains("批次名称不能为空") && bad.html.contains("预算须为不小于 0 的金额"))
            #expect(bad.html.contains("value=\"很多\""), "what was typed stays in the form")
            let good = try await clerk.post("/batches/new", [("kind", "warmth"), ("policy", "qingdao-2024"), ("date", "2024-12-20"), ("name", "元旦慰问"), ("project", ""), ("budget", "5000.50")])
            #expect(good.status == .seeOther)
            let location = try #require(good.headers[.location])
            let page = try await clerk.get(location).html
            #expect(page.contains("已新建批次") && page.contains("元旦慰问") && page.contains("5,000.50 元") && page.contains(">计算</button>"))
        }
    }

    @Test func aBatchGoesFromComputationToPaymentEachButtonForItsRoleOnly() async throws {
        try await withWorld { client, id in
            var clerk = try await browser(client, "zhou")
            var first = try await browser(client, "zhang")
            var second = try await browser(client, "li")
            var approver = try await browser(client, "wang")
            var finance = try await browser(client, "liu")
            #expect(buttons(try await first.get("/batches/\(id)").html).isEmpty)
            #expect(buttons(try await clerk.get("/batches/\(id)").html) == ["计算"])
            #expect(try await clerk.post("/batches/\(id)/compute", []).status == .seeOther)
            let page = try await computed(&clerk, id)
            #expect(page.contains("计算完成：2 条对象") && page.contains("办理经过") && page.contains("zhou（zhou）"))
            #expect(buttons(page) == ["重新计算"])

            let firstPage = try await first.get("/batches/\(id)").html
            #expect(buttons(firstPage) == ["初审通过", "确认剔除"])
            #expect(firstPage.contains(APITests.id(1)), "a reviewer sees whole 身份证号")
            #expect(buttons(try await second.get("/batches/\(id)").html) == ["确认剔除"], "复审 waits for 初审")
            #expect(try await first.post("/batches/\(id)/review", [("stage", "first")]).status == .seeOther)
            #expect(try await first.get("/batches/\(id)").html.contains("已完成初审"))
            #expect(buttons(try await second.get("/batches/\(id)").html) == ["复审通过", "确认剔除"])
            try await second.post("/batches/\(id)/review", [("stage", "second")])
            let approverPage = try await approver.get("/batches/\(id)").html
            #expect(buttons(approverPage) == ["审批通过"])
            #expect(!approverPage.contains(APITests.id(1)) && approverPage.contains(Masking.idNumber(text: APITests.id(1))), "an approver sees masked numbers")
            try await approver.post("/batches/\(id)/approve", [])
            let financePage = try await finance.get("/batches/\(id)").html
            #expect(buttons(financePage) == ["发放"])
            #expect(financePage.contains("/batches/\(id)/bank.xlsx") && !approverPage.contains("bank.xlsx"))
            #expect(try await finance.post("/batches/\(id)/pay", [("date", "2024-01-25")]).status == .seeOther)
            let paid = try await finance.get("/batches/\(id)").html
            #expect(paid.contains("已发放：") && paid.contains("已发放") && buttons(paid).isEmpty)
            #expect(paid.contains("liu（liu）") && paid.contains("王主席（wang）") && paid.contains("zhang（zhang）") && paid.contains("li（li）"))
        }
    }

    @Test func aStepTheServerRefusesComesBackAsItsReasonOnTheBatchPage() async throws {
        try await withWorld { client, id in
            var clerk = try await browser(client, "zhou")
            // A forged approval by a clerk: the role refuses it.
            try await clerk.get("/batches/\(id)")
            let forged = try await clerk.post("/batches/\(id)/approve", [])
            #expect(forged.status == .seeOther && forged.headers[.location] == "/batches/\(id)")
            #expect(try await clerk.get("/batches/\(id)").html.contains("未办理：账号 zhou（录入员）无权审批"))
            // A review before computing: the state refuses it.
            var both = try await browser(client, "both")
            try await both.get("/batches/\(id)")
            try await both.post("/batches/\(id)/review", [("stage", "first")])
            #expect(try await both.get("/batches/\(id)").html.contains("未办理：批次 \(id)：批次状态为「草稿」"))
            try await clerk.post("/batches/\(id)/compute", [])
            _ = try await computed(&clerk, id)
            // Segregation of duties: one account, one step.
            try await both.post("/batches/\(id)/review", [("stage", "first")])
            let page = try await both.get("/batches/\(id)").html
            #expect(!buttons(page).contains("复审通过"), "no button for a step segregation of duties refuses")
            try await both.post("/batches/\(id)/review", [("stage", "second")])
            #expect(try await both.get("/batches/\(id)").html.contains("不同人员办理"))
            // A payment date that is no date.
            var finance = try await browser(client, "liu")
            try await finance.get("/batches/\(id)")
            try await finance.post("/batches/\(id)/pay", [("date", "明天")])
            #expect(try await finance.get("/batches/\(id)").html.contains("发放日期「明天」无效"))
            // A form without its token is not taken.
            #expect(try await clerk.post("/batches/\(id)/compute", [], token: "forged").status == .forbidden)
        }
    }

    @Test func aSecondComputationWhileOneRunsIsRefusedAndThePageFollowsTheFirst() async throws {
        try await withWorld { client, id in
            var clerk = try await browser(client, "zhou")
            try await clerk.get("/batches/\(id)")
            // A computation of two archives may end before the next form: until one is caught
            // running, the page starts another (a recomputation is allowed).
            var busy = ""
            for _ in 0..<50 where !busy.contains("正在计算中") {
                try await clerk.post("/batches/\(id)/compute", [])
                try await clerk.post("/batches/\(id)/compute", [])
                busy = try await clerk.get("/batches/\(id)").html
            }
            #expect(busy.contains("正在计算中，请等这次计算完成后再试"))
            #expect(try await computed(&clerk, id).contains("计算完成：2 条对象"))
        }
    }

    @Test func anExclusionNeedsAReasonAndTheFiltersCountTheEntries() async throws {
        try await withWorld { client, id in
            let (_, page) = try await computedByTheClerk(client, id)
            #expect(page.contains("全部 <span class=\"count\">2</span>") && page.contains("符合 <span class=\"count\">2</span>"))
            // QD-002's 4,000 passes the income cap of 2.1 × 1,045 a head a month (002:2205): cut.
            #expect(page.contains("削减 <span class=\"count\">1</span>"))
            var reader = try await browser(client, "jian")
            let cut = try await reader.get("/batches/\(id)?filter=cut").html
            #expect(cut.contains("李秀英") && cut.contains("核减至") && !cut.contains("王建国"))
            var first = try await browser(client, "zhang")
            try await first.get("/batches/\(id)")
            try await first.post("/batches/\(id)/exclude", [("id_number", APITests.id(1)), ("name", "王建国"), ("reason", " ")])
            #expect(try await first.get("/batches/\(id)").html.contains("剔除须填写原因"))
            try await first.post("/batches/\(id)/exclude", [("id_number", APITests.id(1)), ("name", "王建国"), ("reason", "已迁出本市")])
            let after = try await first.get("/batches/\(id)").html
            #expect(after.contains("已剔除 1 条") && after.contains("剔除 <span class=\"count\">1</span>"))
            let excluded = try await first.get("/batches/\(id)?filter=excluded").html
            #expect(excluded.contains("复核剔除：已迁出本市") && excluded.contains("王建国") && !excluded.contains("李秀英"))
            let eligible = try await first.get("/batches/\(id)?filter=eligible").html
            #expect(!eligible.contains(">王建国<"))
        }
    }

    @Test func aUnionAccountSeesItsArchivesEntriesOnlyAndAnotherUnionsBatchIsNotThere() async throws {
        try await withWorld { client, id in
            _ = try await computedByTheClerk(client, id)
            var harbour = try await browser(client, "gang")
            let page = try await harbour.get("/batches/\(id)").html
            #expect(page.contains("王建国") && !page.contains("李秀英"))
            var outside = try await browser(client, "wai")
            #expect(try await outside.get("/batches/\(id)").status == .notFound)
            #expect(!(try await outside.get("/batches").html.contains("春节")))
        }
    }

    @Test func theListsDownloadAsAttachmentsAndTheBankListIsFinancesOnly() async throws {
        try await withWorld { client, id in
            var (clerk, page) = try await computedByTheClerk(client, id)
            #expect(page.contains("/batches/\(id)/notice.xlsx") && !page.contains("bank.xlsx"))
            let notice = try await clerk.get("/batches/\(id)/notice.xlsx")
            #expect(notice.status == .ok)
            #expect(notice.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(notice.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            #expect(try await clerk.get("/batches/\(id)/bank.csv").status == .forbidden)
            #expect(try await clerk.get("/batches/\(id)/other.csv").status == .notFound)
        }
    }

    @Test func theWorkbenchLinksAWaitingBatchToItsPage() async throws {
        try await withWorld { client, id in
            var clerk = try await browser(client, "zhou")
            #expect(try await clerk.get("/").html.contains("href=\"/batches/\(id)\""))
        }
    }
}
