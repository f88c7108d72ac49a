import BangfuCore
import GRDB

/// An account as stored (spec §8): who, which roles, which union (nil: the whole city),
/// whether it may sign in. The password's hash never leaves the store but to be checked.
public struct Account: Hashable, Sendable {
    public var login: String
    public var name: String
    public var roles: Set<Role>
    public var union: String?
    public var isActive: Bool

    public init(login: String, name: String, roles: Set<Role>, union: String?, isActive: Bool = true) {
        self.login = login
        self.name = name
        self.roles = roles
        self.union = union
        self.isActive = isActive
    }
}

/// Refusals about accounts.
public enum AccountStoreError: Error, Equatable, Sendable, UserFacingError {
    case loginTaken(String)
    case noSuchAccount(String)

    public var chinese: String {
        switch self {
        case .loginTaken(let login): "账号 \(login) 已存在"
        case .noSuchAccount(let login): "没有账号 \(login)"
        }
    }

    public var english: String {
        switch self {
        case .loginTaken(let login): "the login \(login) is taken"
        case .noSuchAccount(let login): "no account \(login)"
        }
    }

    public var failure: Failure {
        switch self {
        case .loginTaken: .refused
        case .noSuchAccount: .notFound
        }
    }
}

extension BangfuDatabase {
    /// Adds `account` with its password's hash, and the audit line, in one transaction.
    public func addAccount(_ account: Account, passwordHash: String, by actor: String, at: String) throws {
        try queue.write { db in
            guard try Self.account(db, account.login) == nil else { throw AccountStoreError.loginTaken(account.login) }
            try db.execute(
                sql: """
                    INSERT INTO accounts(login, name, roles, union_name, active, password_hash, created_at, password_changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [account.login, account.name, Self.rolesText(account.roles), account.union, account.isActive, passwordHash, at, at])
            try Self.appendAudit(
                db, at: at, actor: actor, action: .accountAdd, batch: nil, subject: account.login,
                detail: "\(account.name): \(Self.rolesText(account.roles))" + (account.union.map { ", union \($0)" } ?? ", whole city"))
        }
    }

    /// Every account, by login.
    public func accounts() throws -> [Account] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT login, name, roles, union_name, active FROM accounts ORDER BY login").map(Self.account(from:))
        }
    }

    /// The account `login`, or nil.
    public func account(_ login: String) throws -> Account? {
        try queue.read { db in try Self.account(db, login) }
    }

    /// Whether the database has any account: once it has, a step needs one (spec §8).
    public func hasAccounts() throws -> Bool {
        try queue.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts)") ?? false }
    }

    /// The stored hash of `login`'s password, to be checked; nil when there is no such account.
    public func passwordHash(of login: String) throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM accounts WHERE login = ?", arguments: [login]) }
    }

    /// Replaces `login`'s password hash, with the audit line (never the password).
    public func setPasswordHash(of login: String, to hash: String, by actor: String, at: String) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE login = ?", arguments: [hash, at, login])
            guard db.changesCount == 1 else { throw AccountStoreError.noSuchAccount(login) }
            try Self.appendAudit(db, at: at, actor: actor, action: .accountPassword, batch: nil, subject: login, detail: "password changed")
        }
    }

    /// Lets `login` sign in again, or not; a disabled account's sessions end with it.
    public func setActive(_ active: Bool, login: String, by actor: String, at: String) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE accounts SET active = ? WHERE login = ?", arguments: [active, login])
            guard db.changesCount == 1 else { throw AccountStoreError.noSuchAccount(login) }
            if !active { try db.execute(sql: "DELETE FROM sessions WHERE login = ?", arguments: [login]) }
            try Self.appendAudit(
                db, at: at, actor: actor, action: active ? .accountEnable : .accountDisable, batch: nil, subject: login, detail: "")
        }
    }

    /// Gives `login` `roles` and `union` (nil: the whole city), with the audit line of what
    /// changed. Its sessions go on: every request reads the account afresh.
    public func updateAccount(_ login: String, roles: Set<Role>, union: String?, by actor: String, at: String) throws {
        try queue.write { db in
            guard let before = try Self.account(db, login) else { throw AccountStoreError.noSuchAccount(login) }
            try db.execute(
                sql: "UPDATE accounts SET roles = ?, union_name = ? WHERE login = ?", arguments: [Self.rolesText(roles), union, login])
            var changes: [String] = []
            if before.roles != roles { changes.append("roles \(Self.rolesText(before.roles)) → \(Self.rolesText(roles))") }
            if before.union != union { changes.append("union \(before.union ?? "whole city") → \(union ?? "whole city")") }
            try Self.appendAudit(
                db, at: at, actor: actor, action: .accountUpdate, batch: nil, subject: login,
                detail: changes.isEmpty ? "unchanged" : changes.joined(separator: "; "))
        }
    }

    /// When each account last signed in (its audit line's time), by login; an account that
    /// never did is absent.
    public func lastSignIns() throws -> [String: String] {
        try queue.read { db in
            var found: [String: String] = [:]
            for login in try String.fetchAll(db, sql: "SELECT login FROM accounts") {
                let at = try String.fetchOne(db, sql: Self.lastSignInSQL, arguments: [login])
                if let at { found[login] = at }
            }
            return found
        }
    }

    /// Every 所属工会 the archives and the accounts name, in order: what an account's union is
    /// picked from (one look along the index of archives by union).
    public func unionNames() throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT union_name FROM households WHERE union_name <> '' GROUP BY union_name
                    UNION SELECT union_name FROM accounts WHERE union_name IS NOT NULL ORDER BY 1
                    """)
        }
    }

    /// One account's last sign-in: one look-up in the index of sign-ins (v11). The action is
    /// written in the SQL, as in the index's condition, so that SQLite may use the index.
    static let lastSignInSQL = "SELECT at FROM audit WHERE actor = ? AND action = '\(AuditAction.signIn.stored)' ORDER BY at DESC, id DESC LIMIT 1"

    /// Ends every session of `login` (its password was reset by someone else).
    public func endSessions(of login: String) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM sessions WHERE login = ?", arguments: [login]) }
    }

    static func account(_ db: Database, _ login: String) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT login, name, roles, union_name, active FROM accounts WHERE login = ?", arguments: [login])
            .map(account(from:))
    }

    static func account(from row: Row) throws -> Account {
        let roles = try (row["roles"] as String).split(separator: ",").map { word in
            try StoreError.parse(String(word), column: "roles") { Role(rawValue: $0) }
        }
        return Account(login: row["login"], name: row["name"], roles: Set(roles), union: row["union_name"], isActive: row["active"])
    }

    static func rolesText(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }
}

extension BangfuDatabase {
    /// Starts a session of `login`, kept by its token's SHA-256; `at` in Unix seconds.
    public func startSession(tokenSHA256: String, login: String, at: Int) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO sessions(token_sha256, login, started_at, last_used_at) VALUES (?, ?, ?, ?)",
                arguments: [tokenSHA256, login, at, at])
        }
    }

    /// The login and last use (Unix seconds) of the session kept as `tokenSHA256`, or nil.
    public func session(tokenSHA256: String) throws -> (login: String, lastUsed: Int)? {
        let stored = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT login, last_used_at FROM sessions WHERE token_sha256 = ?", arguments: [tokenSHA256])
                .map { (login: $0["login"] as String, lastUsed: $0["last_used_at"] as Int) }
        }
        guard let stored else { return nil }
        return (stored.login, max(stored.lastUsed, recentSessionUse.lastUse(tokenSHA256) ?? 0))
    }

    /// Marks the session used at `at`. A server keeps the use in memory at once and writes it
    /// beside the request, at most once a minute per session: a page never waits for an
    /// import to let it write (the idle limit is 30 minutes; a restart forgets at most one).
    public func touchSession(tokenSHA256: String, at: Int) throws {
        let write: @Sendable (Database) throws -> Void = { db in
            try db.execute(sql: "UPDATE sessions SET last_used_at = ? WHERE token_sha256 = ?", arguments: [at, tokenSHA256])
        }
        guard let deferred else { return try queue.write(write) }
        if recentSessionUse.note(tokenSHA256, at: at, writeEvery: 60) { deferred.enqueue(write) }
    }

    /// Ends the session: its token works no more.
    public func endSession(tokenSHA256: String) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_sha256 = ?", arguments: [tokenSHA256]) }
        recentSessionUse.forget(tokenSHA256)
    }

    /// Records a failed sign-in of `login` at `at` (Unix seconds), with its audit line.
    public func recordSignInFailure(login: String, at: Int, timestamp: String) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO login_failures(login, at) VALUES (?, ?)", arguments: [login, at])
            try Self.appendAudit(db, at: timestamp, actor: login, action: .signInFailed, batch: nil, subject: login, detail: "")
        }
    }

    /// The times (Unix seconds, oldest first) of `login`'s failed sign-ins since `since`.
    public func signInFailures(login: String, since: Int) throws -> [Int] {
        try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT at FROM login_failures WHERE login = ? AND at >= ? ORDER BY at", arguments: [login, since])
        }
    }

    /// Appends the audit line of an account's own act (a sign-in, a sign-out).
    public func auditAccountEvent(_ action: AuditAction, login: String, at: String) throws {
        try queue.write { db in try Self.appendAudit(db, at: at, actor: login, action: action, batch: nil, subject: login, detail: "") }
    }
}
