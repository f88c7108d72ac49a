import Foundation

/// What `bangfu serve` hands the web application besides the database.
public struct WebSettings: Sendable {
    /// The policy files (`*.toml`) and `projects/`, as `--policies` names them.
    public var policiesDirectory: String
    /// Uploads larger than this are refused (413) before they fill a disk.
    public var uploadLimit: Int
    /// Cookies marked `Secure` even without a proxy saying the browser's side is TLS: for a
    /// server that is only ever reached over HTTPS.
    public var alwaysSecureCookies: Bool

    public init(policiesDirectory: String = "policies", uploadLimit: Int = 512 << 20, alwaysSecureCookies: Bool = false) {
        self.policiesDirectory = policiesDirectory
        self.uploadLimit = uploadLimit
        self.alwaysSecureCookies = alwaysSecureCookies
    }
}
