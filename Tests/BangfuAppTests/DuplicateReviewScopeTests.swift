import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// The duplicate findings as an account sees them (spec §8): its union's people only, and no
/// 身份证号 or bank account in full where its roles may not see them.
struct DuplicateReviewScopeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sample year run into a new in-memory database, its lists into a temporary folder.
    func sampleYear() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = DemoRun.Inputs(
            sample: Self.root.appendingPathComponent("import/sample").path, policy: Self.root.appendingPathComponent("policies/qingdao-2024.toml").path,
            projects: Self.root.appendingPathComponent("policies/projects").path)
        _ = try DemoRun.run(inputs, into: store, listPath: { folder.appendingPathComponent($0).path }, show: { _ in })
        return store
    }

    @Test func anApproverSeesEveryFindingWithNumbersMaskedAndAUnionAccountOnlyItsOwn() throws {
        let store = try sampleYear()
        let policy = Self.root.appendingPathComponent("policies/qingdao-2024.toml").path
        let full = try DuplicateChecks.report(year: DemoYear.year, policyPath: policy, in: store)
        let approver = Account(login: "wangzhuxi", name: "王主席", roles: [.approver], union: nil)
        let masked = try DuplicateChecks.report(year: DemoYear.year, policyPath: policy, viewer: approver, in: store)
        #expect(masked.findings.count == full.findings.count)
        let idPattern = try NSRegularExpression(pattern: "[0-9]{17}[0-9X]")
        for finding in masked.findings {
            #expect(finding.idNumbers.allSatisfy { $0.contains("********") }, "\(finding.code)")
            let detail = finding.detail as NSString
            #expect(idPattern.firstMatch(in: finding.detail, range: NSRange(location: 0, length: detail.length)) == nil, "\(finding.detail)")
        }
        // A clerk sees 身份证号 whole but no bank account: the shared-account finding shows
        // the account's last four digits only.
        let clerk = Account(login: "zhouting", name: "周婷", roles: [.clerk], union: nil)
        let forClerk = try DuplicateChecks.report(year: DemoYear.year, policyPath: policy, viewer: clerk, in: store)
        let shared = try #require(forClerk.findings.first { $0.code == .sharedAccount })
        #expect(shared.detail.contains("****"))
        #expect(shared.idNumbers == full.findings.first { $0.code == .sharedAccount }?.idNumbers)

        // A union account sees fewer findings, each about people of its union.
        let first = try #require(try store.searchArchives(ArchiveQuery(limit: 1)).page.first)
        let union = try #require(try store.archive(first.0.archiveNumber)).union
        let local = Account(login: "local", name: "基层", roles: [.clerk], union: union)
        let mine = try DuplicateChecks.report(year: DemoYear.year, policyPath: policy, viewer: local, in: store)
        #expect(mine.findings.count < full.findings.count)
        let unions = try store.unions(ofPeople: mine.findings.flatMap(\.idNumbers))
        #expect(mine.findings.allSatisfy { $0.idNumbers.contains { unions[$0]?.contains(union) == true } })
    }
}
