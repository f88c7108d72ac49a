import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// 操作记录 (spec §9, the auditor's and the administrator's): the trail newest first, 50 a
/// page, filtered by account, action and time; the filtering and paging done by the store.
/// A union's auditor reads its union's part only (`AuditTrail`).
func addAuditPage(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer) {
    pages.get("audit") { request, context -> Response in
        let account = try context.signedIn()
        let zone = try context.request().timeZone
        let query = AuditQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        let accounts = try await Blocking.run { try AuditTrail.accounts(viewer: account, in: store) }
        var values = PageFrame.values("操作记录", account: account, token: context.token ?? "", current: "/audit")
        values.merge(AuditPageValues.form(query, accounts: accounts, viewer: account)) { _, new in new }
        let filter: AuditFilter
        let page: Int
        do {
            filter = try query.filter()
            page = try query.number("page") ?? 1
        } catch let problem as AuditQueryProblem {
            values["fieldProblem_" + problem.field] = problem.reason
            return try renderer.page("audit", values, status: .unprocessableContent)
        }
        let found = try await Blocking.run { try AuditTrail.page(filter, page: page, perPage: AuditPageValues.perPage, viewer: account, in: store) }
        values["listed"] = true
        values["total"] = found.totalIsCapped ? "\(found.total) 以上" : "\(found.total)"
        values["found"] = !found.lines.isEmpty
        values["lines"] = found.lines.map { AuditPageValues.line($0, in: zone) }
        values.merge(PageLinks.paging(AuditPageValues.link(query), page: page, total: found.total, perPage: AuditPageValues.perPage)) { _, new in new }
        return try renderer.page("audit", values)
    }
}

/// The audit page's values: the filter as typed, and each line in Chinese.
enum AuditPageValues {
    static let perPage = 50
    static let fields = ["account", "action", "from", "from_time", "to", "to_time"]

    /// The filter's fields as the viewer typed them, the accounts to pick from and the
    /// actions by their Chinese names.
    static func form(_ query: AuditQuery, accounts: [Account], viewer: Account) -> [String: Any] {
        var values: [String: Any] = [:]
        for field in fields { values["value_" + field] = query[field] ?? "" }
        values["accounts"] = accounts.map { ["login": $0.login, "name": $0.name] }
        values["actions"] = AuditAction.known.map { action -> [String: Any] in
            ["value": action.stored, "label": action.chineseName, "selected": action.stored == query["action"]]
        }
        values["filtered"] = fields.contains { query[$0] != nil }
        if let union = viewer.union { values["unionOnly"] = union }
        return values
    }

    /// The link to this filter's pages, ending in `&` for `PageLinks.paging`.
    static func link(_ query: AuditQuery) -> String {
        "/audit?" + fields.compactMap { field in query[field].map { "\(field)=\(PageLinks.query($0))&" } }.joined()
    }

    /// One line: its time where the server is, who (login and name), the action in Chinese,
    /// what it is about and its detail.
    static func line(_ line: AuditLine, in zone: TimeZone) -> [String: Any] {
        var about: [String] = []
        if let batch = line.batchID { about.append("批次 #\(batch)") }
        if !line.subject.isEmpty, line.subject != line.actor { about.append(line.subject) }
        var values: [String: Any] = [
            "at": readable(line.at, in: zone), "actor": line.actor, "action": line.action.chineseName,
            "actionClass": line.action == .signInFailed ? "failed" : "", "about": about.joined(separator: " · "), "detail": line.detail,
        ]
        if let name = line.actorName { values["actorName"] = name }
        return values
    }

    /// `2026-11-23T10:15:02+08:00` as `2026-11-23 10:15:02` in `zone`; a time that does not
    /// read as one is shown as stored.
    static func readable(_ at: String, in zone: TimeZone) -> String {
        guard let moment = ISO8601DateFormatter().date(from: at) else { return at }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: moment)
    }
}
