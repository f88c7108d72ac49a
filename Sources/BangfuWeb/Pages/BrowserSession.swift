import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// The browser's side of a session (spec §9): the same sessions as the API's tokens, the
/// token carried in an `HttpOnly`, `SameSite=Strict` cookie (`Secure` over TLS), and every
/// form that changes something carrying a token derived from it.
enum BrowserSession {
    static let cookieName = "bangfu_session"
    /// The sign-in form's own token, before there is a session to derive one from.
    static let signInCookieName = "bangfu_signin"

    /// The CSRF token of the session `token`: a digest of it, so that it needs no storage,
    /// changes with every sign-in, and tells nothing of the token (which script cannot read).
    static func formToken(of token: String) -> String {
        var hash = SHA256()
        hash.update(Array("bangfu form token:\(token)".utf8))
        return hash.hexDigest()
    }

    /// Whether the browser reached us over TLS, directly or through a proxy that says so.
    static func isSecure(_ request: Request, _ settings: WebSettings) -> Bool {
        settings.alwaysSecureCookies || request.head.scheme == "https" || request.headers[.xForwardedProto]?.lowercased() == "https"
    }

    /// The session cookie for `token` (empty and expired: the cookie removed).
    static func cookie(_ name: String, _ value: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: value.isEmpty ? 0 : nil, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

}

/// Lets a page request through when its session cookie names a live session, with the
/// account in the context; sends the browser to the sign-in page otherwise, telling it when
/// the session ended by idling (spec §9: 30 minutes).
struct PageSignIn: RouterMiddleware {
    typealias Context = WebContext
    let store: BangfuDatabase

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let back = request.method == .get ? "?next=" + PageLinks.query(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")) : ""
        guard let token = request.cookies[BrowserSession.cookieName]?.value, !token.isEmpty else { return redirect(to: "/login" + back) }
        let store = store
        let now = BangfuApp.RequestContext(actor: try Person(name: "web"))
        let account: Account
        do {
            account = try await Blocking.run { try Sessions.account(of: token, in: store, context: now) }
        } catch SignInError.notSignedIn {
            var response = redirect(to: "/login" + (back.isEmpty ? "?" : back + "&") + "ended=1")
            response.setCookie(BrowserSession.cookie(BrowserSession.cookieName, "", secure: false))
            return response
        }
        var context = context
        context.account = account
        context.token = token
        return try await next(request, context)
    }
}
