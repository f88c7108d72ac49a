import BangfuApp
import BangfuCore
import BangfuStore
import Hummingbird

/// The duplicate-aid findings and their review through the JSON API (spec §9, issue 16),
/// over `DuplicateQueue`:
///
/// - `GET /api/v1/duplicates?year=&policy=` → spec §6.2 with the queue's extra keys
///   (`DuplicateReportJSON`), in the account's scope and masked as its roles see numbers.
///   `year` defaults to the year being reviewed, `policy` (an id from `--policies`) to the
///   first whose 低保 covers the year; 422 for a year that is not one or a policy unknown
///   or not in force that year.
/// - `POST /api/v1/duplicates/{finding_id}/decision` `{"year", "outcome", "action",
///   "note"}` → 200 the finding (§6.2's element) with its decision; 403 for a role that may
///   not decide, 404 for an id the year does not have or a finding out of the account's
///   union, 422 for a dismissal without its reason or a confirmation without its action,
///   400 for an outcome or action that is none of the words.
func addDuplicateRoutes(to group: RouterGroup<WebContext>, store: BangfuDatabase, scans: DuplicateScans, policies: [Policy]) {
    group.get("duplicates") { request, context -> Response in
        let viewer = try context.signedIn()
        let query = request.uri.queryParameters
        let today = try context.request().today
        let yearText = query["year"].map(String.init), policyID = query["policy"].map(String.init)
        try DuplicateQueue.requireViewer(viewer)
        let (year, policy) = try await Blocking.run { try DuplicateQueue.select(year: yearText, policy: policyID, among: policies, in: store, today: today) }
        let scan = try await scans.scan(year: year, policy: policy)
        return try APIResponse.json(DuplicateReportJSON(try await Blocking.run { try DuplicateQueue.view(scan, viewer: viewer, in: store) }))
    }
    group.post("duplicates/:finding_id/decision") { request, context -> Response in
        try DuplicateQueue.requireDecider(try context.signedIn())
        let findingID = try context.parameters.require("finding_id")
        let body = try await request.decode(as: DecisionBody.self, context: context)
        guard let outcome = FindingOutcome(rawValue: body.outcome) else { throw InvalidField(field: "outcome", value: body.outcome) }
        let action = try body.action.map { word in
            guard let action = FindingAction(rawValue: word) else { throw InvalidField(field: "action", value: word) }
            return action
        }
        let now = try context.request()
        let (year, policy) = try await Blocking.run {
            try DuplicateQueue.select(year: String(body.year), policy: body.policy, among: policies, in: store, today: now.today)
        }
        let scan = try await scans.scan(year: year, policy: policy)
        let decision = DecisionRequest(findingID: findingID, outcome: outcome, action: action, note: body.note ?? "")
        return try APIResponse.json(FindingJSON(try await Blocking.run { try DuplicateQueue.decide(decision, in: scan, store: store, context: now) }))
    }
}

/// `POST /api/v1/duplicates/{finding_id}/decision`'s body. `action` is required for a
/// confirmation; `note` is a confirmation's note or a dismissal's reason (required);
/// `policy` names the policy the finding was found under, as `GET /duplicates` takes it.
struct DecisionBody: Decodable {
    var year: Int
    var outcome: String
    var action: String?
    var note: String?
    var policy: String?
}
