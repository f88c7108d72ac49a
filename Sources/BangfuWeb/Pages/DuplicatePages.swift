import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// 重复救助线索 (spec §9 "duplicate findings with confirm / dismiss", issue 16): the year's
/// findings in the account's scope, each with its records side by side and its decision,
/// filtered by where review stands; an account that may decide confirms one with an action
/// and a note, or dismisses it with a reason, and comes back to the list with a message.
func addDuplicatePages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, scans: DuplicateScans, renderer: PageRenderer, settings: WebSettings) {
    pages.get("duplicates") { request, context -> Response in
        let account = try context.signedIn()
        try DuplicateQueue.requireViewer(account)
        let query = request.uri.queryParameters
        let today = try context.request().today
        let yearText = query["year"].map(String.init), policyID = query["policy"].map(String.init)
        let (year, policy) = try await Blocking.run {
            try DuplicateQueue.select(year: yearText, policy: policyID, among: settings.policies, in: store, today: today)
        }
        let (scan, isCurrent) = try await scans.scanForPage(year: year, policy: policy)
        let filter = query["status"].flatMap { FindingStatus(rawValue: String($0)) }
        let showsAll = query["status"] == "all"
        let page = max(Int(query["page"].map(String.init) ?? "") ?? 1, 1)
        let asked = DuplicatePageValues.Request(
            year: year, policy: policy, policies: settings.policies, status: showsAll ? nil : filter ?? .open, page: page,
            done: query["done"].map(String.init), problem: query["problem"].map(String.init), about: query["about"].map(String.init))
        let values = try await Blocking.run { () -> DuplicatePageValues.Values in
            let report = try DuplicateQueue.view(scan, viewer: account, in: store)
            let shown = DuplicatePageValues.shown(report, asked)
            return DuplicatePageValues.Values(
                report: report, records: try DuplicateQueue.records(of: shown, viewer: account, in: store),
                histories: try Dictionary(uniqueKeysWithValues: shown.filter { $0.decision != nil }.map { finding in
                    (finding.id, try DuplicateQueue.history(of: finding.id, in: scan, viewer: account, in: store))
                }))
        }
        var shown = PageFrame.values("重复救助线索", account: account, token: context.token ?? "", current: "/duplicates")
        shown.merge(DuplicatePageValues.page(values, asked, mayDecide: DuplicateQueue.mayDecide(account))) { _, new in new }
        if !isCurrent { shown["rescanning"] = true }
        return try renderer.page("duplicates", shown)
    }

    pages.post("duplicates/:finding_id/decision") { request, context -> Response in
        let account = try context.signedIn()
        let findingID = try context.parameters.require("finding_id")
        let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        try DuplicateQueue.requireDecider(account)
        let now = try context.request()
        let yearText = form["year"], policyID = form["policy"]
        let (year, policy) = try await Blocking.run {
            try DuplicateQueue.select(year: yearText, policy: policyID, among: settings.policies, in: store, today: now.today)
        }
        var back = "/duplicates?year=\(year)" + (policy.map { "&policy=" + PageLinks.query($0.id) } ?? "")
            + "&status=" + PageLinks.query(form["status"] ?? "open")
        guard let outcome = form["outcome"].flatMap(FindingOutcome.init(rawValue:)) else { throw InvalidField(field: "outcome", value: form["outcome"] ?? "") }
        let action = form["action"].flatMap { $0.isEmpty ? nil : FindingAction(rawValue: $0) }
        let note = (outcome == .dismissed ? form["reason"] : form["note"]) ?? ""
        let scan = try await scans.scan(year: year, policy: policy)
        do {
            _ = try await Blocking.run {
                try DuplicateQueue.decide(
                    DecisionRequest(findingID: findingID, outcome: outcome, action: action, note: note), in: scan, store: store, context: now)
            }
            back += "&done=" + PageLinks.query(findingID)
        } catch let refusal as DuplicateDecisionError where refusal.failure == .badInput {
            back += "&problem=" + PageLinks.query(DuplicatePageValues.problemCode(refusal)) + "&about=" + PageLinks.query(findingID)
                + "#f-" + PageLinks.query(findingID)
        }
        return redirect(to: back)
    }
}
