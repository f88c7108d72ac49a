import BangfuCore
import BangfuStore

/// A new account as asked for (`bangfu user add`, the admin's page).
public struct AccountRequest: Sendable {
    public var login: String
    public var name: String
    public var roles: Set<Role>
    public var union: String?

    public init(login: String, name: String, roles: Set<Role>, union: String?) {
        self.login = login
        self.name = name
        self.roles = roles
        self.union = union
    }
}

/// Accounts (spec §8): added, listed, their passwords set, disabled and enabled, each with
/// its audit line; passwords checked for strength and kept only as a bcrypt hash.
public enum Accounts {
    /// Adds the account with `password`.
    public static func add(_ request: AccountRequest, password: String, in store: BangfuDatabase, context: RequestContext) throws -> Account {
        try Authority.checkAdministrator(context: context, in: store)
        let login = try AccountRequestError.checkedLogin(request.login)
        guard !request.roles.isEmpty else { throw AccountRequestError.noRole }
        let name: String
        do { name = try Person(name: request.name).name } catch { throw AccountRequestError.badName(error) }
        let union = try AccountRequestError.checkedUnion(request.union)
        if let weakness = Passwords.weakness(of: password) { throw weakness }
        let account = Account(login: login, name: name, roles: request.roles, union: union)
        try store.addAccount(account, passwordHash: Passwords.hash(password), by: context.actor.name, at: context.timestamp)
        return account
    }

    /// Every account, by login.
    public static func list(in store: BangfuDatabase) throws -> [Account] { try store.accounts() }

    /// Refuses `viewer` account management unless its roles allow it (a page asks before it
    /// reads a form).
    public static func requireManager(_ viewer: Account) throws {
        try Authority.require(.manageAccounts, by: viewer)
    }

    /// Every account with when it last signed in, for the administrator's page.
    public static func overview(viewer: Account, in store: BangfuDatabase) throws -> [(account: Account, lastSignIn: String?)] {
        try Authority.require(.manageAccounts, by: viewer)
        let lastSignIns = try store.lastSignIns()
        return try store.accounts().map { ($0, lastSignIns[$0.login]) }
    }

    /// The unions an account may be given, as the archives and the accounts name them: the
    /// page offers them so that a union is not mistyped (an account of a union no archive
    /// names would see nothing).
    public static func unionNames(viewer: Account, in store: BangfuDatabase) throws -> [String] {
        try Authority.require(.manageAccounts, by: viewer)
        return try store.unionNames()
    }

    /// The account `login` for the administrator's page; an unknown login is not found.
    public static func account(_ login: String, viewer: Account, in store: BangfuDatabase) throws -> Account {
        try Authority.require(.manageAccounts, by: viewer)
        guard let account = try store.account(login) else { throw AccountStoreError.noSuchAccount(login.escapedForDisplay) }
        return account
    }

    /// Sets `login`'s password. Someone else's reset ends that account's sessions (a reset
    /// is what one does when a password is out), one's own keeps them.
    public static func setPassword(of login: String, to password: String, in store: BangfuDatabase, context: RequestContext) throws {
        try Authority.checkAdministrator(context: context, in: store)
        if let weakness = Passwords.weakness(of: password) { throw weakness }
        try store.setPasswordHash(of: login, to: Passwords.hash(password), by: context.actor.name, at: context.timestamp)
        if login != context.actor.name { try store.endSessions(of: login) }
    }

    /// Disables or enables `login`; a disabled account signs in no more and its sessions end.
    /// An administrator does not disable their own account (nobody might be left to enable it).
    public static func setActive(_ active: Bool, login: String, in store: BangfuDatabase, context: RequestContext) throws {
        try Authority.checkAdministrator(context: context, in: store)
        if !active, login == context.actor.name, try store.account(login) != nil { throw AccountLockOut.disablingOneself }
        try store.setActive(active, login: login, by: context.actor.name, at: context.timestamp)
    }

    /// Gives `login` `roles` and `union` (nil or empty: the whole city), with its audit line.
    /// An administrator keeps their own administrator's role.
    public static func update(login: String, roles: Set<Role>, union: String?, in store: BangfuDatabase, context: RequestContext) throws {
        try Authority.checkAdministrator(context: context, in: store)
        guard !roles.isEmpty else { throw AccountRequestError.noRole }
        let union = try AccountRequestError.checkedUnion(union)
        if login == context.actor.name, let own = try store.account(login), own.roles.contains(.admin), !roles.contains(.admin) {
            throw AccountLockOut.droppingOwnAdministrator
        }
        try store.updateAccount(login, roles: roles, union: union, by: context.actor.name, at: context.timestamp)
    }
}

/// A change that would lock an administrator out of account management: refused.
public enum AccountLockOut: Error, Equatable, Sendable, UserFacingError {
    case disablingOneself
    case droppingOwnAdministrator

    public var chinese: String {
        switch self {
        case .disablingOneself: "不能停用自己正在使用的账号：请由另一位管理员停用"
        case .droppingOwnAdministrator: "不能取消自己的管理员角色：请由另一位管理员办理"
        }
    }

    public var english: String {
        switch self {
        case .disablingOneself: "an administrator may not disable their own account"
        case .droppingOwnAdministrator: "an administrator may not remove their own admin role"
        }
    }

    public var failure: Failure { .refused }
}

/// Why an account cannot be made as asked.
public enum AccountRequestError: Error, Equatable, Sendable, UserFacingError {
    case badLogin(String)
    case noRole
    case badName(TextRefusal)
    case badUnion(TextRefusal)

    /// `login` as stored: 2–32 lower-case ASCII letters, digits, `.`, `_` or `-`, starting
    /// with a letter (a login is typed on any keyboard and appears in every audit line).
    static func checkedLogin(_ login: String) throws -> String {
        let allowed = login.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
        guard (2...32).contains(login.utf8.count), allowed, let first = login.utf8.first, (0x61...0x7A).contains(first) else {
            throw AccountRequestError.badLogin(login.escapedForDisplay)
        }
        return login
    }

    /// `union` as stored: cleaned as an organisation's name; nil or blank is the whole city.
    static func checkedUnion(_ union: String?) throws -> String? {
        guard let union else { return nil }
        let cleaned: String
        do { cleaned = try TextRule.organisation.clean(union) } catch { throw AccountRequestError.badUnion(error) }
        return cleaned.isEmpty ? nil : cleaned
    }

    public var chinese: String {
        switch self {
        case .badLogin(let login): "账号「\(login)」无效：应为2–32个小写英文字母、数字、点、下划线或连字符，以字母开头"
        case .noRole: "至少须有一个角色"
        case .badName(let refusal): "姓名无效：\(refusal.chinese)"
        case .badUnion(let refusal): "所属工会无效：\(refusal.chinese)"
        }
    }

    public var english: String {
        switch self {
        case .badLogin(let login): "login \(login): 2–32 lower-case letters, digits, '.', '_' or '-', starting with a letter"
        case .noRole: "an account needs at least one role"
        case .badName(let refusal): "name: \(refusal.english)"
        case .badUnion(let refusal): "union: \(refusal.english)"
        }
    }

    public var failure: Failure { .invalidValue }
}
