/// The one-time message a form leaves for the page it redirects to (done, or refused with
/// the reason), kept by session: the message never travels in a URL, where a link from
/// elsewhere could put any text on our page.
actor PageNotices {
    /// A message and whether it is a refusal.
    struct Notice: Sendable {
        var text: String
        var isRefusal: Bool
        /// Its details, one a line: every bad row of a refused file.
        var lines: [String] = []
    }

    private var notices: [String: Notice] = [:]

    /// Leaves `notice` for the next page of the session `token`.
    func leave(_ notice: Notice, for token: String) { notices[token] = notice }

    /// The message left for the session `token`, once.
    func take(for token: String) -> Notice? { notices.removeValue(forKey: token) }
}
