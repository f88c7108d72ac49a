import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// The duplicate findings as a review queue (issue 16) on the sample year, which plants one
/// finding of each code: ids stable from scan to scan, decisions kept and counted, refusals
/// by role, union and missing reason.
struct DuplicateQueueTests {
    static let policy = DuplicateReviewScopeTests.root.appendingPathComponent("policies/qingdao-2024.toml").path

    func context(_ login: String) throws -> RequestContext { RequestContext(actor: try Person(name: login)) }

    /// The ids of the findings of `code`, through an auditor's view.
    func ids(_ scan: ScannedYear, _ store: BangfuDatabase, _ code: FindingCode) throws -> [String] {
        let auditor = Account(login: "t", name: "t", roles: [.auditor], union: nil)
        return try DuplicateQueue.view(scan, viewer: auditor, in: store).findings.filter { $0.code == code }.map(\.id)
    }

    func scan(_ store: BangfuDatabase) throws -> ScannedYear { try DuplicateQueue.scan(year: DemoYear.year, policyPath: Self.policy, in: store) }

    @Test func everyFindingGetsAnOpaqueIdThatTheNextScanGivesItAgain() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let first = try DuplicateQueue.report(year: DemoYear.year, policyPath: Self.policy, in: store)
        let again = try DuplicateQueue.report(year: DemoYear.year, policyPath: Self.policy, in: store)
        #expect(first.findings.count == 6)
        #expect(first.findings.map(\.id) == again.findings.map(\.id))
        #expect(Set(first.findings.map(\.id)).count == 6)
        #expect(first.findings.allSatisfy { $0.id.count == 32 && $0.id.allSatisfy(\.isHexDigit) && $0.decision == nil })
    }

    @Test func aConfirmationIsShownAgainAtTheNextScanAndCountedApartFromOpenFindings() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let approver = Account(login: "wangzhuxi", name: "王主席", roles: [.approver], union: nil)
        let open = try DuplicateQueue.view(scan, viewer: approver, in: store)
        let sameBatch = try #require(open.findings.first { $0.code == .sameBatch })
        let decided = try DuplicateQueue.decide(
            DecisionRequest(findingID: sameBatch.id, outcome: .confirmed, action: .recover, note: "追回重复发放部分"), in: scan, store: store,
            context: try context("zhangmin"))
        #expect(decided.decision?.action == .recover && decided.decision?.by == "zhangmin")
        #expect(decided.idNumbers.allSatisfy { !$0.contains("*") }, "a first reviewer sees 身份证号 whole")

        let next = try DuplicateQueue.report(year: DemoYear.year, policyPath: Self.policy, in: store)
        #expect(next.findings.first { $0.id == sameBatch.id }?.status == .confirmed)
        #expect((next.count(.open), next.count(.confirmed)) == (5, 1))
        #expect(next.duplicateAidRate == open.duplicateAidRate, "spec §5's rate counts every finding, decided or not")
        #expect(next.confirmedRecords == sameBatch.aidRecordIDs.count && next.confirmedRecords > 0)
        #expect(next.confirmedDuplicateAidRate < next.duplicateAidRate)
    }

    @Test func aLaterDecisionReplacesTheEarlierAndTheHistoryKeepsBoth() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let id = try #require(try ids(scan, store, .twoHouseholds).first)
        _ = try DuplicateQueue.decide(DecisionRequest(findingID: id, outcome: .confirmed, action: .stop, note: ""), in: scan, store: store, context: try context("zhangmin"))
        _ = try DuplicateQueue.decide(
            DecisionRequest(findingID: id, outcome: .dismissed, action: .stop, note: "迁档未销，同一家庭"), in: scan, store: store, context: try context("liqiang"))
        let approver = Account(login: "wangzhuxi", name: "王主席", roles: [.approver], union: nil)
        let history = try DuplicateQueue.history(of: id, in: scan, viewer: approver, in: store)
        #expect(history.map(\.outcome) == [.confirmed, .dismissed])
        let view = try DuplicateQueue.view(scan, viewer: approver, in: store)
        let finding = try #require(view.findings.first { $0.id == id })
        #expect(finding.decision?.outcome == .dismissed && finding.decision?.action == nil && finding.decision?.note == "迁档未销，同一家庭")
        let audit = try store.auditLines().filter { $0.action == .duplicateDecision }
        #expect(audit.count == 2 && audit.allSatisfy { $0.subject == id })
    }

    @Test func aDismissalWithoutAReasonAndAConfirmationWithoutAnActionAreRefused() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let id = try #require(try ids(scan, store, .crossAgency).first)
        #expect(throws: DuplicateDecisionError.reasonRequired) {
            try DuplicateQueue.decide(DecisionRequest(findingID: id, outcome: .dismissed, action: nil, note: "  \u{200B} "), in: scan, store: store, context: try context("zhangmin"))
        }
        #expect(throws: DuplicateDecisionError.actionRequired) {
            try DuplicateQueue.decide(DecisionRequest(findingID: id, outcome: .confirmed, action: nil, note: ""), in: scan, store: store, context: try context("zhangmin"))
        }
        #expect(try store.duplicateDecisions(year: DemoYear.year).isEmpty)
    }

    @Test func aClerkMayNotDecideAndAnUnknownIdIsNotFound() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let id = try #require(try ids(scan, store, .sharedAccount).first)
        let dismiss = DecisionRequest(findingID: id, outcome: .dismissed, action: nil, note: "夫妻共用")
        #expect(throws: AuthorityError.self) { try DuplicateQueue.decide(dismiss, in: scan, store: store, context: try context("zhouting")) }
        var unknown = dismiss
        unknown.findingID = String(repeating: "0", count: 32)
        #expect(throws: DuplicateDecisionError.noSuchFinding(unknown.findingID)) {
            try DuplicateQueue.decide(unknown, in: scan, store: store, context: try context("zhangmin"))
        }
    }

    @Test func aUnionAccountDecidesOnlyAboutItsUnionsPeople() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let shell = RequestContext(actor: try Person(name: "测试"))
        _ = try Accounts.add(AccountRequest(login: "wai", name: "外工会初审", roles: [.firstReviewer], union: "没有档案的工会"), password: "Secret2024pass", in: store, context: shell)
        let id = try #require(try ids(scan, store, .idNameMismatch).first)
        let request = DecisionRequest(findingID: id, outcome: .confirmed, action: .recover, note: "")
        #expect(throws: DuplicateDecisionError.noSuchFinding(id)) { try DuplicateQueue.decide(request, in: scan, store: store, context: try context("wai")) }
        let wai = try #require(try store.account("wai"))
        #expect(try DuplicateQueue.view(scan, viewer: wai, in: store).findings.isEmpty)
        #expect(throws: DuplicateDecisionError.noSuchFinding(id)) { try DuplicateQueue.history(of: id, in: scan, viewer: wai, in: store) }
    }

    @Test func aUnionAccountsRatesCountOnlyItsUnionsRecords() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let city = try DuplicateQueue.view(scan, viewer: Account(login: "a", name: "a", roles: [.auditor], union: nil), in: store)
        var unions: [String: Int] = [:]
        for (household, _) in try store.searchArchives(ArchiveQuery(limit: 1000)).page { unions[household.unionName, default: 0] += 1 }
        var counted = 0
        for union in unions.keys {
            let view = try DuplicateQueue.view(scan, viewer: Account(login: "u", name: "u", roles: [.auditor], union: union), in: store)
            #expect(view.unionAidRecords < city.unionAidRecords, "spec §8: a union's account counts only its union's records")
            #expect(view.duplicateAidRate <= Rational(1))
            counted += view.unionAidRecords
        }
        // Every union record of the sample year goes to a person of some archive, but for 劳模 not listed in one.
        #expect(counted > 0 && counted <= city.unionAidRecords)
    }

    @Test func aMaskedViewerSeesNoFullNumberInTheRecordsOrHolders() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        let scan = try scan(store)
        let approver = Account(login: "wangzhuxi", name: "王主席", roles: [.approver], union: nil)
        let view = try DuplicateQueue.view(scan, viewer: approver, in: store)
        let records = try DuplicateQueue.records(of: view.findings, viewer: approver, in: store)
        #expect(!records.isEmpty)
        #expect(records.values.allSatisfy { $0.idNumber.contains("********") })
        let shared = try #require(view.findings.first { $0.code == .sharedAccount })
        #expect(shared.evidence.holders.count == 2 && shared.evidence.holders.allSatisfy { $0.idNumber.contains("********") })
        #expect(view.findings.allSatisfy { $0.subject.isEmpty }, "what sets a finding apart (an account number) is never shown")
        let cross = try #require(view.findings.first { $0.code == .crossAgency })
        #expect(Set(cross.evidence.aidRecordIDs.compactMap { records[$0]?.payer }).count == 2, "the union's and the other agency's records side by side")
    }

    @Test func theQueueOpensOnTheLatestYearWithAidAndTheFirstPolicyCoveringIt() throws {
        let store = try DuplicateReviewScopeTests().sampleYear()
        #expect(try DuplicateQueue.defaultYear(in: store, today: CalendarDate(year: 2026, month: 12, day: 6)!) == DemoYear.year)
        #expect(try DuplicateQueue.defaultYear(in: store, today: CalendarDate(year: DemoYear.year, month: 6, day: 1)!) == DemoYear.year)
        #expect(throws: DuplicateQueryError.badYear("20x4")) {
            try DuplicateQueue.select(year: "20x4", policy: nil, among: [], in: store, today: CalendarDate(year: 2026, month: 1, day: 1)!)
        }
        #expect(throws: DuplicateQueryError.unknownPolicy("nowhere", known: [])) {
            try DuplicateQueue.select(year: "2024", policy: "nowhere", among: [], in: store, today: CalendarDate(year: 2026, month: 1, day: 1)!)
        }
    }
}
