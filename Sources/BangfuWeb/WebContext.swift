import BangfuCore
import Foundation
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

extension WebContext {
    /// The `{archive_no}` of the path as the archive is numbered: the router hands the
    /// segment over as sent, percent-encoded, and an archive number may hold any character
    /// (`青港-001`), which a browser or a client encodes.
    func archiveNumber() throws -> ArchiveNumber {
        let segment = try parameters.require("archive_no")
        return ArchiveNumber(segment.removingPercentEncoding ?? segment)
    }
}
