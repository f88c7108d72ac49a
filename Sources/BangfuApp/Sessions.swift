import BangfuCore
import BangfuStore
import Foundation

/// Signing in and out (spec §8, §9), as data the web layer only carries: a random token
/// for the browser or the API client, kept in the database only as its SHA-256; the idle
/// limit and the lock after repeated failures decided here, with the request's clock.
public enum Sessions {
    /// A session unused this long has ended (spec §9: 30 minutes).
    public static let idleLimit = 30 * 60
    /// This many failures of one login within `failureWindow` lock it for `lockDuration`.
    public static let failureLimit = 5
    public static let failureWindow = 15 * 60
    public static let lockDuration = 15 * 60

    /// Checked when the login is unknown, so that an unknown login takes as long as a wrong
    /// password and the answer says nothing of which it was.
    private static let unknownLoginHash = Passwords.hash("no account has this password 0")

    /// Signs `login` in with `password`: a new session's token (256 bits from the system's
    /// random source, hex) and the account. Every attempt is an audit line.
    public static func signIn(login: String, password: String, in store: BangfuDatabase, context: RequestContext) throws -> (token: String, account: Account) {
        let now = seconds(context.now)
        if try isLocked(login, now: now, in: store) {
            try store.recordSignInFailure(login: login, at: now, timestamp: context.timestamp)
            throw SignInError.locked
        }
        let account = try store.account(login)
        let hash = try store.passwordHash(of: login) ?? unknownLoginHash
        guard Passwords.verify(password, against: hash), let account, account.isActive else {
            try store.recordSignInFailure(login: login, at: now, timestamp: context.timestamp)
            throw SignInError.wrongLoginOrPassword
        }
        let token = newToken()
        try store.startSession(tokenSHA256: digest(token), login: login, at: now)
        try store.auditAccountEvent(.signIn, login: login, at: context.timestamp)
        return (token, account)
    }

    /// 256 bits from the system's random source, as 64 hex digits: a session's token, or a
    /// form's before there is a session.
    public static func newToken() -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", random.next() as UInt64) }.joined()
    }

    /// The account of `token`'s session, which this use keeps alive; refused when the token is
    /// unknown, ended, idle past `idleLimit`, or its account disabled.
    public static func account(of token: String, in store: BangfuDatabase, context: RequestContext) throws -> Account {
        let key = digest(token)
        let now = seconds(context.now)
        guard let session = try store.session(tokenSHA256: key) else { throw SignInError.notSignedIn }
        guard now - session.lastUsed <= idleLimit else {
            try store.endSession(tokenSHA256: key)
            throw SignInError.notSignedIn
        }
        guard let account = try store.account(session.login), account.isActive else {
            try store.endSession(tokenSHA256: key)
            throw SignInError.notSignedIn
        }
        try store.touchSession(tokenSHA256: key, at: now)
        return account
    }

    /// Ends `token`'s session.
    public static func signOut(token: String, in store: BangfuDatabase, context: RequestContext) throws {
        let key = digest(token)
        guard let session = try store.session(tokenSHA256: key) else { return }
        try store.endSession(tokenSHA256: key)
        try store.auditAccountEvent(.signOut, login: session.login, at: context.timestamp)
    }

    /// Whether `login` has `failureLimit` failures within `failureWindow` of each other, the
    /// last of them less than `lockDuration` ago.
    static func isLocked(_ login: String, now: Int, in store: BangfuDatabase) throws -> Bool {
        let failures = try store.signInFailures(login: login, since: now - failureWindow - lockDuration)
        guard failures.count >= failureLimit else { return false }
        for last in (failureLimit - 1)..<failures.count
        where failures[last] - failures[last - failureLimit + 1] <= failureWindow && now - failures[last] < lockDuration {
            return true
        }
        return false
    }

    private static func digest(_ token: String) -> String {
        var hash = SHA256()
        hash.update(Array(token.utf8))
        return hash.hexDigest()
    }

    private static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970) }
}

/// Why a sign-in or a request's session is refused (spec §9: 401, or 429 while locked).
public enum SignInError: Error, Equatable, Sendable, UserFacingError {
    /// The same answer for an unknown login, a wrong password and a disabled account.
    case wrongLoginOrPassword
    case locked
    case notSignedIn

    public var chinese: String {
        switch self {
        case .wrongLoginOrPassword: "账号或密码错误"
        case .locked: "登录失败次数过多，该账号已锁定\(Sessions.lockDuration / 60)分钟，请稍后再试"
        case .notSignedIn: "未登录或登录已过期，请重新登录"
        }
    }

    public var english: String {
        switch self {
        case .wrongLoginOrPassword: "wrong login or password"
        case .locked: "too many failed sign-ins: the login is locked for \(Sessions.lockDuration / 60) minutes"
        case .notSignedIn: "not signed in, or the session has ended"
        }
    }

    public var failure: Failure { .refused }
}
