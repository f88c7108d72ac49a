import BangfuCore
import Testing

/// The review queue's rules over findings (issue 16): where a finding stands, what counts in
/// the confirmed rate, what identifies a finding from one scan to the next.
struct FindingReviewTests {
    func finding(_ code: FindingCode, _ records: [Int64], decided outcome: FindingOutcome? = nil) -> DuplicateFinding {
        var finding = DuplicateFinding(code: code, idNumbers: ["370202197501090011"], detail: "", aidRecordIDs: records)
        finding.decision = outcome.map { FindingDecision(outcome: $0, action: $0 == .confirmed ? .recover : nil, note: "核实", by: "zhangmin", at: "2024-12-01T10:00:00+08:00") }
        return finding
    }

    @Test func aFindingIsOpenUntilDecidedAndTakesItsLatestOutcome() {
        #expect(finding(.sameBatch, [1]).status == .open)
        #expect(finding(.sameBatch, [1], decided: .confirmed).status == .confirmed)
        #expect(finding(.sameBatch, [1], decided: .dismissed).status == .dismissed)
    }

    @Test func theConfirmedRateCountsOnlyTheRecordsOfConfirmedFindingsThatCountInTheRate() {
        // Given 10 union records: a confirmed same_batch over records 1 and 2, an open
        // two_households over 3, a dismissed over_annual_limit over 4, and a confirmed
        // cross_agency (not in spec §5's rate) over 5.
        let report = DuplicateReport(
            year: 2024,
            findings: [
                finding(.sameBatch, [1, 2], decided: .confirmed), finding(.twoHouseholds, [3]), finding(.overAnnualLimit, [4], decided: .dismissed),
                finding(.crossAgency, [5], decided: .confirmed),
            ],
            unionAidRecords: 10, limitsChecked: true)
        // Then spec §5's rate still counts every finding, and the confirmed one only 1 and 2.
        #expect(report.duplicateAidRate == Rational(4, 10))
        #expect(report.confirmedDuplicateAidRate == Rational(2, 10))
        #expect(report.confirmedDuplicateAidRatePercent == "20%")
        #expect((report.count(.open), report.count(.confirmed), report.count(.dismissed)) == (1, 2, 1))
    }

    @Test func aDismissalCarriesNoAction() {
        let decision = FindingDecision(outcome: .dismissed, action: .stop, note: "同名不同人", by: "liqiang", at: "")
        #expect(decision.action == nil)
        #expect(decision.summary == "排除（非重复）")
        #expect(FindingDecision(outcome: .confirmed, action: .allowed, note: "", by: "", at: "").summary == "确认属实，属政策允许")
    }

    @Test func theIdentityIsTheYearCodeSubjectAndSortedPeople() {
        let one = DuplicateFinding(code: .sharedAccount, idNumbers: ["2", "1"], detail: "a", subject: "6222")
        let same = DuplicateFinding(code: .sharedAccount, idNumbers: ["1", "2"], detail: "b", subject: "6222")
        #expect(one.identity(year: 2024) == same.identity(year: 2024), "the detail's wording is not part of it")
        #expect(one.identity(year: 2024) != one.identity(year: 2025))
        let other = DuplicateFinding(code: .sharedAccount, idNumbers: ["1", "2"], detail: "a", subject: "6223")
        #expect(one.identity(year: 2024) != other.identity(year: 2024), "two accounts shared by the same two people are two findings")
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2.
        let digest = SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(digest == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: a key longer than a block is hashed first.
        let long = SHA256.hmac(
            key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        #expect(long == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
