import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// Accepts a request whose `Authorization: Bearer TOKEN` names a live session (spec §9),
/// and puts its account in the context; refuses with 401 otherwise.
struct Authentication: RouterMiddleware {
    typealias Context = WebContext
    let store: BangfuDatabase

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return APIResponse.error(SignInError.notSignedIn) }
        let token = String(header.dropFirst("Bearer ".count))
        let store = store
        let now = BangfuApp.RequestContext(actor: try Person(name: "api"))
        let account = try await Blocking.run { try Sessions.account(of: token, in: store, context: now) }
        var context = context
        context.account = account
        context.token = token
        return try await next(request, context)
    }
}

extension WebContext {
    /// The signed-in account; only routes behind `Authentication` ask.
    func signedIn() throws -> Account {
        guard let account else { throw SignInError.notSignedIn }
        return account
    }

    /// A request of the signed-in account, now: who the audit lines name.
    func request() throws -> BangfuApp.RequestContext {
        BangfuApp.RequestContext(actor: try Person(name: try signedIn().login))
    }
}
