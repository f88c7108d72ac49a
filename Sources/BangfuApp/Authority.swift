import BangfuCore
import BangfuStore

/// Accounts as the use cases see them.
public protocol AccountStore: Sendable {
    /// Whether the database has any account: once it has, every step needs one (spec §8).
    func hasAccounts() throws -> Bool
    /// The account `login`, or nil.
    func account(_ login: String) throws -> Account?
}

/// Who may take a step (spec §8). While a database has no accounts, anyone named does (one
/// person's use on one machine). Once it has accounts, the person of the request must be an
/// active account whose roles allow the action (`Permissions`), and the steps are recorded
/// against that login, so segregation of duties compares accounts.
enum Authority {
    static func check(_ action: Action, context: RequestContext, in store: some AccountStore) throws {
        guard try store.hasAccounts() else { return }
        let login = context.actor.name
        guard let account = try store.account(login) else { throw AuthorityError.noSuchAccount(login) }
        guard account.isActive else { throw AuthorityError.inactive(login) }
        switch Permissions.decide(roles: account.roles, union: account.union, action: action, on: .citywide) {
        case .allowed: return
        case .forbidden, .notFound: throw AuthorityError.roleLacks(login: login, roles: account.roles, action: action)
        }
    }
}

/// Why an account may not take a step.
public enum AuthorityError: Error, Equatable, Sendable, UserFacingError {
    case noSuchAccount(String)
    case inactive(String)
    case roleLacks(login: String, roles: Set<Role>, action: Action)

    public var chinese: String {
        switch self {
        case .noSuchAccount(let login): "数据库已启用账号：\(login) 不是账号，请用 --by 指定办理人的账号"
        case .inactive(let login): "账号 \(login) 已停用"
        case .roleLacks(let login, let roles, let action):
            "账号 \(login)（\(roles.sorted().map(\.chineseName).joined(separator: "、"))）无权\(action.chineseName)"
        }
    }

    public var english: String {
        switch self {
        case .noSuchAccount(let login): "this database has accounts: \(login) is not one; name the account with --by"
        case .inactive(let login): "the account \(login) is disabled"
        case .roleLacks(let login, let roles, let action):
            "the account \(login) (\(roles.sorted().map(\.rawValue).joined(separator: ", "))) may not \(action.rawValue)"
        }
    }

    public var failure: Failure { .refused }
}

extension BangfuDatabase: AccountStore {}
