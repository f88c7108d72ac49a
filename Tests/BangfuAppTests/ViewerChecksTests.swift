import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// Reads the roles allow, refused to the others (spec §8, §9).
struct ViewerChecksTests {
    @Test func onlyTheAuditorAndTheAdministratorReadTheTrail() throws {
        let store = try BangfuDatabase()
        for role in Role.allCases {
            let viewer = Account(login: "x", name: "某人", roles: [role], union: nil)
            if [.auditor, .admin].contains(role) {
                #expect(try AuditTrail.lines(AuditFilter(), viewer: viewer, in: store).isEmpty)
            } else {
                #expect(throws: AuthorityError.self) { try AuditTrail.lines(AuditFilter(), viewer: viewer, in: store) }
            }
        }
    }

    @Test func theAdministratorReadsNoForm() throws {
        let store = try BangfuDatabase()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let project = root.appendingPathComponent("policies/projects/qingdao-2024-warmth.toml").path
        let admin = Account(login: "admin", name: "管理员", roles: [.admin], union: nil)
        #expect(throws: AuthorityError.self) { try Evaluations.evaluate(project, viewer: admin, in: store) }
        let auditor = Account(login: "jiandu", name: "监督", roles: [.auditor], union: nil)
        #expect(try Evaluations.evaluate(project, viewer: auditor, in: store).executed == .zero)
    }
}
