import BangfuApp
import BangfuCore
import BangfuStore
import Hummingbird

/// 工作台 (spec §9): what waits for this account's step, and the ways into its work.
func addWorkbenchPage(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer, findings: FindingCounts) {
    pages.get("/") { _, context -> Response in
        let account = try context.signedIn()
        let waiting = try await Blocking.run { try Workbench.waitingBatches(viewer: account, in: store) }
        var values = PageFrame.values("工作台", account: account, token: context.token ?? "", current: "/")
        values["waiting"] = waiting.map { item -> [String: Any] in
            [
                "id": item.batch.id, "name": item.batch.name, "kind": BatchKind(rawValue: item.batch.kind)?.chineseName ?? item.batch.kind,
                "date": item.batch.date, "total": Money(fen: item.batch.totalFen).formatted, "step": item.stepName,
                "status": BatchStatus(rawValue: item.batch.status)?.chineseName ?? item.batch.status,
            ]
        }
        values["waitingCount"] = waiting.count
        values["hasWaiting"] = !waiting.isEmpty
        values["seesBatches"] = Permissions.allows(account.roles, .viewBatches)
        values["canEdit"] = Permissions.allows(account.roles, .editArchives)
        values["canImport"] = Permissions.allows(account.roles, .editArchives) && account.union == nil
        values["canSearch"] = Permissions.allows(account.roles, .viewArchives)
        values["isAdmin"] = account.roles.contains(.admin)
        if Permissions.allows(account.roles, .viewChecks) {
            values["checksDuplicates"] = true
            if let count = await findings.count(for: account, today: try context.request().today) {
                values["findings"] = [
                    "year": count.year, "count": count.findings, "open": count.open, "none": count.findings == 0, "noneOpen": count.open == 0,
                    "link": "/duplicates?year=\(count.year)&status=open",
                ] as [String: Any]
            }
        }
        if Permissions.allows(account.roles, .editArchives) {
            let yearAgo = try context.request().today.adding(years: -1)
            let stale = try await Blocking.run { try Households.unchanged(since: yearAgo, page: 1, perPage: 5, viewer: account, in: store) }
            values["staleCount"] = stale.total
            values["hasStale"] = stale.total > 0
            values["stale"] = stale.items.map(StaleArchive.values)
        }
        return try renderer.page("workbench", values)
    }
}

/// An archive unchanged for a year, as the 工作台 and its list show it.
enum StaleArchive {
    static func values(_ item: UnchangedArchiveJSON) -> [String: Any] {
        [
            "archiveNo": item.archiveNo, "link": "/archives/" + PageLinks.segment(item.archiveNo), "headName": item.headName,
            "union": item.union, "category": HardshipCategory(rawValue: item.category)?.chineseName ?? item.category,
            "lastChangedOn": item.lastChangedOn ?? "—",
        ]
    }
}
