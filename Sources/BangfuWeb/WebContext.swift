import BangfuStore
import Hummingbird

/// What a request carries through the router: Hummingbird's core context, and the account
/// its bearer token signed in (nil before `Authentication` has run, or on `/login`).
public struct WebContext: Hummingbird.RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, once `Authentication` has accepted the token.
    public var account: Account?
    /// The token itself, for `/logout`.
    public var token: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        account = nil
        token = nil
    }
}
