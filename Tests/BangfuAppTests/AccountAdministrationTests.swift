import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// The administrator's use cases beyond `bangfu user add` (issue 16): roles and union
/// changed with an audit line, the lock-out refusals, and sessions ended where they must.
struct AccountAdministrationTests {
    let shell = RequestContext(actor: try! Person(name: "测试"))

    func request(_ login: String) -> RequestContext { RequestContext(actor: try! Person(name: login)) }

    /// An administrator (`guan`), a city clerk (`zhou`) and a union clerk (`gang`).
    func store() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        for (login, roles, union) in [("guan", Set([Role.admin]), nil), ("zhou", [.clerk], nil), ("gang", [.clerk], "港工会")] as [(String, Set<Role>, String?)] {
            _ = try Accounts.add(AccountRequest(login: login, name: login, roles: roles, union: union), password: "Secret2024pass", in: store, context: shell)
        }
        return store
    }

    @Test func anAdministratorChangesRolesAndUnionWithAnAuditLineOfWhatChanged() throws {
        let store = try store()
        try Accounts.update(login: "zhou", roles: [.firstReviewer, .secondReviewer], union: " 港工会 ", in: store, context: request("guan"))
        let zhou = try #require(try store.account("zhou"))
        #expect(zhou.roles == [.firstReviewer, .secondReviewer])
        #expect(zhou.union == "港工会")
        let line = try #require(try store.auditLines().last)
        #expect(line.action == .accountUpdate && line.actor == "guan" && line.subject == "zhou")
        #expect(line.detail == "roles clerk → first_reviewer,second_reviewer; union whole city → 港工会")
        try Accounts.update(login: "zhou", roles: [.firstReviewer], union: "", in: store, context: request("guan"))
        #expect(try store.account("zhou")?.union == nil, "an empty union is the whole city")
    }

    @Test func anUpdateNeedsARoleAndAnAdministrator() throws {
        let store = try store()
        #expect(throws: AccountRequestError.noRole) { try Accounts.update(login: "zhou", roles: [], union: nil, in: store, context: request("guan")) }
        #expect(throws: AuthorityError.self) { try Accounts.update(login: "gang", roles: [.approver], union: nil, in: store, context: request("zhou")) }
        #expect(throws: AccountStoreError.noSuchAccount("nobody")) {
            try Accounts.update(login: "nobody", roles: [.clerk], union: nil, in: store, context: request("guan"))
        }
    }

    @Test func anAdministratorMayNeitherDisableThemselfNorDropTheirOwnAdminRole() throws {
        let store = try store()
        #expect(throws: AccountLockOut.disablingOneself) { try Accounts.setActive(false, login: "guan", in: store, context: request("guan")) }
        #expect(throws: AccountLockOut.droppingOwnAdministrator) {
            try Accounts.update(login: "guan", roles: [.auditor], union: nil, in: store, context: request("guan"))
        }
        try Accounts.update(login: "guan", roles: [.admin, .auditor], union: nil, in: store, context: request("guan"))
        #expect(try store.account("guan")?.roles == [.admin, .auditor], "keeping the admin role is allowed")
        #expect(try store.account("guan")?.isActive == true)
        // The server's administrator at the shell is no account: the CLI may still do it.
        try Accounts.setActive(false, login: "guan", in: store, context: shell)
        #expect(try store.account("guan")?.isActive == false)
    }

    @Test func disablingAnAccountEndsItsSessionsAtOnce() throws {
        let store = try store()
        let (token, _) = try Sessions.signIn(login: "zhou", password: "Secret2024pass", in: store, context: request("web"))
        #expect(try Sessions.account(of: token, in: store, context: request("web")).login == "zhou")
        try Accounts.setActive(false, login: "zhou", in: store, context: request("guan"))
        #expect(throws: SignInError.notSignedIn) { try Sessions.account(of: token, in: store, context: request("web")) }
        try Accounts.setActive(true, login: "zhou", in: store, context: request("guan"))
        #expect(throws: SignInError.notSignedIn, "enabling again does not bring the old session back") {
            try Sessions.account(of: token, in: store, context: request("web"))
        }
    }

    @Test func aPasswordResetByTheAdministratorEndsTheAccountsSessionsAndIsNeverInTheTrail() throws {
        let store = try store()
        let (token, _) = try Sessions.signIn(login: "zhou", password: "Secret2024pass", in: store, context: request("web"))
        let (own, _) = try Sessions.signIn(login: "guan", password: "Secret2024pass", in: store, context: request("web"))
        try Accounts.setPassword(of: "zhou", to: "Another2025word", in: store, context: request("guan"))
        #expect(throws: SignInError.notSignedIn) { try Sessions.account(of: token, in: store, context: request("web")) }
        try Accounts.setPassword(of: "guan", to: "Another2025word", in: store, context: request("guan"))
        #expect(try Sessions.account(of: own, in: store, context: request("web")).login == "guan", "one's own reset keeps one's session")
        #expect(!(try store.auditLines()).contains { $0.detail.contains("Another2025word") || $0.subject.contains("Another2025word") })
    }

    @Test func theOverviewIsTheAdministratorsAndShowsTheLastSignIn() throws {
        let store = try store()
        let guan = try #require(try store.account("guan"))
        _ = try Sessions.signIn(login: "zhou", password: "Secret2024pass", in: store, context: request("web"))
        let overview = try Accounts.overview(viewer: guan, in: store)
        #expect(overview.map(\.account.login) == ["gang", "guan", "zhou"])
        #expect(overview.first { $0.account.login == "zhou" }?.lastSignIn != nil)
        #expect(overview.first { $0.account.login == "gang" }?.lastSignIn == nil)
        let zhou = try #require(try store.account("zhou"))
        #expect(throws: AuthorityError.self) { try Accounts.overview(viewer: zhou, in: store) }
    }
}
