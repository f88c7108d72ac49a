import BangfuCore
import Foundation
import Testing

/// `bangfu indicators --project` and `--summary` on the small archive's paid batches
/// (spec §6.3, §7).
@Suite(.serialized)
struct IndicatorsEvaluateCommandTests {
    let project = """
        [project]
        name = "困难职工生活救助"
        year = 2024
        budget = 10000
        execution_weight = 10
        department = "青岛市总工会"
        implementer = "青岛市总工会职工服务中心"
        goal = "按标准发放生活救助。"

        [[indicator]]
        level1 = "产出指标"
        level2 = "数量指标"
        name = "救助困难职工户数"
        op = ">="
        target = 4
        unit = "户"
        weight = 30
        metric = "households_aided"

        [[indicator]]
        level1 = "产出指标"
        level2 = "时效指标"
        name = "春节前发放"
        op = ">="
        target = 100
        unit = "%"
        weight = 20
        metric = "on_time_rate"
        deadline = 2024-02-09

        [[indicator]]
        level1 = "成本指标"
        level2 = "经济成本指标"
        name = "救助资金"
        op = "<="
        target = 10000
        unit = "元"
        weight = 20
        metric = "amount_paid"

        [[indicator]]
        level1 = "满意度指标"
        level2 = "服务对象满意度指标"
        name = "受助职工满意度"
        op = ">="
        target = 90
        unit = "%"
        weight = 20
        value = 95
        source = "2024年12月电话回访40户"
        """

    /// A living batch of the project, paid on `paidOn`: 6000 + 2668 = 8668 (the cap cuts the second).
    func paidProject(paidOn: String = "2024-01-25") throws -> (CommandRunner, String) {
        let runner = try CommandRunner.withSmallArchive()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20",
                                      "--name", "春节生活救助", "--project", "困难职工生活救助"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runner.run(["batch", "compute", id]).status == 0)
        try runner.approve(id)
        #expect(try runner.run(["batch", "pay", id, "--date", paidOn]).status == 0)
        return (runner, try runner.file("project.toml", project))
    }

    /// The project file with one more row: a 质量指标 of weight 10 for `metric`.
    func projectFile(_ runner: CommandRunner, adding name: String, op: String, target: Int, metric: String) throws -> String {
        try runner.file("\(metric).toml", project + """

            [[indicator]]
            level1 = "产出指标"
            level2 = "质量指标"
            name = "\(name)"
            op = "\(op)"
            target = \(target)
            weight = 10
            metric = "\(metric)"
            """)
    }

    func evaluation(_ runner: CommandRunner, _ file: String) throws -> [String: Any] {
        let result = try runner.run(["indicators", "--project", file, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func theFormIsFilledFromThePaidBatchesInSpecJSON() throws {
        let (runner, file) = try paidProject()
        let json = try evaluation(runner, file)
        // spec §6.3's keys, and issue 19's count of entries the bank has not reported.
        #expect(Set(json.keys) == [
            "project", "year", "budget_fen", "executed_fen", "execution_rate", "execution_score", "indicators", "total_score", "grade",
            "entries_not_reported",
        ])
        #expect(json["entries_not_reported"] as? Int == 2, "the paid batch's two entries have no return yet")
        #expect(json["executed_fen"] as? Int == 866_800, "the form's 执行数 is the sum of the paid batch")
        #expect(json["execution_rate"] as? Double == 0.8668)
        #expect(json["execution_score"] as? Double == 8.67)
        let rows = try #require(json["indicators"] as? [[String: Any]])
        #expect(Set(rows[0].keys) == ["level1", "level2", "name", "op", "target", "actual", "weight", "score", "deviation_note"])
        // 2 households of 4: 2/4 × 30 = 15, and a 50 % deviation to explain.
        #expect(rows[0]["actual"] as? Int == 2)
        #expect(rows[0]["score"] as? Int == 15)
        #expect((rows[0]["deviation_note"] as? String)?.contains("偏离30%及以上") == true)
        #expect(rows[1]["actual"] as? Int == 100)
        #expect(rows[1]["score"] as? Int == 20)
        #expect(rows[2]["actual"] as? Int == 8668)
        #expect(rows[2]["score"] as? Int == 20)
        #expect(rows[3]["actual"] as? Int == 95)
        #expect(rows[3]["deviation_note"] is NSNull)
        // 8.67 + 15 + 20 + 20 + 20.
        #expect(json["total_score"] as? Double == 83.67)
        #expect(json["grade"] as? String == "良")
    }

    @Test func weightsNotSummingToAHundredAreAWarningNotARefusal() throws {
        // Spec §7's own example (execution 10 + one row of 10) is such a file.
        let (runner, _) = try paidProject()
        let file = try runner.file("small.toml", project.replacingOccurrences(of: "weight = 30", with: "weight = 10"))
        let result = try runner.run(["indicators", "--project", file, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("权重之和为 80"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // 8.67 + 2/4 × 10 + 20 + 20 + 20.
        #expect(json["total_score"] as? Double == 73.67)
    }

    @Test func theDuplicateRateIsTheShareOfTheProjectsOwnRecords() throws {
        // Given the project's two paid records, and one more union payment of the year, outside
        // the project, that puts 赵敏's household over its annual 生活救助 limit
        let (runner, _) = try paidProject()
        let aid = """
            身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号
            \(CommandRunner.idNumber(1980, 3)),赵敏,生活救助,20000,2024-03-01,工会,
            """
        #expect(try runner.run(["import", "aid", try runner.file("aid.csv", aid)]).status == 0)
        let year = try runner.run(["duplicates", "--year", "2024", "--policy", CommandRunner.qingdaoPolicy, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(year.stdout.utf8)) as? [String: Any])
        #expect(report["duplicate_aid_rate"] as? Double == 1.0 / 3.0, "the year's rate: 1 of 3 union records")
        // When the project's form asks for the rate
        let file = try projectFile(runner, adding: "重复救助率", op: "<=", target: 0, metric: "duplicate_aid_rate")
        // Then it counts the project's records only (spec §7: metrics come from its paid batches)
        let rows = try #require(try evaluation(runner, file)["indicators"] as? [[String: Any]])
        #expect(rows.last?["actual"] as? Int == 0)
        #expect(rows.last?["score"] as? Int == 10)
    }

    @Test func aHouseholdWhoseIncomeRoseAboveTheCapLowersEligibilityAccuracy() throws {
        // Given the project paid 王建国 (QD-001) and 李秀英 (QD-002)
        let (runner, _) = try paidProject()
        let file = try projectFile(runner, adding: "对象界定准确率", op: "=", target: 1, metric: "eligibility_accuracy")
        #expect((try #require(try evaluation(runner, file)["indicators"] as? [[String: Any]])).last?["actual"] as? Int == 1)
        // When QD-002's income is re-imported at 60000 yuan for 2 people: 2500 a month each,
        // above 2.1 × 1045 = 2194.5 (the January batch's 低保)
        let households = """
            档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
            QD-002,李秀英,\(CommandRunner.idNumber(1978, 2)),海尔,海尔工会,相对困难,2023-01-05,2,60000,,下岗失业,13912345678,建行,6217000010012345678,在档
            """
        #expect(try runner.run(["import", "households", try runner.file("raise.csv", households)]).status == 0)
        // Then one of the two paid entries no longer meets the policy
        let rows = try #require(try evaluation(runner, file)["indicators"] as? [[String: Any]])
        #expect(rows.last?["actual"] as? Double == 0.5)
    }

    @Test func aLatePaymentLowersTheOnTimeRow() throws {
        let (runner, file) = try paidProject(paidOn: "2024-02-20")
        let rows = try #require(try evaluation(runner, file)["indicators"] as? [[String: Any]])
        #expect(rows[1]["actual"] as? Int == 0)
        #expect(rows[1]["score"] as? Int == 0)
    }

    @Test func theWorkbookHasTheFormsBlocksAndMergedLevels() throws {
        let (runner, file) = try paidProject()
        let out = runner.folder.appendingPathComponent("自评表.xlsx").path
        #expect(try runner.run(["indicators", "--project", file, "--out", out]).status == 0)
        let strings = try CommandRunner.unzipped(out, "xl/sharedStrings.xml")
        for text in ["项目支出绩效自评表", "（2024年度）　　单位：万元", "困难职工生活救助", "年度资金总额", "全年执行数（B）", "一级指标", "产出指标", "总分", "自评等级：良"] {
            #expect(strings.contains(text), "\(text)")
        }
        let sheet = try CommandRunner.unzipped(out, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<v>0.8668</v>"), "执行数 in 万元")
        #expect(sheet.contains("<v>83.67</v>"))
        #expect(sheet.contains("<mergeCell "))
    }

    @Test func onceTheDatabaseHasAccountsOnlyAnAccountThatReadsTheFormsSavesOne() throws {
        // Found in review: `--by` named nobody's account and the report was saved in their name.
        let (runner, file) = try paidProject()
        try AccountCommandTests().addAccount(runner, "wangzhuxi", "王主席", roles: "approver")
        try AccountCommandTests().addAccount(runner, "gang", "港录入员", roles: "clerk", union: "港工会")
        let report = runner.folder.appendingPathComponent("报告.txt").path
        for login in ["无此人", "gang"] {
            let refused = try runner.run(["indicators", "report", "--project", file, "--out", report, "--by", login])
            #expect(refused.status == 1, "\(login)")
            #expect(!FileManager.default.fileExists(atPath: report), "nothing saved for \(login)")
        }
        #expect(try runner.run(["indicators", "report", "--project", file, "--out", report, "--by", "wangzhuxi"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: report))
    }

    @Test func aFormOrReportSavedByTheCommandLineIsInTheAuditTrailAsADownloadIs() throws {
        // Found in review: the pages recorded a form's download, `--out` did not.
        let (runner, file) = try paidProject()
        let form = runner.folder.appendingPathComponent("自评表.xlsx").path
        let report = runner.folder.appendingPathComponent("报告.txt").path
        #expect(try runner.run(["indicators", "--project", file, "--format", "json"]).status == 0)
        #expect(!(try runner.run(["audit", "--format", "csv"]).stdout.contains("form export")), "printing is not an export")
        #expect(try runner.run(["indicators", "--project", file, "--out", form, "--by", "张敏"]).status == 0)
        #expect(try runner.run(["indicators", "report", "--project", file, "--out", report, "--by", "张敏"]).status == 0)
        let lines = try runner.run(["audit", "--format", "csv"]).stdout.split(separator: "\n").filter { $0.contains("form export") }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("张敏") })
        #expect(lines.contains { $0.contains("self-evaluation form of 困难职工生活救助 2024 → \(form)") })
        #expect(lines.contains { $0.contains("self-evaluation report 2024年度困难职工生活救助绩效自评报告 → \(report)") })
    }

    @Test func theSummaryListsEachProjectWithItsScoreAndGrade() throws {
        let (runner, file) = try paidProject()
        let shipped = URL(fileURLWithPath: CommandRunner.qingdaoPolicy).deletingLastPathComponent().appendingPathComponent("projects/qingdao-2024-warmth.toml").path
        let result = try runner.run(["indicators", "--summary", file, shipped])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("项目绩效自评情况汇总表"))
        #expect(result.stdout.contains("1  困难职工生活救助"))
        #expect(result.stdout.contains("83.67  良"))
        #expect(result.stdout.contains("2  元旦春节送温暖"))
    }
}
