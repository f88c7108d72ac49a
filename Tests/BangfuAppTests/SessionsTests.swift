import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Sign-in, idle expiry, sign-out and the lock after failures (spec §8, §9), on an injected
/// clock: each request's `RequestContext` says when it is.
struct SessionsTests {
    let start = Date(timeIntervalSince1970: 1_733_450_000)

    func at(_ minutes: Double) -> RequestContext {
        RequestContext(actor: try! Person(name: "web"), now: start.addingTimeInterval(minutes * 60), timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    }

    func store() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        _ = try Accounts.add(
            AccountRequest(login: "zhangmin", name: "张敏", roles: [.firstReviewer], union: nil), password: "Secret2024pass", in: store, context: at(0))
        return store
    }

    @Test func aSignInGivesATokenThatIsStoredOnlyAsItsDigest() throws {
        let store = try store()
        let (token, account) = try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(0))
        #expect(account.login == "zhangmin")
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit), "256 random bits")
        #expect(try store.session(tokenSHA256: token) == nil, "the database does not hold the token itself")
        #expect(try Sessions.account(of: token, in: store, context: at(1)).login == "zhangmin")
        let (other, _) = try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(2))
        #expect(other != token)
        #expect(try store.auditLines(batch: nil).map(\.action).filter { $0 == .signIn }.count == 2)
    }

    @Test func aWrongPasswordAndAnUnknownLoginGetTheSameAnswerAndAreAudited() throws {
        let store = try store()
        #expect(throws: SignInError.wrongLoginOrPassword) { try Sessions.signIn(login: "zhangmin", password: "Secret2024pasS", in: store, context: at(0)) }
        #expect(throws: SignInError.wrongLoginOrPassword) { try Sessions.signIn(login: "nobody", password: "Secret2024pass", in: store, context: at(0)) }
        #expect(try store.auditLines(batch: nil).filter { $0.action == .signInFailed }.map(\.subject) == ["zhangmin", "nobody"])
    }

    @Test func fiveFailuresInFifteenMinutesLockTheLoginForFifteenMinutesEvenWithTheRightPassword() throws {
        let store = try store()
        for minute in [0.0, 2, 4, 6, 8] {
            #expect(throws: SignInError.wrongLoginOrPassword) { try Sessions.signIn(login: "zhangmin", password: "wrong", in: store, context: at(minute)) }
        }
        #expect(throws: SignInError.locked) { try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(9)) }
        #expect(throws: SignInError.locked) { try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(22)) }
        // Fifteen minutes after the last failure (the attempts while locked count too: the
        // last was at 22), the right password works again.
        #expect(try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(38)).account.login == "zhangmin")
    }

    @Test func fourFailuresDoNotLock() throws {
        let store = try store()
        for minute in [0.0, 1, 2, 3] {
            #expect(throws: SignInError.wrongLoginOrPassword) { try Sessions.signIn(login: "zhangmin", password: "wrong", in: store, context: at(minute)) }
        }
        #expect(try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(4)).account.login == "zhangmin")
    }

    @Test func aSessionIdleForThirtyMinutesEndsAndUseKeepsItAlive() throws {
        let store = try store()
        let (token, _) = try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(0))
        #expect(try Sessions.account(of: token, in: store, context: at(29)).login == "zhangmin")
        #expect(try Sessions.account(of: token, in: store, context: at(58)).login == "zhangmin", "used at 29: alive until 59")
        #expect(throws: SignInError.notSignedIn) { try Sessions.account(of: token, in: store, context: at(88.5)) }
        #expect(throws: SignInError.notSignedIn) { try Sessions.account(of: token, in: store, context: at(89)) }
    }

    @Test func aSignOutOrADisabledAccountEndsTheSession() throws {
        let store = try store()
        let (token, _) = try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(0))
        try Sessions.signOut(token: token, in: store, context: at(1))
        #expect(throws: SignInError.notSignedIn) { try Sessions.account(of: token, in: store, context: at(2)) }
        let (again, _) = try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(3))
        try Accounts.setActive(false, login: "zhangmin", in: store, context: at(4))
        #expect(throws: SignInError.notSignedIn) { try Sessions.account(of: again, in: store, context: at(5)) }
        #expect(throws: SignInError.wrongLoginOrPassword) { try Sessions.signIn(login: "zhangmin", password: "Secret2024pass", in: store, context: at(6)) }
    }
}
