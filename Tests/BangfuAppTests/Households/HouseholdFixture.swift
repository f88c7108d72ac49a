import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// A database, the shipped policies and forms for the 建档 and edit tests.
enum HouseholdFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `policies/qingdao-2024.toml`: 低保 1045 from 2023-07-01 (002:2201–2203), 1115 from
    /// 2024-07-01 (002:2227); 相对困难 below 2 × 低保 (its `[classification]`, a placeholder
    /// from Qingdao's self-test tool, domain.md).
    static func policies() throws -> [Policy] { try PolicyDirectory.load(repository.appendingPathComponent("policies").path) }

    static func id(_ n: Int, year: Int = 1975) -> String { IDNumber(region: 370202, birth: CalendarDate(year: year, month: n, day: 9)!, sequence: n).value }

    /// The request of the person named `name` on 2024-03-01 (低保 1045 in force).
    static func context(_ name: String = "经办人周婷") throws -> RequestContext {
        RequestContext(actor: try Person(name: name), on: CalendarDate(year: 2024, month: 3, day: 1)!)
    }

    /// A 深度困难 household of 3 with 30,000 yuan a year: 833.33 a head a month, under the
    /// 低保 of 1045 (002:2201–2203) on its 建档日期.
    static func form(_ number: String = "QD-101", union: String = "港工会", category: String = "深度困难", income: String = "30000") -> HouseholdForm {
        HouseholdForm(values: [
            .archiveNo: number, .headName: "王建国", .headIDNumber: id(1), .workUnit: "青岛港", .union: union, .category: category,
            .registeredOn: "2024-02-20", .size: "3", .annualIncome: income, .phone: "13800000000",
        ])
    }

    /// Writes `text` to a file of its own and imports it as `kind`.
    static func importFile(_ kind: ImportKind, _ text: String, into store: BangfuDatabase, context: RequestContext) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(kind.rawValue)-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        _ = try Imports.run(kind, path: path, into: store, context: context)
    }

    static let householdsHeader = "档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"

    /// A store with accounts: a harbour-union clerk, a city clerk and a city approver.
    static func storeWithAccounts() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let shell = try context("测试")
        let accounts: [(login: String, roles: Set<Role>, union: String?)] = [("gang", [.clerk], "港工会"), ("city", [.clerk], nil), ("wang", [.approver], nil)]
        for (login, roles, union) in accounts {
            _ = try Accounts.add(AccountRequest(login: login, name: "用户\(login)", roles: roles, union: union), password: "Secret2024pass", in: store, context: shell)
        }
        return store
    }
}
