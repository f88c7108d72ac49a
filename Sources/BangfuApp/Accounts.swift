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
        var union: String?
        if let asked = request.union {
            do { union = try TextRule.organisation.clean(asked) } catch { throw AccountRequestError.badUnion(error) }
            if union?.isEmpty == true { union = nil }
        }
        if let weakness = Passwords.weakness(of: password) { throw weakness }
        let account = Account(login: login, name: name, roles: request.roles, union: union)
        try store.addAccount(account, passwordHash: Passwords.hash(password), by: context.actor.name, at: context.timestamp)
        return account
    }

    /// Every account, by login.
    public static func list(in store: BangfuDatabase) throws -> [Account] { try store.accounts() }

    /// Sets `login`'s password.
    public static func setPassword(of login: String, to password: String, in store: BangfuDatabase, context: RequestContext) throws {
        try Authority.checkAdministrator(context: context, in: store)
        if let weakness = Passwords.weakness(of: password) { throw weakness }
        try store.setPasswordHash(of: login, to: Passwords.hash(password), by: context.actor.name, at: context.timestamp)
    }

    /// Disables or enables `login`; a disabled account signs in no more and its sessions end.
    public static func setActive(_ active: Bool, login: String, in store: BangfuDatabase, context: RequestContext) throws {
        try Authority.checkAdministrator(context: context, in: store)
        try store.setActive(active, login: login, by: context.actor.name, at: context.timestamp)
    }
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
