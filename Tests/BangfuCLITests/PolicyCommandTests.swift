import Foundation
import Testing

/// `bangfu policy check FILE` and `bangfu policy show FILE --date D` (issue: policies as data).
struct PolicyCommandTests {
    @Test func theShippedPolicyChecksAndAMistypedKeyIsNamedWithItsLine() throws {
        let runner = try CommandRunner()
        let good = try runner.run(["policy", "check", CommandRunner.qingdaoPolicy], withDatabase: false)
        #expect(good.status == 0)
        #expect(good.stdout.contains("策略文件有效"))
        let typo = try runner.file("typo.toml", "[policy]\nid = \"x\"\nregion = \"青岛\"\n")
        let bad = try runner.run(["policy", "check", typo], withDatabase: false)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("第3行 键「policy.region」：未知的键"))
        #expect(bad.stderr.contains("line 3, key policy.region"))
    }

    @Test func showGivesTheStandardsInForceOnTheDateInEachFormat() throws {
        let runner = try CommandRunner()
        func show(_ date: String, _ format: String) throws -> CommandRunner.Result {
            try runner.run(["policy", "show", CommandRunner.qingdaoPolicy, "--date", date, "--format", format], withDatabase: false)
        }
        // 1115 by September 2024 (002:2227): 2.1 × 1115 = 2341.5.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try show("2024-09-10", "json").stdout.utf8)) as? [String: Any])
        #expect((json["dibao"] as? [String: Any])?["monthly_fen"] as? Int == 111_500)
        #expect((json["income_cap"] as? [String: Any])?["monthly_fen"] as? Int == 234_150)
        // 1045 in January (002:2201).
        #expect(try show("2024-01-20", "table").stdout.contains("2,194.50"))
        let csv = try show("2024-09-10", "csv").stdout.components(separatedBy: "\n")
        #expect(csv.first == "类别,项目,标准(元),说明")
        #expect(csv.contains { $0.hasPrefix("低保,每人每月,") })
    }

    @Test func aDayWithoutALowIncomeStandardIsRefusedAndABadDateIsAUsageError() throws {
        let runner = try CommandRunner()
        let early = try runner.run(["policy", "show", CommandRunner.qingdaoPolicy, "--date", "2020-01-01"], withDatabase: false)
        #expect(early.status == 1)
        #expect(early.stderr.contains("没有生效的低保标准"))
        let leap = try runner.run(["policy", "show", CommandRunner.qingdaoPolicy, "--date", "2024-02-30"], withDatabase: false)
        #expect(leap.status == 2)
        // The same words as `batch create --date`, and no usage text of the whole program.
        #expect(leap.stderr.hasPrefix("--date 的值「2024-02-30」不是有效的日期"))
        #expect(!leap.stderr.contains("Usage:"))
    }
}
