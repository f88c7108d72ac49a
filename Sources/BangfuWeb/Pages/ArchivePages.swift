import BangfuApp
import BangfuCore
import BangfuStore
import Hummingbird

/// Archive search and the household page (spec §9): the archives of the account's union
/// only, 身份证号 masked as its roles say; the search paged on the server.
func addArchivePages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer) {
    pages.get("archives") { request, context -> Response in
        let account = try context.signedIn()
        let query = request.uri.queryParameters
        let text = query["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let status = query["status"].flatMap { ArchiveStatus(rawValue: String($0)) }
        let category = query["category"].flatMap { HardshipCategory(rawValue: String($0)) }
        let union = account.union ?? query["union"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let paging = Paging.browser(query, perPage: 20)
        let (page, perPage) = (paging.page, paging.perPage)
        let found = try await Blocking.run {
            try Archives.search(
                text.isEmpty ? nil : text, status: status, category: category, union: union.isEmpty ? nil : union, page: page, perPage: perPage,
                viewer: account, in: store)
        }
        var values = PageFrame.values("档案查询", account: account, token: context.token ?? "", current: "/archives")
        values["q"] = text
        values["statuses"] = ArchiveStatus.allCases.map { ["value": $0.rawValue, "label": $0.chineseName, "selected": $0 == status] }
        values["categories"] = HardshipCategory.allCases.map { ["value": $0.rawValue, "label": $0.chineseName, "selected": $0 == category] }
        values["union"] = union
        values["unionFixed"] = account.union != nil
        values["total"] = found.totalIsCapped ? "\(found.total) 以上" : "\(found.total)"
        values["found"] = !found.items.isEmpty
        values["items"] = found.items.map { item -> [String: Any] in
            [
                "archiveNo": item.archiveNo, "link": "/archives/" + PageLinks.segment(item.archiveNo), "headName": item.headName,
                "headIDNumber": item.headIDNumber, "category": HardshipCategory(rawValue: item.category)?.chineseName ?? item.category,
                "size": item.size, "income": Money(fen: item.annualIncomeFen).formatted,
                "status": ArchiveStatus(rawValue: item.status)?.chineseName ?? item.status, "statusClass": item.status,
            ]
        }
        let base = "/archives?q=\(PageLinks.query(text))" + (status.map { "&status=\($0.rawValue)" } ?? "")
            + (category.map { "&category=\($0.rawValue)" } ?? "") + (account.union == nil && !union.isEmpty ? "&union=\(PageLinks.query(union))" : "")
        values.merge(PageLinks.paging(base + "&", page: page, total: found.total, perPage: perPage)) { _, new in new }
        values["searched"] = !text.isEmpty || status != nil || category != nil || !union.isEmpty
        return try renderer.page("archives", values)
    }

    pages.get("archives/unchanged") { request, context -> Response in
        let account = try context.signedIn()
        let page = Paging.browser(request.uri.queryParameters, perPage: 50).page
        let yearAgo = try context.request().today.adding(years: -1)
        let found = try await Blocking.run { try Households.unchanged(since: yearAgo, page: page, perPage: 50, viewer: account, in: store) }
        var values = PageFrame.values("一年未改的档案", account: account, token: context.token ?? "", current: "/archives")
        values["since"] = yearAgo.description
        values["total"] = found.total
        values["found"] = !found.items.isEmpty
        values["items"] = found.items.map(StaleArchive.values)
        values.merge(PageLinks.paging("/archives/unchanged?", page: page, total: found.total, perPage: 50)) { _, new in new }
        return try renderer.page("unchanged", values)
    }
}
