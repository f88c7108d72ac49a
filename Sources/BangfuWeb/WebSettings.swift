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

    public init(
        policiesDirectory: String = "policies", policies: [Policy] = [], uploadLimit: Int = defaultUploadLimit,
        uploadFolder: URL = FileManager.default.temporaryDirectory, alwaysSecureCookies: Bool = false
    ) {
        self.policiesDirectory = policiesDirectory
        self.policies = policies
        self.uploadLimit = uploadLimit
        self.uploadFolder = uploadFolder
        self.alwaysSecureCookies = alwaysSecureCookies
    }
}
