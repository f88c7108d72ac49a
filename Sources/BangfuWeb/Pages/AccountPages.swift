import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// 账号管理 (spec §9, the administrator's): the accounts with their last sign-in, a new
/// account, and per account its roles and union, a new password and 停用 / 启用. Each form
/// carries the session's token, answers a success with 303 back and a message, and a
/// problem beside its field (the passwords never typed back into the page).
func addAccountPages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer) {
    pages.get("accounts") { request, context -> Response in
        let account = try context.signedIn()
        let zone = try context.request().timeZone
        let overview = try await Blocking.run { try Accounts.overview(viewer: account, in: store) }
        var values = PageFrame.values("账号管理", account: account, token: context.token ?? "", current: "/accounts")
        values["accounts"] = overview.map { AccountPageValues.row($0.account, lastSignIn: $0.lastSignIn, zone: zone) }
        values["count"] = overview.count
        if let done = AccountPageValues.done(request) { values["success"] = done }
        return try renderer.page("accounts", values)
    }

    pages.get("accounts/new") { _, context -> Response in
        let account = try context.signedIn()
        let unions = try await Blocking.run { try Accounts.unionNames(viewer: account, in: store) }
        var values = AccountPageValues.newForm(nil, problem: nil, account: account, token: context.token ?? "")
        values["unionNames"] = unions
        return try renderer.page("account-new", values)
    }

    pages.post("accounts/new") { request, context -> Response in
        let account = try context.signedIn()
        try Accounts.requireManager(account)
        let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        let asked = AccountPageValues.request(form)
        let now = try context.request()
        do {
            let password = try AccountPageValues.password(form)
            let added = try await Blocking.run { try Accounts.add(asked, password: password, in: store, context: now) }
            return redirect(to: "/accounts/\(PageLinks.segment(added.login))?done=added")
        } catch let problem as any UserFacingError {
            guard let field = AccountPageValues.field(of: problem) else { throw problem }
            let unions = try await Blocking.run { try Accounts.unionNames(viewer: account, in: store) }
            var values = AccountPageValues.newForm(asked, problem: (field, problem.chinese), account: account, token: context.token ?? "")
            values["unionNames"] = unions
            return try renderer.page("account-new", values, status: .unprocessableContent)
        }
    }

    pages.get("accounts/:login") { request, context -> Response in
        let viewer = try context.signedIn()
        let login = try context.parameters.require("login")
        let (account, unions) = try await Blocking.run {
            (try Accounts.account(login, viewer: viewer, in: store), try Accounts.unionNames(viewer: viewer, in: store))
        }
        var values = AccountPageValues.detail(account, viewer: viewer, token: context.token ?? "")
        values["unionNames"] = unions
        if let done = AccountPageValues.done(request) { values["success"] = done }
        return try renderer.page("account", values)
    }

    /// A change of account `:login` by `change`, answered by 303 back to its page with the
    /// message `change` names, or its page again with the problem beside its field.
    func change(_ path: String, _ change: @escaping @Sendable (FormBody, String, BangfuApp.RequestContext) throws -> String) {
        pages.post(RouterPath("accounts/:login/" + path)) { request, context -> Response in
            let viewer = try context.signedIn()
            try Accounts.requireManager(viewer)
            let login = try context.parameters.require("login")
            let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
            let now = try context.request()
            do {
                let done = try await Blocking.run { try change(form, login, now) }
                return redirect(to: "/accounts/\(PageLinks.segment(login))?done=\(done)")
            } catch let problem as any UserFacingError {
                guard let field = AccountPageValues.field(of: problem) else { throw problem }
                let (account, unions) = try await Blocking.run {
                    (try Accounts.account(login, viewer: viewer, in: store), try Accounts.unionNames(viewer: viewer, in: store))
                }
                var values = AccountPageValues.detail(account, viewer: viewer, token: context.token ?? "", typed: path == "roles" ? form : nil)
                values["unionNames"] = unions
                values["fieldProblem_" + field] = problem.chinese
                return try renderer.page("account", values, status: problem is AccountLockOut ? .conflict : .unprocessableContent)
            }
        }
    }

    change("roles") { form, login, now in
        try Accounts.update(login: login, roles: AccountPageValues.roles(form), union: form["union"], in: store, context: now)
        return "roles"
    }
    change("password") { form, login, now in
        try Accounts.setPassword(of: login, to: try AccountPageValues.password(form), in: store, context: now)
        return "password"
    }
    change("active") { form, login, now in
        let active = form["active"] == "1"
        try Accounts.setActive(active, login: login, in: store, context: now)
        return active ? "enabled" : "disabled"
    }
}

/// The accounts pages' values, and the forms read back.
enum AccountPageValues {
    /// What each role does, beside its box.
    static let roleHints: [Role: String] = [
        .clerk: "建档、修改和导入档案，新建和计算批次", .firstReviewer: "批次初审，剔除对象", .secondReviewer: "批次复审，剔除对象",
        .approver: "批次审批", .finance: "发放，银行发放清单", .auditor: "查看一切和操作记录，不办理业务", .admin: "账号管理和操作记录，不办理档案和批次",
    ]

    /// The message of a change just made (`?done=`).
    static func done(_ request: Request) -> String? {
        switch request.uri.queryParameters["done"] {
        case "added": "已新建账号。"
        case "roles": "角色与所属工会已保存。"
        case "password": "密码已重置；该账号其他已登录的会话已结束。"
        case "disabled": "账号已停用：不能再登录，已登录的会话已结束。"
        case "enabled": "账号已启用，可以用原密码登录。"
        default: nil
        }
    }

    /// A row of the list.
    static func row(_ account: Account, lastSignIn: String?, zone: TimeZone) -> [String: Any] {
        [
            "login": account.login, "link": "/accounts/" + PageLinks.segment(account.login), "name": account.name,
            "roles": account.roles.sorted().map(\.chineseName).joined(separator: "、"), "union": account.union ?? "全市",
            "active": account.isActive, "lastSignIn": lastSignIn.map { AuditPageValues.readable($0, in: zone) } ?? "从未登录",
        ]
    }

    /// The role boxes, ticked as `roles`.
    static func roleBoxes(_ roles: Set<Role>) -> [[String: Any]] {
        Role.allCases.map { ["value": $0.rawValue, "label": $0.chineseName, "hint": roleHints[$0] ?? "", "checked": roles.contains($0)] }
    }

    /// The new-account form, empty or as typed (never the passwords), with a problem.
    static func newForm(_ asked: AccountRequest?, problem: (field: String, message: String)?, account: Account, token: String) -> [String: Any] {
        var values = PageFrame.values("新建账号", account: account, token: token, current: "/accounts")
        values["login"] = asked?.login ?? ""
        values["name"] = asked?.name ?? ""
        values["union"] = asked?.union ?? ""
        values["roles"] = roleBoxes(asked?.roles ?? [])
        if let problem { values["fieldProblem_" + problem.field] = problem.message }
        return values
    }

    /// One account's page: its forms, as stored or (the roles form) as typed.
    static func detail(_ account: Account, viewer: Account, token: String, typed: FormBody? = nil) -> [String: Any] {
        var values = PageFrame.values("账号 \(account.login)", account: viewer, token: token, current: "/accounts")
        values["login"] = account.login
        values["name"] = account.name
        values["active"] = account.isActive
        values["isMe"] = account.login == viewer.login
        values["rolesText"] = account.roles.sorted().map(\.chineseName).joined(separator: "、")
        values["unionText"] = account.union ?? "全市"
        values["union"] = typed.map { $0["union"] ?? "" } ?? account.union ?? ""
        values["roles"] = roleBoxes(typed.map(roles) ?? account.roles)
        values["base"] = "/accounts/" + PageLinks.segment(account.login)
        return values
    }

    /// The new account as the form asks for it.
    static func request(_ form: FormBody) -> AccountRequest {
        AccountRequest(login: (form["login"] ?? "").trimmingCharacters(in: .whitespaces), name: form["name"] ?? "", roles: roles(form), union: form["union"])
    }

    /// The ticked roles.
    static func roles(_ form: FormBody) -> Set<Role> { Set(form.all("role").compactMap(Role.init(rawValue:))) }

    /// The password typed twice, the same both times.
    static func password(_ form: FormBody) throws -> String {
        let password = form["password"] ?? ""
        guard password == form["password_again"] ?? "" else { throw PasswordsDiffer() }
        return password
    }

    /// The form field a problem belongs beside; nil for a problem of no field (thrown on).
    static func field(of problem: any UserFacingError) -> String? {
        switch problem {
        case AccountRequestError.badLogin, AccountStoreError.loginTaken: "login"
        case AccountRequestError.badName: "name"
        case AccountRequestError.noRole, AccountLockOut.droppingOwnAdministrator: "roles"
        case AccountRequestError.badUnion: "union"
        case is PasswordWeakness, is PasswordsDiffer: "password"
        case AccountLockOut.disablingOneself: "active"
        default: nil
        }
    }
}

/// The two password fields differ.
struct PasswordsDiffer: Error, UserFacingError {
    var chinese: String { "两次输入的密码不一致" }
    var english: String { "the two passwords differ" }
    var failure: Failure { .badInput }
}
