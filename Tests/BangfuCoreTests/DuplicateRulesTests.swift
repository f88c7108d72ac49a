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

    @Test func theRateIsExactAndPrintedWithoutBinaryFractions() {
        #expect(ExactRatio(1, 8).decimalText() == "0.125")
        #expect(ExactRatio(2, 9).decimalText() == "0.222222")
        #expect(ExactRatio(0, 0).decimalText() == "0")
        #expect(ExactRatio(3, 3).decimalText() == "1")
        #expect(ExactRatio(1, 80).percentText == "1.25%")
        #expect(ExactRatio(0, 10).percentText == "0%")
    }

    @Test func aRecordInTwoFindingsCountsOnceAndCrossAgencyDoesNotCount() {
        let findings = [
            DuplicateFinding(code: .sameBatch, idNumbers: ["a"], detail: "", aidRecordIDs: [1, 2]),
            DuplicateFinding(code: .overAnnualLimit, idNumbers: ["a"], detail: "", aidRecordIDs: [2, 3]),
            DuplicateFinding(code: .crossAgency, idNumbers: ["b"], detail: "", aidRecordIDs: [4]),
        ]
        let report = DuplicateReport(year: 2024, findings: findings, unionAidRecords: 10, limitsChecked: true)
        #expect(report.involvedRecords == 3)
        #expect(report.duplicateAidRate.decimalText() == "0.3")
    }
}
