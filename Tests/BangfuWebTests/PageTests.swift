import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser's conversation with the pages, in memory: the cookies it keeps and the form
/// token of the last page it read.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var formToken = ""

    init(_ client: some TestClientProtocol) { self.client = client }

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    /// `uri` fetched with the cookies; the answer's cookies and form token kept.
    @discardableResult
    mutating func get(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        let answer = try await client.execute(uri: uri, method: .get, headers: cookieHeader, body: nil) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
        keep(answer.1, answer.2)
        return answer
    }

    /// A form posted with the cookies (and the page's form token unless `token` says other).
    @discardableResult
    mutating func post(_ uri: String, _ fields: [(String, String)], token: String? = nil, headers: HTTPFields = [:])
        async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String)
    {
        var all = cookieHeader
        all[.contentType] = "application/x-www-form-urlencoded"
        for field in headers { all.append(field) }
        let body = ([("_csrf", token ?? formToken)] + fields).map { "\($0.0)=\(PageTests.encode($0.1))" }.joined(separator: "&")
        let answer = try await client.execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: body)) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
        keep(answer.1, answer.2)
        return answer
    }

    /// Signs in through the sign-in page.
    mutating func signIn(_ login: String, password: String = "Secret2024pass") async throws -> HTTPResponse.Status {
        try await get("/login")
        return try await post("/login", [("login", login), ("password", password), ("next", "/")]).status
    }

    private mutating func keep(_ headers: HTTPFields, _ html: String) {
        for line in headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = value }
        }
        if let range = html.range(of: "name=\"_csrf\" value=\"") {
            formToken = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }
}

/// The clerks' pages (spec §9), driven in memory through the router.
struct PageTests {
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    func app() throws -> some ApplicationProtocol { Application(router: buildRouter(store: try APITests().store())) }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            let (status, headers, html) = try await browser.get("/login")
            #expect(status == .ok)
            #expect(html.contains("<h1>登录</h1>"))
            let policy = try #require(headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(headers[.xContentTypeOptions] == "nosniff")
            #expect(headers[.cacheControl] == "no-store")
        }
    }

    @Test func signingInSetsAStrictHttpOnlySessionCookieAndOpensTheWorkbench() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/login")
            let answer = try await browser.post("/login", [("login", "gang"), ("password", "Secret2024pass"), ("next", "/archives")])
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/archives")
            let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("bangfu_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            let (status, _, html) = try await browser.get("/")
            #expect(status == .ok)
            #expect(html.contains("工作台") && html.contains("港录入员"))
        }
    }

    @Test func aProxySayingHTTPSMakesTheCookieSecure() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/login")
            let answer = try await browser.post(
                "/login", [("login", "gang"), ("password", "Secret2024pass")], headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(answer.headers[values: .setCookie].contains { $0.hasPrefix("bangfu_session=") && $0.contains("Secure") })
        }
    }

    @Test func theSignInFormWithoutItsTokenIsRefused() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/login")
            let answer = try await browser.post("/login", [("login", "gang"), ("password", "Secret2024pass")], token: "forged")
            #expect(answer.status == .forbidden)
            #expect(answer.html.contains("表单已过期或来源不明"))
            #expect(browser.cookies["bangfu_session"] == nil)
        }
    }

    @Test func aFormFromAnotherSiteIsRefused() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/login")
            let answer = try await browser.post(
                "/login", [("login", "gang"), ("password", "Secret2024pass")], headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(answer.status == .forbidden)
            #expect(answer.html.contains("拒绝来自其他网站的提交"))
        }
    }

    @Test func aWrongPasswordSaysSoInChineseAndTheSixthTryIsLocked() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            for _ in 1...5 {
                try await browser.get("/login")
                let answer = try await browser.post("/login", [("login", "gang"), ("password", "wrong-password-1")])
                #expect(answer.status == .unauthorized)
                #expect(answer.html.contains("账号或密码错误"))
            }
            try await browser.get("/login")
            let locked = try await browser.post("/login", [("login", "gang"), ("password", "Secret2024pass")])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.html.contains("已锁定15分钟"))
            #expect(browser.cookies["bangfu_session"] == nil)
        }
    }

    @Test func aPageWithoutASessionSendsTheBrowserToSignInAndBack() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            let (status, headers, _) = try await browser.get("/archives?q=QD")
            #expect(status == .seeOther)
            #expect(headers[.location] == "/login?next=%2Farchives%3Fq%3DQD")
            browser.cookies["bangfu_session"] = String(repeating: "0", count: 64)
            let ended = try await browser.get("/")
            #expect(ended.headers[.location] == "/login?next=%2F&ended=1")
            let page = try await browser.get("/login?ended=1")
            #expect(page.html.contains("30 分钟未操作"))
        }
    }

    @Test func signingOutNeedsTheFormTokenAndEndsTheSession() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.signIn("gang") == .seeOther)
            try await browser.get("/")
            let session = try #require(browser.cookies["bangfu_session"])
            let forged = try await browser.post("/logout", [], token: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
            let out = try await browser.post("/logout", [])
            #expect(out.headers[.location] == "/login?bye=1")
            browser.cookies["bangfu_session"] = session
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func theSearchPageShowsOnlyTheUnionsArchives() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            let (status, _, html) = try await browser.get("/archives")
            #expect(status == .ok)
            #expect(html.contains("QD-001") && html.contains(APITests.id(1)))
            #expect(!html.contains("QD-002"))
        }
    }

    @Test func theSearchPageMasksNumbersForAnApprover() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            let html = try await browser.get("/archives").html
            #expect(html.contains("共 <strong>2</strong> 户"))
            #expect(!html.contains(APITests.id(2)))
            #expect(html.contains(String(APITests.id(2).prefix(6)) + "********" + String(APITests.id(2).suffix(4))))
            #expect(!html.contains("href=\"/archives/new\""))
        }
    }

    @Test func anUnknownPageIsAChinese404() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            let (status, _, html) = try await browser.get("/nowhere")
            #expect(status == .notFound)
            #expect(html.contains("没有这个页面"))
        }
    }

    @Test func theStyleSheetIsServedAndMayBeCached() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            let (status, headers, css) = try await browser.get("/static/bangfu.css")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/css; charset=utf-8")
            #expect(headers[.cacheControl] == "public, max-age=3600")
            #expect(css.contains("header.top"))
        }
    }

    @Test func theWorkbenchShowsEachAccountTheBatchWaitingForItsStep() async throws {
        let (store, id) = try BatchAPITests().store()
        let clerk = BangfuApp.RequestContext(actor: try Person(name: "zhou"))
        _ = try Batches.compute(batch: id, in: store, context: clerk)
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            var reviewer = Browser(client)
            _ = try await reviewer.signIn("zhang")
            let waiting = try await reviewer.get("/").html
            #expect(waiting.contains("春节") && waiting.contains("<span class=\"tag\">初审</span>"))
            var secondReviewer = Browser(client)
            _ = try await secondReviewer.signIn("li")
            #expect(try await secondReviewer.get("/").html.contains("目前没有等待您办理的批次"))
        }
    }

    @Test func theWorkbenchListsAClerksArchivesUnchangedForAYear() async throws {
        // APITests' archives were imported today: nothing is a year old yet.
        try await app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            #expect(!(try await browser.get("/").html.contains("一年未改的档案")))
            let list = try await browser.get("/archives/unchanged")
            #expect(list.status == .ok && list.html.contains("没有一年未改的档案"))
        }
    }

    @Test func theSearchPageFiltersByCategoryAndUnion() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            let relative = try await browser.get("/archives?category=relative").html
            #expect(relative.contains("QD-002") && !relative.contains("QD-001"))
            let harbour = try await browser.get("/archives?union=%E6%B8%AF%E5%B7%A5%E4%BC%9A").html
            #expect(harbour.contains("QD-001") && !harbour.contains("QD-002"))
            #expect(harbour.contains("name=\"union\" value=\"港工会\""), "the filter stays in the form")
        }
    }

    @Test func theWorkbenchCountsDuplicateFindingsInTheBackground() async throws {
        try await app().test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            var html = try await browser.get("/").html
            #expect(html.contains("重复救助检查"))
            for _ in 0..<100 where !html.contains("没有发现重复救助") {
                try await Task.sleep(for: .milliseconds(50))
                html = try await browser.get("/").html
            }
            #expect(html.contains("年的救助记录中没有发现重复救助"))
        }
    }
}
