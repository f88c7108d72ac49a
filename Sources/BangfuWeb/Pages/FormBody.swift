import BangfuCore
import Foundation
import HTTPTypes
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), read whole up to a small
/// limit: every value of every field, in order (a field may repeat, as members' rows do).
struct FormBody: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    static let limit = 1 << 20

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    /// The form of `request`, after checking that it comes from one of our own pages: the
    /// browser says so (`Sec-Fetch-Site`, `Origin`) when it says anything, and the form's
    /// `_csrf` field equals `expectedToken`.
    static func read(_ request: Request, expectedToken: String) async throws -> FormBody {
        try SameOrigin.check(request)
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let form = FormBody(String(buffer: buffer))
        guard let token = form["_csrf"], constantTimeEqual(token, expectedToken) else { throw FormRefused.missingToken }
        return form
    }

    /// The first value of field `name`.
    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of field `name`, in the order the form sent them.
    func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// Refuses a state-changing request that a browser says came from another site.
enum SameOrigin {
    static func check(_ request: Request) throws {
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" { throw FormRefused.crossSite }
        if let origin = request.headers[.origin], let host = request.head.authority {
            let originHost = URL(string: origin)?.host.map { host in URL(string: origin)?.port.map { "\(host):\($0)" } ?? host }
            guard originHost == host || URL(string: origin)?.host == host else { throw FormRefused.crossSite }
        }
    }
}

/// Compares two tokens in time independent of where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}

/// A form that did not come from our own page, or whose page is too old to trust.
enum FormRefused: Error, UserFacingError {
    case missingToken
    case crossSite

    var chinese: String {
        switch self {
        case .missingToken: "表单已过期或来源不明，请刷新页面后重新提交"
        case .crossSite: "拒绝来自其他网站的提交"
        }
    }

    var english: String {
        switch self {
        case .missingToken: "form token missing or wrong"
        case .crossSite: "cross-site form submission refused"
        }
    }

    var failure: Failure { .refused }
}
