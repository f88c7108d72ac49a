import BangfuCore
import Testing

struct DuplicateRulesTests {
    @Test func theYearsLimitsUseTheHighestDibaoInForce() throws {
        // 1045 from 2023-07-01, 1115 from 2024-07-01 (002:2201, 002:2227).
        let limits = try #require(AnnualLimits(policy: Qingdao.policy(), year: 2024))
        #expect(limits.dibao == .yuan(1115))
        #expect(limits.living[.deep] == .yuan(13380))
        #expect(limits.living[.relative] == .yuan(8920))
        #expect(limits.education[.undergraduate]?[.deep] == .yuan(10000))
        #expect(limits.education[.none] == nil)
        #expect(try #require(AnnualLimits(policy: Qingdao.policy(), year: 2023)).dibao == .yuan(1045))
        #expect(AnnualLimits(policy: Qingdao.policy(), year: 2022) == nil)
    }

    @Test func theRateIsExactAndZeroWithoutRecords() {
        let none = DuplicateReport(year: 2024, findings: [], unionAidRecords: 0, limitsChecked: true)
        #expect(none.duplicateAidRate == .zero)
        #expect(none.duplicateAidRatePercent == "0%")
        let one = DuplicateReport(
            year: 2024, findings: [DuplicateFinding(code: .twoHouseholds, idNumbers: ["a"], detail: "", aidRecordIDs: [7])], unionAidRecords: 80,
            limitsChecked: true)
        #expect(one.duplicateAidRate == Rational(1, 80))
        #expect(one.duplicateAidRatePercent == "1.25%")
    }

    @Test func aRecordInTwoFindingsCountsOnceAndCrossAgencyDoesNotCount() {
        let findings = [
            DuplicateFinding(code: .sameBatch, idNumbers: ["a"], detail: "", aidRecordIDs: [1, 2]),
            DuplicateFinding(code: .overAnnualLimit, idNumbers: ["a"], detail: "", aidRecordIDs: [2, 3]),
            DuplicateFinding(code: .crossAgency, idNumbers: ["b"], detail: "", aidRecordIDs: [4]),
        ]
        let report = DuplicateReport(year: 2024, findings: findings, unionAidRecords: 10, limitsChecked: true)
        #expect(report.involvedRecords == 3)
        #expect(report.duplicateAidRate.rounded(toPlaces: 6).description == "0.3")
    }
}
