import BangfuCore
import Foundation

/// What `bangfu serve` hands the web application besides the database.
public struct WebSettings: Sendable {
    /// The policy files (`*.toml`) and `projects/`, as `--policies` names them.
    public var policiesDirectory: String
    /// The policies of that folder, read once at start (the income check of an archive's
    /// category takes its 低保 from them).
    public var policies: [Policy]
    /// Uploads larger than this are refused (413) before they fill a disk.
    public var uploadLimit: Int
    /// Where uploads are written while they are received and imported: `serve` gives the
    /// folder of its own `UploadSpool`, which the next start clears if the server is killed.
    public var uploadFolder: URL
    /// Cookies marked `Secure` even without a proxy saying the browser's side is TLS: for a
    /// server that is only ever reached over HTTPS.
    public var alwaysSecureCookies: Bool
    /// Seconds a connection may send nothing — between requests, or in the middle of one
    /// (a request's head sent a byte at a time, a body that stops) — before it is closed:
    /// a client that opens connections and never finishes them cannot hold the server's
    /// sockets. A response being written is never cut.
    public var idleTimeout: Int

    public init(
        policiesDirectory: String = "policies", policies: [Policy] = [], uploadLimit: Int = defaultUploadLimit,
        uploadFolder: URL = FileManager.default.temporaryDirectory, alwaysSecureCookies: Bool = false, idleTimeout: Int = defaultIdleTimeout
    ) {
        self.policiesDirectory = policiesDirectory
        self.policies = policies
        self.uploadLimit = uploadLimit
        self.uploadFolder = uploadFolder
        self.alwaysSecureCookies = alwaysSecureCookies
        self.idleTimeout = idleTimeout
    }
}

/// The idle time after which `bangfu serve` closes a connection, unless told otherwise: long
/// enough for a browser's keep-alive between two clicks, short enough that a stalled client
/// lets go of its socket within a minute.
public let defaultIdleTimeout = 60
