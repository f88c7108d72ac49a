import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// The rest of a batch's life through the JSON API (spec §9):
///
/// - `POST /api/v1/batches` `{"kind", "policy", "date", "name", "project", "budget_fen"}` →
///   201 with the draft (§6.1), its policy named by `[policy] id` among `--policies`; 422
///   `{"error": {"code": "invalid_batch", …}, "problems": [{"field", "value", "reason"}]}`
///   with every bad field.
/// - `POST /api/v1/batches/{id}/compute` → the batch after it, computed through the same
///   queue as the pages' (`BatchComputes`): 409 `compute_running` while a computation of
///   the batch is queued or running.
/// - `POST /api/v1/batches/{id}/exclude` `{"id_number", "reason"}` → the batch after it.
/// - `GET /api/v1/batches/{id}/notice.xlsx|notice.csv|bank.xlsx|bank.csv` → the file, an
///   audit line; 403 for a role that may not, 404 out of scope, 409 before the state allows.
func addBatchRoutes(to group: RouterGroup<WebContext>, store: BangfuDatabase, computes: BatchComputes, settings: WebSettings) {
    group.post("batches") { request, context -> Response in
        let body = try await request.decode(as: NewBatchBody.self, context: context)
        let now = try context.request()
        let form = BatchForm(
            kind: body.kind, policy: body.policy, date: body.date, name: body.name, project: body.project ?? "",
            budget: body.budgetFen.map(BatchForm.Budget.fen) ?? .none)
        do {
            let batch = try await Blocking.run { try Batches.create(form, policiesDirectory: settings.policiesDirectory, in: store, context: now) }
            return try APIResponse.json(batch, status: .created)
        } catch let refusal as BatchFormRefusal {
            return try APIResponse.json(BatchFormRefusalJSON(refusal), status: .unprocessableContent)
        }
    }
    group.post("batches/:id/compute") { _, context -> Response in
        let viewer = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let now = try context.request()
        // Refused before it is queued (role, scope, state), as the page's 计算 is.
        try await Blocking.run { try Batches.checkCompute(batch: id, in: store, context: now) }
        _ = try await computes.run(batch: id, context: now)
        return try await batchAnswer(id, viewer: viewer, store)
    }
    group.post("batches/:id/exclude") { request, context -> Response in
        let (number, reason) = try await ExcludeBody.read(request, context)
        return try await step(context, store) { id, now in
            _ = try Batches.exclude(batch: id, idNumber: number, reason: reason, in: store, context: now)
        }
    }
    // One route per file, so that the document lists each as it is served.
    for list in BatchList.allCases {
        for format in DownloadFormat.allCases {
            group.get("batches/:id/\(list.rawValue).\(format.rawValue)") { request, context -> Response in
                let viewer = try context.signedIn()
                let id = try context.parameters.require("id", as: Int64.self)
                let round = try reissueRound(request)
                let now = try context.request()
                return attachment(try await Blocking.run {
                    try Batches.download(list, as: format, batch: id, round: round, viewer: viewer, in: store, context: now)
                })
            }
        }
    }
}

/// `?round=N` of a bank list: a re-issue's list (issue 19); 0, the batch's own, without it.
func reissueRound(_ request: Request) throws -> Int {
    guard let text = request.uri.queryParameters["round"].map(String.init) else { return 0 }
    guard let round = Int(text), round >= 0 else { throw InvalidField(field: "round", value: text) }
    return round
}

/// `POST /api/v1/batches`'s body.
struct NewBatchBody: Decodable {
    var kind: String
    /// `[policy] id`.
    var policy: String
    var date: String
    var name: String
    var project: String?
    var budgetFen: Int?

    enum CodingKeys: String, CodingKey {
        case kind, policy, date, name, project, budgetFen = "budget_fen"
    }
}

/// `POST …/exclude`'s body.
struct ExcludeBody: Decodable {
    var idNumber: String
    var reason: String

    enum CodingKeys: String, CodingKey {
        case idNumber = "id_number", reason
    }

    /// The body of `request`: a valid 身份证号 (422 otherwise) and a reason, trimmed, not empty.
    static func read(_ request: Request, _ context: WebContext) async throws -> (IDNumber, String) {
        let body = try await request.decode(as: ExcludeBody.self, context: context)
        guard let number = IDNumber(body.idNumber) else { throw InvalidExclusionID(value: body.idNumber) }
        guard !body.reason.trimmed.isEmpty else { throw InvalidField(field: "reason", value: body.reason) }
        return (number, body.reason.trimmed)
    }
}

/// A refused new batch: spec §9's error and every problem, as a refused archive is.
struct BatchFormRefusalJSON: Encodable {
    var error: FormRefusal.Detail
    var problems: [ProblemJSON]

    init(_ refusal: BatchFormRefusal) {
        error = FormRefusal.Detail(code: "invalid_batch", message: refusal.chinese)
        problems = refusal.problems.map(ProblemJSON.init)
    }
}

/// An exclusion naming a 身份证号 that fails GB 11643 (spec §2): a record's rule, answered
/// 422 as the archives' are, not a malformed request.
struct InvalidExclusionID: UserFacingError {
    let value: String
    var chinese: String { "id_number「\(value.escapedForDisplay)」不是有效的身份证号（GB 11643：18 位，校验位须相符）" }
    var english: String { "id_number \(value.escapedForDisplay) is not a valid 身份证号" }
    var failure: Failure { .badInput }
}
