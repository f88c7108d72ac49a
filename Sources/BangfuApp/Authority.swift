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
    /// The account of the request, once the database has accounts, after checking it may
    /// take `action`; nil while it has none.
    @discardableResult
    static func check(_ action: Action, context: RequestContext, in store: some AccountStore) throws -> Account? {
        guard try store.hasAccounts() else { return nil }
        let login = context.actor.name
        guard let account = try store.account(login) else { throw AuthorityError.noSuchAccount(login) }
        guard account.isActive else { throw AuthorityError.inactive(login) }
        switch Permissions.decide(roles: account.roles, union: account.union, action: action, on: .citywide) {
        case .allowed: return account
        case .forbidden, .notFound: throw AuthorityError.roleLacks(login: login, roles: account.roles, action: action)
        }
    }
}

extension Authority {
    /// `check` for a step on batch `id`: an account of one union acts on a batch only through
    /// its union's archives (spec §8), so a batch without an entry of them answers as absent —
    /// before anything is done, not after.
    @discardableResult
    static func check(_ action: Action, onBatch id: Int64, context: RequestContext, in store: some AccountStore & BatchStore) throws -> Account? {
        let account = try check(action, context: context, in: store)
        if let union = account?.union, !(try store.batchIDs(withEntriesOf: union).contains(id)) { throw BatchStoreError.noSuchBatch(id) }
        return account
    }

    /// Refuses `viewer` an `action` on a record of `scope` its roles or union do not allow:
    /// out of its union as `outOfScope` (a not-found of the caller's kind), else as a role
    /// that may not. The one guard of every use case a signed-in account calls.
    static func require(
        _ action: Action, by viewer: Account, on scope: RecordScope = .citywide, outOfScope: @autoclosure () -> any Error = SignInError.notSignedIn
    ) throws {
        switch Permissions.decide(roles: viewer.roles, union: viewer.union, action: action, on: scope) {
        case .allowed: return
        case .notFound: throw outOfScope()
        case .forbidden: throw AuthorityError.roleLacks(login: viewer.login, roles: viewer.roles, action: action)
        }
    }

    /// Account management: an account asking must hold the administrator's role; a request
    /// by no account is the server's own administrator at its shell (`bangfu user …`), who
    /// may do anything with the database file anyway (spec §9, last paragraph).
    static func checkAdministrator(context: RequestContext, in store: some AccountStore) throws {
        guard let account = try store.account(context.actor.name) else { return }
        guard account.isActive else { throw AuthorityError.inactive(account.login) }
        try require(.manageAccounts, by: account)
    }
}

/// Why an account may not take a step.
public enum AuthorityError: Error, Equatable, Sendable, UserFacingError {
    case noSuchAccount(String)
    case inactive(String)
    case roleLacks(login: String, roles: Set<Role>, action: Action)
    /// A file holds archives of any union: only an account of the whole city imports one.
    case importNeedsCityAccount(login: String, union: String)
    /// A union's account filing an archive into another union (`asked`).
    case otherUnion(login: String, union: String, asked: String)
    /// The forms add up the whole city's paid batches: a union's account reads none.
    case formsNeedCityAccount(login: String, union: String)

    public var chinese: String {
        switch self {
        case .noSuchAccount(let login): "数据库已启用账号：\(login) 不是账号，请用 --by 指定办理人的账号"
        case .inactive(let login): "账号 \(login) 已停用"
        case .roleLacks(let login, let roles, let action):
            "账号 \(login)（\(roles.sorted().map(\.chineseName).joined(separator: "、"))）无权\(action.chineseName)"
        case .importNeedsCityAccount(let login, let union):
            "账号 \(login) 只能办理\(union)的档案；导入文件须由全市账号办理（文件可含任何工会的档案）"
        case .otherUnion(let login, let union, let asked):
            "账号 \(login) 只能办理\(union)的档案，不能将档案登记到「\(asked.escapedForDisplay)」"
        case .formsNeedCityAccount(let login, let union):
            "账号 \(login) 只能办理\(union)的档案；绩效自评表按全市已发放的批次汇总，须由全市账号查看"
        }
    }

    public var english: String {
        switch self {
        case .noSuchAccount(let login): "this database has accounts: \(login) is not one; name the account with --by"
        case .inactive(let login): "the account \(login) is disabled"
        case .roleLacks(let login, let roles, let action):
            "the account \(login) (\(roles.sorted().map(\.rawValue).joined(separator: ", "))) may not \(action.rawValue)"
        case .importNeedsCityAccount(let login, let union):
            "the account \(login) acts for \(union) only; a file is imported by an account of the whole city"
        case .otherUnion(let login, let union, let asked):
            "the account \(login) acts for \(union) only, not for \(asked.escapedForDisplay)"
        case .formsNeedCityAccount(let login, let union):
            "the account \(login) acts for \(union) only; the forms add up the whole city's batches and are read by a city account"
        }
    }

    public var failure: Failure { .refused }
}

extension BangfuDatabase: AccountStore {}
