import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// 在档 → 脱困 / 销档 and back (spec §9 `…/status`): a reason is required, each step is a
/// history line and an audit line.
struct LifecycleTests {
    typealias Fixture = HouseholdFixture

    func registered() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        _ = try Households.register(Fixture.form(), confirmed: false, policies: [], in: store, context: try Fixture.context())
        return store
    }

    @Test func anArchiveExitsWithItsReasonAndComesBackToActive() throws {
        let store = try registered()
        let number = ArchiveNumber("QD-101")
        let exited = try Households.changeStatus(number, to: .exited, reason: "收入连续6个月高于低保", in: store, context: try Fixture.context())
        #expect(exited.status == "exited")
        #expect(exited.history.last?.change == "档案状态：在档 → 脱困，原因：收入连续6个月高于低保")
        let back = try Households.changeStatus(number, to: .active, reason: "再次致困", in: store, context: try Fixture.context())
        #expect(back.status == "active")
        #expect(try store.auditLines().filter { $0.action == .archiveStatus }.map(\.detail) == [
            "QD-101：在档 → 脱困，原因：收入连续6个月高于低保", "QD-101：脱困 → 在档，原因：再次致困",
        ])
    }

    @Test func aStatusChangeWithoutAReasonIsRefused() throws {
        let store = try registered()
        #expect(throws: HouseholdError.reasonRequired) {
            try Households.changeStatus(ArchiveNumber("QD-101"), to: .closed, reason: "  ", in: store, context: try Fixture.context())
        }
        #expect(try store.archive(ArchiveNumber("QD-101"))?.household.status == .active)
    }

    @Test func theLifecycleRefusesTheSameStatusAndAClosedArchiveToExited() throws {
        let store = try registered()
        let number = ArchiveNumber("QD-101")
        #expect(throws: HouseholdError.statusRefused(from: .active, to: .active)) {
            try Households.changeStatus(number, to: .active, reason: "复核", in: store, context: try Fixture.context())
        }
        _ = try Households.changeStatus(number, to: .closed, reason: "户主去世，家庭迁出", in: store, context: try Fixture.context())
        #expect(throws: HouseholdError.statusRefused(from: .closed, to: .exited)) {
            try Households.changeStatus(number, to: .exited, reason: "复核", in: store, context: try Fixture.context())
        }
    }
}
