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
        let query = AuditQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, strict: true)
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
    /// The API's reading: a date, time or number exactly as the document writes it, an empty
    /// one refused. A page's form sends empty fields and is read leniently.
    private let strict: Bool

    init(_ pairs: [(String, String)], strict: Bool = false) {
        values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        self.strict = strict
    }

    /// The value of `name`, trimmed; nil when absent or empty (a strict query refuses an empty
    /// bound or number).
    subscript(name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name` as sent, nil when absent; empty or padded is a problem when strict.
    private func exact(_ name: String, _ kind: AuditQueryProblem.Kind) throws -> String? {
        guard strict, let value = values[name] else { return self[name] }
        guard !value.isEmpty, value == self[name] else { throw AuditQueryProblem(field: name, value: value, kind: kind) }
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
        let page = try number("page"), perPage = try number("per_page", largest: Self.largestPage)
        guard page != nil || perPage != nil else { return nil }
        return (page ?? 1, perPage ?? 100)
    }

    /// `name` as a whole number from 1 (to `largest`).
    func number(_ name: String, largest: Int = Int(Int32.max)) throws -> Int? {
        guard let text = try exact(name, .number(largest)) else { return nil }
        guard let number = Int(text), (1...largest).contains(number) else { throw AuditQueryProblem(field: name, value: text, kind: .number(largest)) }
        return number
    }

    /// `name` as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, the time possibly in a field of its own.
    private func bound(_ name: String, time timeName: String) throws -> (date: CalendarDate, time: ClockTime?)? {
        guard let text = try exact(name, .date) else {
            if let time = self[timeName] { throw AuditQueryProblem(field: timeName, value: time, kind: .timeWithoutDate) }
            return nil
        }
        // The document's shapes only: `2026-11-23` or `2026-11-23T09:30` (the date reader alone
        // would take `2026/11/23` and `2026年11月23日` too, as the import files write them).
        if strict, !Self.isDocumented(text) { throw AuditQueryProblem(field: name, value: text, kind: .date) }
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let date = CalendarDate(parts[0]) else { throw AuditQueryProblem(field: name, value: text, kind: .date) }
        let timeText = parts.count > 1 ? parts[1] : self[timeName]
        guard let timeText else { return (date, nil) }
        guard let time = ClockTime(timeText) else { throw AuditQueryProblem(field: parts.count > 1 ? name : timeName, value: timeText, kind: .time) }
        return (date, time)
    }
}

extension AuditQuery {
    /// Whether `text` is `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in ASCII digits.
    static func isDocumented(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 16 else { return false }
        let marks: [Int: UInt8] = [4: UInt8(ascii: "-"), 7: UInt8(ascii: "-"), 10: UInt8(ascii: "T"), 13: UInt8(ascii: ":")]
        return bytes.indices.allSatisfy { index in marks[index].map { bytes[index] == $0 } ?? (48...57).contains(bytes[index]) }
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
