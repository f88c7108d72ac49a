import BangfuCore
import BangfuStore
import Foundation

/// What every signed-in page shows around its content: who is signed in and as what, the
/// menu of what their roles allow (nothing they could not open), and the form token.
enum PageFrame {
    /// The menu: a page and the action it needs; the import and the forms need a city account
    /// as well.
    private static let menu: [(path: String, label: String, needs: Action?, cityOnly: Bool)] = [
        ("/", "工作台", nil, false),
        ("/archives", "档案查询", .viewArchives, false),
        ("/archives/new", "建档", .editArchives, false),
        ("/imports", "导入", .editArchives, true),
        ("/batches", "批次", .viewBatches, false),
        ("/forms", "绩效自评", .viewChecks, true),
        ("/duplicates", "重复救助", .viewChecks, false),
        ("/audit", "操作记录", .viewAudit, false), ("/accounts", "账号管理", .manageAccounts, false),
    ]

    /// The layout's values for a page titled `title` whose menu entry is `current`.
    static func values(_ title: String, account: Account, token: String, current: String) -> [String: Any] {
        let items: [[String: Any]] = menu.compactMap { item in
            if let action = item.needs, !Permissions.allows(account.roles, action) { return nil }
            if item.cityOnly, account.union != nil { return nil }
            return ["path": item.path, "label": item.label, "current": item.path == current]
        }
        return [
            "title": title,
            "menu": items,
            "me": [
                "name": account.name, "login": account.login,
                "roles": account.roles.sorted().map(\.chineseName).joined(separator: "、"),
                "union": account.union ?? "全市",
            ] as [String: Any],
            "csrf": BrowserSession.formToken(of: token),
        ]
    }
}

/// Bits of URLs the pages build.
enum PageLinks {
    /// `text` as one query value.
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `text` as one path segment.
    static func segment(_ text: String) -> String { query(text) }

    /// A paged list's values: `page`, `pageCount`, and the links to the pages either side
    /// (`query` ends in `?` or `&`).
    static func paging(_ query: String, page: Int, total: Int, perPage: Int) -> [String: Any] {
        let pageCount = max((total + perPage - 1) / perPage, 1)
        var values: [String: Any] = ["page": page, "pageCount": pageCount]
        if page > 1 { values["previous"] = query + "page=\(page - 1)" }
        if page < pageCount { values["following"] = query + "page=\(page + 1)" }
        return values
    }

    /// Where the sign-in page may send the browser next: only a path of this site.
    static func safeNext(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\") else { return "/" }
        return text
    }
}
