import BangfuApp
import BangfuCore
import BangfuStore
import Hummingbird

/// `GET /api/v1/audit?from=&to=&account=` (spec §9): the trail, oldest first, as
/// `[{"at", "account", "action", "detail"}]`. Beyond the spec, and only when asked: `action=`
/// (the stored words, e.g. `sign in`), a time on either bound (`2026-11-23T09:30`), and
/// `page=` / `per_page=` (then that slice of the same array; oldest first, so a page stays
/// the same while lines are added). A value that is no date, time or page is 422.
func addAuditRoutes(to signedIn: RouterGroup<WebContext>, store: BangfuDatabase) {
    signedIn.get("audit") { request, context -> Response in
        let viewer = try context.signedIn()
        let query = AuditQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        let filter = try query.filter()
        let slice = try query.slice()
        let lines = try await Blocking.run {
            try AuditTrail.lines(filter, limit: slice?.perPage, offset: slice.map { ($0.page - 1) * $0.perPage } ?? 0, viewer: viewer, in: store)
        }
        return try APIResponse.json(lines.map(AuditEntry.init))
    }
}

/// The audit trail's query, from the API's parameters or the page's fields: each value read,
/// or the problem of the field it is in.
struct AuditQuery {
    /// Lines a page or a slice may hold at most.
    static let largestPage = 500
    private let values: [String: String]

    init(_ pairs: [(String, String)]) {
        values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The value of `name`, trimmed; nil when absent or empty.
    subscript(name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The filter asked for; a bound that is no date (or date and time) throws its problem.
    func filter() throws -> AuditFilter {
        let from = try bound("from", time: "from_time")
        let to = try bound("to", time: "to_time")
        return AuditFilter(
            account: self["account"], action: self["action"].map(AuditAction.init(stored:)), from: from?.date, to: to?.date, fromTime: from?.time,
            toTime: to?.time)
    }

    /// The page asked for with `page` / `per_page`, or nil when neither is given.
    func slice() throws -> (page: Int, perPage: Int)? {
        guard self["page"] != nil || self["per_page"] != nil else { return nil }
        return (try number("page") ?? 1, try number("per_page", largest: Self.largestPage) ?? 100)
    }

    /// `name` as a whole number from 1 (to `largest`).
    func number(_ name: String, largest: Int = Int(Int32.max)) throws -> Int? {
        guard let text = self[name] else { return nil }
        guard let number = Int(text), (1...largest).contains(number) else { throw AuditQueryProblem(field: name, value: text, kind: .number(largest)) }
        return number
    }

    /// `name` as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, the time possibly in a field of its own.
    private func bound(_ name: String, time timeName: String) throws -> (date: CalendarDate, time: ClockTime?)? {
        guard let text = self[name] else {
            if let time = self[timeName] { throw AuditQueryProblem(field: timeName, value: time, kind: .timeWithoutDate) }
            return nil
        }
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let date = CalendarDate(parts[0]) else { throw AuditQueryProblem(field: name, value: text, kind: .date) }
        let timeText = parts.count > 1 ? parts[1] : self[timeName]
        guard let timeText else { return (date, nil) }
        guard let time = ClockTime(timeText) else { throw AuditQueryProblem(field: parts.count > 1 ? name : timeName, value: timeText, kind: .time) }
        return (date, time)
    }
}

/// A value of the audit trail's query that cannot be read (422 in the API; beside its
/// field on the page).
struct AuditQueryProblem: Error, UserFacingError {
    enum Kind {
        case date, time, timeWithoutDate
        case number(Int)
    }

    let field: String
    let value: String
    let kind: Kind

    /// The problem as the page shows it beside the field.
    var reason: String {
        switch kind {
        case .date: "「\(value.escapedForDisplay)」不是日期，应为 YYYY-MM-DD，如 2026-11-23"
        case .time: "「\(value.escapedForDisplay)」不是时间，应为 HH:MM，如 09:30"
        case .timeWithoutDate: "填了时间，也请填日期"
        case .number(let largest): "「\(value.escapedForDisplay)」应为 1 到 \(largest) 的整数"
        }
    }

    var chinese: String { "\(field)：\(reason)" }
    var english: String { "\(field) \(value.escapedForDisplay) is not a valid value" }
    var failure: Failure { .badInput }
}

/// `GET /api/v1/audit`'s element (spec §9): `{"at", "account", "action", "detail"}`.
struct AuditEntry: Encodable {
    var at: String
    var account: String
    var action: String
    var detail: String

    init(_ line: AuditLine) {
        at = line.at
        account = line.actor
        action = line.action.stored
        detail = line.detail
    }
}
