import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// 建档, edits and the lifecycle of an archive through the JSON API (spec §9), over
/// `Households`:
///
/// - `POST /api/v1/households` (`HouseholdBody`) → 201 with the household as
///   `GET /households/{archive_no}` gives it; 409 when the 档案编号 exists.
/// - `PATCH /api/v1/households/{archive_no}` (`HouseholdBody`; a key left out is unchanged,
///   `members` given is the whole list) → 200 with the household.
/// - `POST /api/v1/households/{archive_no}/status` `{"status", "reason"}` → 200; 400 without
///   a reason or with an unknown status; 409 for a step the lifecycle does not take.
/// - `GET /api/v1/households/unchanged?before=YYYY-MM-DD&page=&per_page=` → `{"total",
///   "page", "per_page", "before", "items": [{"archive_no", "head_name", "union",
///   "category", "last_changed_on"}]}`: the 工作台's 在档 archives last changed before the
///   day (default: a year before today), in the account's union only.
///
/// The household answered carries `"warnings"`: what an import would have warned about in
/// the values just stored (an implausible phone, a bank card failing Luhn).
///
/// A form the import would refuse is 422 `{"error": {"code": "invalid_archive", …},
/// "problems": [{"field", "value", "reason"}]}` with every problem; a category the income
/// check disagrees with is 422 with code `needs_confirmation` and the check as the one
/// problem of `category`, stored when the body is sent again with `"confirm": true`. 403 for
/// a role that may not edit archives or a union account registering into another union;
/// 404 for an archive out of the account's union, as for one that does not exist.
func addHouseholdRoutes(to group: RouterGroup<WebContext>, store: BangfuDatabase, policies: [Policy]) {
    group.get("households/unchanged") { request, context -> Response in
        let viewer = try context.signedIn()
        let query = request.uri.queryParameters
        let before = try query["before"].map { text in
            guard let day = CalendarDate(String(text)) else { throw InvalidField(field: "before", value: String(text)) }
            return day
        } ?? (try context.request()).today.adding(years: -1)
        let paging = try Paging.api(query)
        let found = try await Blocking.run {
            try Households.unchanged(since: before, page: paging.page, perPage: paging.perPage, viewer: viewer, in: store)
        }
        return try APIResponse.json(
            UnchangedPage(total: found.total, page: paging.page, perPage: paging.perPage, before: before.description, items: found.items))
    }
    group.post("households") { request, context -> Response in
        let body = try await request.decode(as: HouseholdBody.self, context: context)
        let now = try context.request()
        return try await answer(status: .created) {
            try Households.register(body.form, confirmed: body.confirm, policies: policies, in: store, context: now)
        }
    }
    group.patch("households/:archive_no") { request, context -> Response in
        let number = try context.archiveNumber()
        let body = try await request.decode(as: HouseholdBody.self, context: context)
        let now = try context.request()
        return try await answer(status: .ok) {
            try Households.edit(number, body.form, confirmed: body.confirm, policies: policies, in: store, context: now)
        }
    }
    group.post("households/:archive_no/status") { request, context -> Response in
        let number = try context.archiveNumber()
        let body = try await request.decode(as: StatusBody.self, context: context)
        guard let status = ArchiveStatus(rawValue: body.status) else { throw InvalidField(field: "status", value: body.status) }
        let now = try context.request()
        return try await answer(status: .ok) {
            try Households.changeStatus(number, to: status, reason: body.reason ?? "", in: store, context: now)
        }
    }
}

/// The household `change` answers, with `status`; a refused form as 422 with its problems.
private func answer(status: HTTPResponse.Status, _ change: @escaping @Sendable () throws -> HouseholdRecordJSON) async throws -> Response {
    do {
        return try APIResponse.json(try await Blocking.run(change), status: status)
    } catch let error as HouseholdError {
        switch error {
        case .invalid(let problems):
            return try APIResponse.json(FormRefusal(code: "invalid_archive", error, problems: problems.map(ProblemJSON.init)), status: .unprocessableContent)
        case .needsConfirmation(let check):
            let problem = ProblemJSON(field: ArchiveField.category.rawValue, value: check.given.rawValue, reason: check.chinese)
            return try APIResponse.json(FormRefusal(code: "needs_confirmation", error, problems: [problem]), status: .unprocessableContent)
        case .archiveExists, .reasonRequired, .statusRefused:
            throw error
        }
    }
}

/// `POST …/status`'s body.
struct StatusBody: Decodable {
    var status: String
    var reason: String?
}

/// A refused form: spec §9's error and every problem.
struct FormRefusal: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
    }

    var error: Detail
    var problems: [ProblemJSON]

    init(code: String, _ error: HouseholdError, problems: [ProblemJSON]) {
        self.error = Detail(code: code, message: error.chinese)
        self.problems = problems
    }
}

/// One problem of a form: `{"field", "value", "reason"}` (reason in Chinese), as an
/// import's problem names its column.
struct ProblemJSON: Encodable {
    var field: String
    var value: String
    var reason: String

    init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    init(_ problem: FieldProblem) {
        self.init(field: problem.field, value: problem.value, reason: problem.reason)
    }
}

/// `GET /api/v1/households/unchanged`'s answer: `{"total", "page", "per_page", "before", "items"}`.
struct UnchangedPage: Encodable {
    var total: Int
    var page: Int
    var perPage: Int
    var before: String
    var items: [UnchangedArchiveJSON]

    enum CodingKeys: String, CodingKey {
        case total, page, perPage = "per_page", before, items
    }
}
