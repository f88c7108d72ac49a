import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// The sign-in page and signing out (spec §8, §9). A new session — and so a new cookie —
/// at every sign-in (no fixation); the sign-in form carries a token of its own, paired with
/// a cookie, since there is no session yet to derive one from.
func addSignInPages(to router: Router<WebContext>, store: BangfuDatabase, pages: PageRenderer, settings: WebSettings) {
    router.get("login") { request, _ -> Response in
        let query = request.uri.queryParameters
        let notice: String? =
            query["ended"] != nil ? "您已 30 分钟未操作或已在别处退出，请重新登录" : query["bye"] != nil ? "已安全退出" : nil
        return try signInPage(pages, request, settings, next: query["next"].map(String.init), notice: notice, problem: nil, status: .ok)
    }

    router.post("login") { request, _ -> Response in
        try SameOrigin.check(request)
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: FormBody.limit)))
        let next = PageLinks.safeNext(form["next"])
        guard let sent = form["_csrf"], let paired = request.cookies[BrowserSession.signInCookieName]?.value,
            constantTimeEqual(sent, paired)
        else {
            return try signInPage(pages, request, settings, next: next, notice: nil, problem: FormRefused.missingToken.chinese, status: .forbidden)
        }
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let now = BangfuApp.RequestContext(actor: try Person(name: "web"))
        do {
            let (token, _) = try await Blocking.run { try Sessions.signIn(login: login, password: password, in: store, context: now) }
            var response = redirect(to: next)
            let secure = BrowserSession.isSecure(request, settings)
            response.setCookie(BrowserSession.cookie(BrowserSession.cookieName, token, secure: secure))
            response.setCookie(BrowserSession.cookie(BrowserSession.signInCookieName, "", secure: secure))
            return response
        } catch let error as SignInError {
            let status: HTTPResponse.Status = error == .locked ? .tooManyRequests : .unauthorized
            return try signInPage(pages, request, settings, next: next, notice: nil, problem: error.chinese, status: status, login: login)
        }
    }

    router.post("logout") { request, _ -> Response in
        let secure = BrowserSession.isSecure(request, settings)
        var response = redirect(to: "/login?bye=1")
        if let token = request.cookies[BrowserSession.cookieName]?.value, !token.isEmpty {
            _ = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: token))
            let now = BangfuApp.RequestContext(actor: try Person(name: "web"))
            try? await Blocking.run { try Sessions.signOut(token: token, in: store, context: now) }
        }
        response.setCookie(BrowserSession.cookie(BrowserSession.cookieName, "", secure: secure))
        return response
    }
}

/// The sign-in form, with a fresh form token in its cookie.
private func signInPage(
    _ pages: PageRenderer, _ request: Request, _ settings: WebSettings, next: String?, notice: String?, problem: String?,
    status: HTTPResponse.Status, login: String = ""
) throws -> Response {
    let token = Sessions.newToken()
    var response = try pages.page(
        "login",
        ["title": "登录", "csrf": token, "next": PageLinks.safeNext(next), "notice": notice, "problem": problem, "login": login]
            .compactMapValues { $0 },
        status: status)
    response.setCookie(BrowserSession.cookie(BrowserSession.signInCookieName, token, secure: BrowserSession.isSecure(request, settings)))
    return response
}
