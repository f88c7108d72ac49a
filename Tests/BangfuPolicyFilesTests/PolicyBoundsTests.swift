import BangfuCore
import Testing

@testable import BangfuPolicyFiles

/// Issue 21: a policy number no real standard has is refused with its key and line, before a
/// batch multiplies it (`Plausible`).
struct PolicyBoundsTests {
    func at(_ keyPath: String, _ line: String) -> PolicyFileError.Location {
        .init(file: "test.toml", keyPath: keyPath, line: PolicyText.line(line))
    }

    @Test func batchMonthsOfTheLargestIntegerAreRefusedWithTheirLine() throws {
        let text = try PolicyText.replacing("batch_months = { deep = 6", with: "batch_months = { deep = 9223372036854775807")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .tooLarge(at("living.batch_months.deep", "batch_months"), value: "9223372036854775807", limit: "12"))
        let line = try #require(PolicyText.line("batch_months"))
        #expect(error.errorDescription?.contains("第\(line)行") == true)
    }

    @Test func anAnnualMaximumOfThirteenMonthsIsRefused() throws {
        let text = try PolicyText.replacing("annual_max_months = { deep = 12", with: "annual_max_months = { deep = 13")
        #expect(try PolicyText.error(parsing: text) == .tooLarge(at("living.annual_max_months.deep", "annual_max_months"), value: "13", limit: "12"))
    }

    @Test func aMultipleAboveFiveIsRefused() throws {
        let text = try PolicyText.replacing("multiple = 2.1", with: "multiple = 9223372036854775807")
        #expect(try PolicyText.error(parsing: text) == .tooLarge(at("income_cap.multiple", "multiple"), value: "9223372036854775807", limit: "5"))
    }

    @Test func aRoundingStepAboveAHundredThousandYuanIsRefused() throws {
        let text = try PolicyText.replacing("round_down_to = 1000", with: "round_down_to = 100001")
        #expect(try PolicyText.error(parsing: text) == .tooLarge(at("living.round_down_to", "round_down_to"), value: "100001", limit: "100000"))
    }

    @Test func anAmountAboveTenMillionYuanIsRefused() throws {
        let text = try PolicyText.replacing("monthly = 1045", with: "monthly = 9999999999999999")
        #expect(try PolicyText.error(parsing: text) == .tooLarge(at("dibao[1].monthly", "monthly = 1045"), value: "9999999999999999", limit: "10000000"))
    }

    @Test func aDecimalAmountAboveTenMillionYuanIsRefused() throws {
        let text = try PolicyText.replacing("annual_max = 20000", with: "annual_max = 10000000.5")
        #expect(try PolicyText.error(parsing: text) == .tooLarge(at("medical.annual_max", "annual_max = 20000"), value: "10000000.5", limit: "10000000"))
    }

    @Test func aDateInTheYear9999IsRefused() throws {
        let text = try PolicyText.replacing("from = 2024-07-01", with: "from = 9999-07-01")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .invalidDate(at("dibao[2].from", "from = 2024-07-01"), value: "9999-7-1"))
        #expect(error.errorDescription?.contains(Plausible.yearsText) == true)
    }

    @Test func aProjectBudgetAboveTheBatchBudgetBoundIsRefused() throws {
        let text = ProjectText.valid.replacingOccurrences(of: "budget = 2600000", with: "budget = 100000000001")
        #expect(try ProjectText.error(parsing: text) == .tooLarge(ProjectText.at("project.budget", 4), value: "100000000001", limit: "100000000000"))
    }
}
