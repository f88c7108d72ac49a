import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// 操作记录 and 账号管理 (spec §9, issue 16), driven in memory through the router as a
/// browser would: the auditor's and the administrator's pages, and every refusal.
struct AdminPageTests {
    /// `OpenAPIConformanceTests.world()` — an administrator `guan`, a city auditor `jian`, a
    /// city clerk `zhou`, a 港工会 clerk `gang` — and a 港工会 auditor `gangjian`.
    func app() throws -> (BangfuDatabase, some ApplicationProtocol) {
        let (store, _) = try OpenAPIConformanceTests().world()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        _ = try Accounts.add(
            AccountRequest(login: "gangjian", name: "港监督", roles: [.auditor], union: "港工会"), password: "Secret2024pass", in: store, context: shell)
        return (store, Application(router: buildRouter(store: store)))
    }

    // MARK: - 操作记录

    @Test func theAuditorReadsTheTrailNewestFirstWithNamesAndChineseActions() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("jian")
            let (status, _, html) = try await browser.get("/audit")
            #expect(status == .ok)
            #expect(html.contains(#"<a href="/audit" aria-current="page">操作记录</a>"#))
            #expect(!html.contains("账号管理"), "the auditor manages no account")
            #expect(html.contains("新建账号") && html.contains("登录") && html.contains("导入家庭档案"))
            #expect(html.contains(#"<td class="nowrap">jian <span class="muted">jian</span></td>"#), "the account and its name")
            let newest = try #require(html.range(of: "登录</span>"))
            let oldest = try #require(html.range(of: "导入家庭档案</span>"))
            #expect(newest.lowerBound < oldest.lowerBound, "newest first: the sign-in before the import")
            #expect(!html.contains("+08:00") && !html.contains("+00:00"), "times are shown where the server is, without the offset")
            #expect(try store.auditCount(AuditFilter()) > 0)
        }
    }

    @Test func theTrailIsFilteredByAccountAndActionAndPagedByFifty() async throws {
        let (store, app) = try app()
        for minute in 0..<60 {
            try store.appendAudit(actor: "zhou", action: .archiveView, detail: "QD-\(1000 + minute)", at: "2024-03-01T09:\(minute < 10 ? "0" : "")\(minute):00+08:00")
        }
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("guan")
            let first = try await browser.get("/audit?account=zhou&action=archive%20view").html
            #expect(first.contains("共 <strong>60</strong> 条符合条件的记录"))
            #expect(first.contains("QD-1059") && !first.contains("QD-1009"), "the newest 50 on the first page")
            #expect(first.contains("第 1 / 2 页"))
            #expect(first.contains(#"href="/audit?account=zhou&amp;action=archive%20view&amp;page=2""#))
            #expect(first.contains(#"<option value="archive view" selected>查看档案</option>"#))
            let second = try await browser.get("/audit?account=zhou&action=archive%20view&page=2").html
            #expect(second.contains("QD-1009") && !second.contains("QD-1010"))
            let window = try await browser.get("/audit?from=2024-03-01&from_time=09:10&to=2024-03-01&to_time=09:11").html
            #expect(window.contains("共 <strong>2</strong> 条"))
        }
    }

    @Test func aBadDateIsShownOnItsFieldInChinese() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("jian")
            let (status, _, html) = try await browser.get("/audit?from=2024-02-30")
            #expect(status == .unprocessableContent)
            #expect(html.contains(#"<label class="invalid"><span class="sr">起始日期</span>"#))
            #expect(html.contains("不是日期，应为 YYYY-MM-DD"))
            let time = try await browser.get("/audit?to=2024-02-01&to_time=25:00")
            #expect(time.status == .unprocessableContent && time.html.contains("不是时间"))
        }
    }

    @Test func aUnionsAuditorReadsOnlyItsUnionsPartOfTheTrail() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gangjian")
            let html = try await browser.get("/audit").html
            #expect(html.contains("本账号属于港工会"))
            let table = String(html[try #require(html.range(of: "<tbody>")).lowerBound...])
            #expect(table.contains("<td>gang</td>") && table.contains(">gangjian <span"), "its accounts' lines and the lines about them")
            #expect(!table.contains(">jian <span") && !table.contains(">guan <span") && !table.contains("<td>jian</td>"))
            #expect(!table.contains("导入家庭档案"), "a city import is not its union's")
        }
    }

    @Test(arguments: ["zhou", "gang", "wang"])
    func otherRolesAreRefusedTheTrailWithAChinesePageAndNoMenuEntry(login: String) async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn(login)
            let home = try await browser.get("/").html
            #expect(!home.contains("操作记录") && !home.contains("账号管理"))
            let (status, _, html) = try await browser.get("/audit")
            #expect(status == .forbidden)
            #expect(html.contains("无权查看操作记录"))
            let accounts = try await browser.get("/accounts")
            #expect(accounts.status == .forbidden && accounts.html.contains("无权管理账号"))
        }
    }

    // MARK: - 账号管理

    @Test func theAdministratorListsTheAccountsWithRolesUnionStateAndLastSignIn() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("guan")
            let (status, _, html) = try await browser.get("/accounts")
            #expect(status == .ok)
            #expect(html.contains(#"<a href="/accounts" aria-current="page">账号管理</a>"#))
            #expect(html.contains(#"<a href="/accounts/gang">gang</a></td><td>港录入员</td><td>录入员</td><td>港工会</td>"#))
            #expect(html.contains(#"<a href="/accounts/wang">wang</a></td><td>王主席</td><td>审批</td><td>全市</td>"#))
            #expect(html.contains("从未登录"), "gangjian never signed in")
            #expect(!html.contains(#"<a href="/accounts/guan">guan</a></td><td>guan</td><td>管理员</td><td>全市</td><td><span class="status active">启用</span></td><td class="nowrap">从未登录"#), "guan signed in")
        }
    }

    @Test func anAccountIsAddedAndItsProblemsAreShownOnTheirFields() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("guan")
            let form = try await browser.get("/accounts/new").html
            #expect(form.contains(#"name="password" autocomplete="new-password""#) && form.contains(#"name="password_again" autocomplete="new-password""#))
            #expect(form.contains(#"<option value="海尔工会">"#) && form.contains(#"<option value="港工会">"#), "the unions the archives name, to pick from")
            func fields(login: String = "sun", password: String = "Strong2025pass", again: String = "Strong2025pass", roles: [String] = ["clerk"]) -> [(String, String)] {
                [("login", login), ("name", "孙会计"), ("union", "港工会"), ("password", password), ("password_again", again)] + roles.map { ("role", $0) }
            }
            let differ = try await browser.post("/accounts/new", fields(again: "Strong2025pasS"))
            #expect(differ.status == .unprocessableContent)
            #expect(differ.html.contains("两次输入的密码不一致"))
            #expect(differ.html.contains(#"value="sun""#) && !differ.html.contains("Strong2025pass"), "typed back but for the passwords")
            let weak = try await browser.post("/accounts/new", fields(password: "short1", again: "short1"))
            #expect(weak.html.contains("至少需要10个"))
            let noRole = try await browser.post("/accounts/new", fields(roles: []))
            #expect(noRole.html.contains(#"<fieldset class="roles invalid">"#) && noRole.html.contains("至少须有一个角色"))
            let badLogin = try await browser.post("/accounts/new", fields(login: "Sun Li"))
            #expect(badLogin.html.contains(#"<label class="invalid"><span>账号"#))
            let taken = try await browser.post("/accounts/new", fields(login: "zhou"))
            #expect(taken.html.contains("账号 zhou 已存在"))
            #expect(try store.account("sun") == nil)
            let added = try await browser.post("/accounts/new", fields(roles: ["clerk", "finance"]))
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/accounts/sun?done=added")
            let page = try await browser.get("/accounts/sun?done=added").html
            #expect(page.contains("已新建账号。") && page.contains("录入员、财务 · 港工会"))
            #expect(try store.account("sun")?.roles == [.clerk, .finance])
            let lines = try store.auditLines()
            #expect(!lines.contains { $0.detail.contains("Strong2025pass") })
        }
    }

    @Test func disablingAnAccountEndsItsSessionAndTheAdministratorCannotDisableThemself() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var clerk = Browser(client)
            _ = try await clerk.signIn("zhou")
            #expect(try await clerk.get("/archives").status == .ok)
            var admin = Browser(client)
            _ = try await admin.signIn("guan")
            _ = try await admin.get("/accounts/zhou")
            let disabled = try await admin.post("/accounts/zhou/active", [("active", "0")])
            #expect(disabled.status == .seeOther && disabled.headers[.location] == "/accounts/zhou?done=disabled")
            #expect(try await clerk.get("/archives").headers[.location]?.hasPrefix("/login") == true, "the clerk's session ended at once")
            #expect(try await clerk.signIn("zhou") == .unauthorized)
            let page = try await admin.get("/accounts/zhou?done=disabled").html
            #expect(page.contains("账号已停用") && page.contains("启用账号"))
            _ = try await admin.get("/accounts/guan")
            let own = try await admin.post("/accounts/guan/active", [("active", "0")])
            #expect(own.status == .conflict)
            #expect(own.html.contains("不能停用自己正在使用的账号"))
            #expect(try await admin.get("/accounts").status == .ok, "still signed in and active")
        }
    }

    @Test func aPasswordIsResetTypedTwice() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var admin = Browser(client)
            _ = try await admin.signIn("guan")
            _ = try await admin.get("/accounts/zhou")
            let differ = try await admin.post("/accounts/zhou/password", [("password", "Newer2025pass"), ("password_again", "Newer2025")])
            #expect(differ.status == .unprocessableContent && differ.html.contains("两次输入的密码不一致"))
            let reset = try await admin.post("/accounts/zhou/password", [("password", "Newer2025pass"), ("password_again", "Newer2025pass")])
            #expect(reset.status == .seeOther && reset.headers[.location] == "/accounts/zhou?done=password")
            #expect(!(reset.headers[.location] ?? "").contains("Newer"))
            var clerk = Browser(client)
            #expect(try await clerk.signIn("zhou", password: "Newer2025pass") == .seeOther)
        }
    }

    @Test func rolesAndUnionAreAssignedAndTheOwnAdminRoleIsKept() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var admin = Browser(client)
            _ = try await admin.signIn("guan")
            _ = try await admin.get("/accounts/zhou")
            let saved = try await admin.post("/accounts/zhou/roles", [("role", "first_reviewer"), ("role", "auditor"), ("union", "港工会")])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/accounts/zhou?done=roles")
            #expect(try store.account("zhou")?.roles == [.firstReviewer, .auditor])
            #expect(try store.account("zhou")?.union == "港工会")
            let city = try await admin.post("/accounts/zhou/roles", [("role", "first_reviewer"), ("union", "")])
            #expect(city.status == .seeOther)
            #expect(try store.account("zhou")?.union == nil)
            let none = try await admin.post("/accounts/zhou/roles", [("union", "")])
            #expect(none.status == .unprocessableContent && none.html.contains("至少须有一个角色"))
            _ = try await admin.get("/accounts/guan")
            let own = try await admin.post("/accounts/guan/roles", [("role", "auditor")])
            #expect(own.status == .conflict)
            #expect(own.html.contains("不能取消自己的管理员角色"))
            #expect(own.html.contains(#"<input type="checkbox" name="role" value="auditor" checked>"#), "the boxes as ticked")
            #expect(try store.account("guan")?.roles == [.admin])
            let missing = try await admin.get("/accounts/nobody")
            #expect(missing.status == .notFound)
        }
    }

    @Test func everyAccountFormNeedsTheTokenAndTheAdministrator() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var admin = Browser(client)
            _ = try await admin.signIn("guan")
            _ = try await admin.get("/accounts")
            for path in ["/accounts/new", "/accounts/zhou/active", "/accounts/zhou/password", "/accounts/zhou/roles"] {
                #expect(try await admin.post(path, [("active", "0"), ("role", "admin")], token: "forged").status == .forbidden)
            }
            var auditor = Browser(client)
            _ = try await auditor.signIn("jian")
            _ = try await auditor.get("/")
            let refused = try await auditor.post("/accounts/zhou/roles", [("role", "admin")])
            #expect(refused.status == .forbidden && refused.html.contains("无权管理账号"))
            #expect(try await auditor.post("/accounts/zhou/active", [("active", "0")]).status == .forbidden)
            #expect(try store.account("zhou")?.roles == [.clerk] && store.account("zhou")?.isActive == true)
        }
    }
}
