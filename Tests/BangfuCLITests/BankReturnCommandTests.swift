import BangfuCore
import Foundation
import Testing

/// `batch reconcile`, `reissue`, `approve-reissue`, `pay-reissue`, `cancel-transfer` end to
/// end (issue 19), on the small archive's January living batch: 王建国 (QD-001, deep, 3
/// persons) 6000 yuan and 李秀英 (QD-002, relative, 2 persons, 50000 a year) 2668 yuan, cut
/// by the 2.1 × 1045 cap (policies/qingdao-2024.toml).
@Suite(.serialized)
struct BankReturnCommandTests {
    static let wangAccount = "6222020200112233446"
    static let liAccount = "6217000010012345678"
    static let header = "序号,姓名,开户银行,银行账号,金额（元）,处理结果,处理日期,失败原因"

    /// The January batch paid on 2024-01-25, and the runner.
    func paidJanuaryBatch() throws -> (CommandRunner, String) {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20", name: "春节生活救助")
        try runner.approve(id)
        let paid = try runner.run(["batch", "pay", id, "--date", "2024-01-25", "--by", "刘芳"])
        #expect(paid.status == 0, "\(paid.stderr)")
        return (runner, id)
    }

    /// The return file in which 李秀英's transfer failed.
    func liFailed(_ runner: CommandRunner) throws -> String {
        try runner.file("回盘.csv", """
            \(Self.header)
            1,王建国,工行,\(Self.wangAccount),6000.00,成功,2024-01-26,
            2,李秀英,建行,\(Self.liAccount),2668.00,失败,2024-01-26,账户已销户
            """)
    }

    func entries(_ runner: CommandRunner, _ id: String) throws -> [[String: Any]] {
        try #require(try runner.batchJSON(id)["entries"] as? [[String: Any]])
    }

    /// The union aid records of `name`, as `paid_on|amount_fen` lines.
    func aidRecords(_ runner: CommandRunner, of name: String) throws -> [String] {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [runner.database, "SELECT paid_on || '|' || amount_fen FROM aid_records WHERE name = '\(name)' ORDER BY id"]
        let out = Pipe()
        shell.standardOutput = out
        try shell.run()
        shell.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func aReturnDatesTheTransferredAidAndRemovesTheFailedOne() throws {
        let (runner, id) = try paidJanuaryBatch()
        let recorded = try runner.run(["batch", "reconcile", id, try liFailed(runner), "--by", "刘芳"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("到账 1 笔，失败 1 笔（2,668.00 元未到账"))
        // spec §3.4: the record carries the bank's date, not the pay date; the failed one is gone.
        #expect(try aidRecords(runner, of: "王建国") == ["2024-01-26|600000"])
        #expect(try aidRecords(runner, of: "李秀英") == [])
        let states = try entries(runner, id).map { [$0["transfer_state"] as? String, $0["transfer_date"] as? String, $0["transfer_reason"] as? String] }
        #expect(states == [["transferred", "2024-01-26", nil], ["failed", "2024-01-26", "账户已销户"]])
        let table = try runner.run(["batch", "show", id]).stdout
        #expect(table.contains("转账失败 2024-01-26：账户已销户"))
        #expect(try runner.run(["audit", "--format", "json"]).stdout.contains("batch reconcile"))
    }

    @Test func aFailedTransferGivesTheNextBatchItsRoomUnderTheCapAndTheAnnualLimitBack() throws {
        // Given the January batch paid, the July batch computed while 李秀英's 2668 counts:
        // cap 2.1 × 1115 × 2 × 12 − 50000 − 2668 = 3528 (her 4 × 1115 → 4000 cut to fit).
        let (runner, id) = try paidJanuaryBatch()
        let before = try runner.computedBatch("living", date: "2024-07-20", name: "七月")
        let li = try #require(try entries(runner, before).first { $0["name"] as? String == "李秀英" })
        #expect(li["amount_fen"] as? Int == 352_800)
        #expect((li["reasons"] as? [String])?.contains { $0.hasPrefix("本年已获生活救助2668元，年度上限8个月×低保1115元=8920元") } == true)
        // When the bank reports her transfer failed
        #expect(try runner.run(["batch", "reconcile", id, try liFailed(runner)]).status == 0)
        // Then a batch computed now gives her the whole 4000: nothing of January reached her.
        let after = try runner.computedBatch("living", date: "2024-07-20", name: "七月重算")
        let again = try #require(try entries(runner, after).first { $0["name"] as? String == "李秀英" })
        #expect(again["amount_fen"] as? Int == 400_000)
        #expect((again["reasons"] as? [String])?.contains { $0.hasPrefix("本年已获生活救助") } == false)
        // and 王建国's 6000, transferred, still counts against his 12 × 1115 = 13380.
        let wang = try #require(try entries(runner, after).first { $0["name"] as? String == "王建国" })
        #expect((wang["reasons"] as? [String])?.contains { $0.hasPrefix("本年已获生活救助6000元，年度上限12个月×低保1115元=13380元") } == true)
    }

    @Test func aBadReturnFileChangesNothingAndListsEveryBadRow() throws {
        let (runner, id) = try paidJanuaryBatch()
        let file = try runner.file("坏回盘.csv", """
            \(Self.header)
            1,王建国,工行,\(Self.wangAccount),6000.00,成功,2024-01-26,
            2,王建国,工行,\(Self.wangAccount),6000.00,成功,2024-01-26,
            3,李秀英,建行,\(Self.liAccount),2600.00,成功,2024-01-26,
            4,张三,建行,6217000010099999999,100.00,成功,2024-01-26,
            5,李四,建行,\(Self.liAccount),2668.00,成功,2024-01-26,
            6,李秀英,建行,\(Self.liAccount),2668.00,失败,2024-01-26,
            7,李秀英,建行,\(Self.liAccount),2668.00,成功,2024-01-24,
            8,李秀英,建行,\(Self.liAccount),2668.00,退回,2024-01-26,
            """)
        let refused = try runner.run(["batch", "reconcile", id, file])
        #expect(refused.status == 1)
        for expected in [
            "第3行", "与第 2 行是同一笔转账", "第4行", "金额与发放清单不符（清单为 2,668.00 元）", "第5行", "不在本批次的银行发放清单",
            "第6行", "姓名不符", "第7行", "失败原因", "第8行", "早于发放日期 2024-01-25", "第9行", "处理结果",
        ] {
            #expect(refused.stderr.contains(expected), "\(expected) in \(refused.stderr)")
        }
        #expect(refused.stderr.contains("整个回盘文件未登记"))
        // Nothing stored: the good first row neither.
        #expect(try entries(runner, id).map { $0["transfer_state"] as? String } == ["not_reported", "not_reported"])
        #expect(try aidRecords(runner, of: "王建国") == ["2024-01-25|600000"])
    }

    @Test func aReissueIsApprovedByAnotherAccountAndNeverPaysTwice() throws {
        let (runner, id) = try paidJanuaryBatch()
        let first = try liFailed(runner)
        #expect(try runner.run(["batch", "reconcile", id, first, "--by", "刘芳"]).status == 0)
        // The clerk corrects 李秀英's account (an import of the archive: an update with history).
        let corrected = "6217000010087654321"
        let households = """
            档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
            QD-002,李秀英,\(CommandRunner.idNumber(1978, 2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,下岗失业,13912345678,建行,\(corrected),在档
            """
        #expect(try runner.run(["import", "households", try runner.file("改账号.csv", households)]).status == 0)
        let prepared = try runner.run(["batch", "reissue", id, "--by", "刘芳"])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        #expect(prepared.stdout.contains("第 1 次补发已编制：1 笔，合计 2,668.00 元"))
        // finance cannot approve its own re-issue; the approver cannot pay it.
        let own = try runner.run(["batch", "approve-reissue", id, "--by", "刘芳"])
        #expect(own.status == 1)
        #expect(own.stderr.contains("已由 刘芳 办理编制"))
        #expect(try runner.run(["batch", "approve-reissue", id, "--by", "王主席"]).status == 0)
        let approverPays = try runner.run(["batch", "pay-reissue", id, "--date", "2024-02-01", "--by", "王主席"])
        #expect(approverPays.status == 1)
        let list = runner.folder.appendingPathComponent("补发.csv").path
        #expect(try runner.run(["batch", "export", id, "--bank", list, "--round", "1"]).status == 0)
        #expect(try String(contentsOfFile: list, encoding: .utf8).contains(corrected))
        #expect(try runner.run(["batch", "pay-reissue", id, "--date", "2024-02-01", "--by", "刘芳"]).status == 0)
        #expect(try aidRecords(runner, of: "李秀英") == ["2024-02-01|266800"])
        // Paying twice, preparing again and recording the first file again change nothing.
        #expect(try runner.run(["batch", "pay-reissue", id, "--date", "2024-02-02", "--by", "刘芳"]).status == 1)
        let nothingFailed = try runner.run(["batch", "reissue", id, "--by", "刘芳"])
        #expect(nothingFailed.status == 1)
        #expect(nothingFailed.stderr.contains("没有待补发的失败转账"))
        let again = try runner.run(["batch", "reconcile", id, first])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("到账 0 笔，失败 0 笔，此前已登记 2 笔（未变）"))
        // The re-issue's own return, once; the same success again is no second payment.
        let second = try runner.file("补发回盘.csv", """
            \(Self.header)
            1,李秀英,建行,\(corrected),2668.00,成功,2024-02-03,
            """)
        #expect(try runner.run(["batch", "reconcile", id, second]).status == 0)
        #expect(try runner.run(["batch", "reconcile", id, second]).status == 0)
        #expect(try aidRecords(runner, of: "李秀英") == ["2024-02-03|266800"])
        let li = try #require(try entries(runner, id).last)
        #expect(li["transfer_state"] as? String == "transferred")
        #expect(li["transfer_round"] as? Int == 1)
        // Even a hand-made second record of the entry is refused by the schema.
        #expect(try !runner.sqlite("""
            INSERT INTO aid_records(id_number, name, kind, amount_fen, paid_on, payer, batch_id, batch_position)
            SELECT id_number, name, kind, amount_fen, paid_on, payer, batch_id, batch_position FROM aid_records WHERE name = '李秀英'
            """))
    }

    @Test func aFailedTransferCancelledWithAReasonIsNotReissued() throws {
        let (runner, id) = try paidJanuaryBatch()
        #expect(try runner.run(["batch", "reconcile", id, try liFailed(runner)]).status == 0)
        let cancelled = try runner.run(["batch", "cancel-transfer", id, "--id-number", CommandRunner.idNumber(1978, 2), "--reason", "本人放弃", "--by", "刘芳"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(try entries(runner, id).last?["transfer_state"] as? String == "cancelled")
        #expect(try entries(runner, id).last?["transfer_reason"] as? String == "本人放弃")
        #expect(try runner.run(["batch", "reissue", id]).status == 1)
        #expect(try aidRecords(runner, of: "李秀英") == [])
    }

    /// A project of the January batch: its on-time rate by 2024-02-09 (春节) and its amount.
    static let project = """
        [project]
        name = "困难职工生活救助"
        year = 2024
        budget = 10000
        execution_weight = 10

        [[indicator]]
        level1 = "产出指标"
        level2 = "时效指标"
        name = "春节前发放"
        op = ">="
        target = 100
        unit = "%"
        weight = 45
        metric = "on_time_rate"
        deadline = 2024-02-09

        [[indicator]]
        level1 = "成本指标"
        level2 = "经济成本指标"
        name = "救助资金"
        op = "<="
        target = 10000
        unit = "元"
        weight = 45
        metric = "amount_paid"
        """

    /// The January batch of the project, paid on 2024-01-25; the runner, the batch and the project file.
    func paidProjectBatch() throws -> (CommandRunner, String, String) {
        let runner = try CommandRunner.withSmallArchive()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20",
                                      "--name", "春节生活救助", "--project", "困难职工生活救助"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runner.run(["batch", "compute", id]).status == 0)
        try runner.approve(id)
        #expect(try runner.run(["batch", "pay", id, "--date", "2024-01-25"]).status == 0)
        return (runner, id, try runner.file("project.toml", Self.project))
    }

    func form(_ runner: CommandRunner, _ file: String) throws -> [String: Any] {
        let result = try runner.run(["indicators", "--project", file, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func theFormsOnTimeRateFollowsTheBanksDates() throws {
        let (runner, id, file) = try paidProjectBatch()
        // Paid on 2024-01-25, before 春节: on time, as far as anyone knows yet, and the form says so.
        let before = try form(runner, file)
        #expect((before["indicators"] as? [[String: Any]])?.first?["actual"] as? Int == 100)
        #expect(before["entries_not_reported"] as? Int == 2)
        #expect(try runner.run(["indicators", "--project", file]).stdout.contains("其中 2 条已发放明细尚未收到银行回盘"))
        // The bank reports 王建国's transfer only on 2024-02-12, after the deadline.
        let late = try runner.file("回盘.csv", """
            \(Self.header)
            1,王建国,工行,\(Self.wangAccount),6000.00,成功,2024-02-12,
            2,李秀英,建行,\(Self.liAccount),2668.00,成功,2024-01-26,
            """)
        #expect(try runner.run(["batch", "reconcile", id, late]).status == 0)
        let after = try form(runner, file)
        #expect((after["indicators"] as? [[String: Any]])?.first?["actual"] as? Int == 50)
        #expect(after["entries_not_reported"] as? Int == 0)
        #expect(try !runner.run(["indicators", "--project", file]).stdout.contains("尚未收到银行回盘"))
    }

    @Test func theFormsAmountAndExecutionCountOnlyTransferredMoney() throws {
        let (runner, id, file) = try paidProjectBatch()
        #expect(try form(runner, file)["executed_fen"] as? Int == 866_800)
        #expect(try runner.run(["batch", "reconcile", id, try liFailed(runner)]).status == 0)
        let after = try form(runner, file)
        #expect(after["executed_fen"] as? Int == 600_000, "李秀英's 2668 never arrived")
        #expect((after["indicators"] as? [[String: Any]])?.last?["actual"] as? Int == 6000)
        // 王建国's transfer arrived on 2024-01-26, before 春节: the only entry counted is on time.
        #expect((after["indicators"] as? [[String: Any]])?.first?["actual"] as? Int == 100)
    }

    @Test func aBatchNotPaidHasNoReturn() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        let refused = try runner.run(["batch", "reconcile", id, try liFailed(runner)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("尚未发放"))
        #expect(try entries(runner, id).allSatisfy { $0["transfer_state"] is NSNull })
    }
}
