import BangfuCore
import Foundation
import Testing

/// `batch review|exclude|approve|pay` and `audit`, end to end (002:1691–1718; spec §1, §4).
@Suite(.serialized)
struct BatchLifecycleCommandTests {
    /// Runs the whole path on a living batch and returns the runner and the batch id.
    func paidLivingBatch() throws -> (CommandRunner, String) {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        #expect(try runner.run(["batch", "review", id, "--stage", "first", "--by", "张敏"]).status == 0)
        #expect(try runner.run(["batch", "review", id, "--stage", "second", "--by", "李强"]).status == 0)
        #expect(try runner.run(["batch", "approve", id, "--by", "王主席"]).status == 0)
        let paid = try runner.run(["batch", "pay", id, "--date", "2024-01-25"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("2 条救助记录，合计 8,668.00 元"))
        return (runner, id)
    }

    @Test func aBatchGoesFromComputedThroughBothReviewsToPaid() throws {
        let (runner, id) = try paidLivingBatch()
        #expect(try runner.batchJSON(id)["status"] as? String == "paid")
        let table = try runner.run(["batch", "show", id]).stdout
        #expect(table.contains("初审：张敏"))
        #expect(table.contains("复审：李强"))
        #expect(table.contains("审批：王主席"))
        #expect(table.contains("发放日期 2024-01-25"))
    }

    @Test func paidEntriesBecomeUnionAidThatLaterBatchesCount() throws {
        let (runner, _) = try paidLivingBatch()
        let later = try runner.computedBatch("living", date: "2024-07-20")
        let entries = try #require(try runner.batchJSON(later)["entries"] as? [[String: Any]])
        // The deep household got 6000 of its 12 × 1115 = 13380 a year in January.
        let reasons = try #require(entries[0]["reasons"] as? [String])
        #expect(reasons.contains { $0.hasPrefix("本年已获生活救助6000元") })
    }

    @Test func eachStepWithJSONPrintsTheBatchAsTheListGivesIt() throws {
        let runner = try CommandRunner.withSmallArchive()
        let created = try runner.run(["batch", "create", "--kind", "living", "--policy", CommandRunner.qingdaoPolicy, "--date", "2024-01-20", "--name", "春节"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func step(_ arguments: [String]) throws -> [String: Any] {
            let result = try runner.run(arguments + ["--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let computed = try step(["batch", "compute", id])
        #expect(Set(computed.keys) == ["id", "name", "kind", "status", "date", "total_fen"])
        #expect(computed["status"] as? String == "computed")
        #expect(computed["total_fen"] as? Int == 866_800)
        #expect(try step(["batch", "review", id, "--stage", "first", "--by", "张敏"])["status"] as? String == "first_reviewed")
        #expect(try step(["batch", "review", id, "--stage", "second", "--by", "李强"])["status"] as? String == "second_reviewed")
        #expect(try step(["batch", "approve", id, "--by", "王主席"])["status"] as? String == "approved")
        #expect(try step(["batch", "pay", id, "--date", "2024-01-25"])["status"] as? String == "paid")
    }

    @Test func payingTwiceIsRefused() throws {
        let (runner, id) = try paidLivingBatch()
        let again = try runner.run(["batch", "pay", id, "--date", "2024-01-26"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("批次已发放，不能重复发放"))
    }

    @Test func aPaymentDatedBeforeTheBatchOrByTheApproverIsRefused() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        let early = try runner.run(["batch", "pay", id, "--date", "2024-01-19"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("早于批次日期"))
        let approver = try runner.run(["batch", "pay", id, "--date", "2024-01-25", "--by", "王主席"])
        #expect(approver.status == 1)
        #expect(approver.stderr.contains("王主席 已执行本批次的审批，不能再执行发放"))
        #expect(try runner.batchJSON(id)["status"] as? String == "approved")
    }

    @Test func approvalBeforeTheRequiredReviewsIsRefused() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        let early = try runner.run(["batch", "approve", id, "--by", "王主席"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("尚未完成初审、复审，不能审批"))
        let second = try runner.run(["batch", "review", id, "--stage", "second", "--by", "李强"])
        #expect(second.status == 1)
        #expect(try runner.run(["batch", "pay", id, "--date", "2024-01-25"]).status == 1)
    }

    @Test func theSamePersonCannotReviewTwice() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        #expect(try runner.run(["batch", "review", id, "--stage", "first", "--by", "张敏"]).status == 0)
        let refused = try runner.run(["batch", "review", id, "--stage", "second", "--by", "张敏"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("张敏 已执行本批次的初审，不能再执行复审"))
        #expect(try runner.batchJSON(id)["status"] as? String == "first_reviewed")
    }

    @Test func anExcludedEntryIsShownWithItsReasonAndLeftOutOfTheTotal() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        #expect(try runner.run(["batch", "review", id, "--stage", "first", "--by", "张敏"]).status == 0)
        let excluded = try runner.run(["batch", "exclude", id, "--id-number", CommandRunner.idNumber(1978, 2), "--reason", "已享受民政临时救助", "--by", "李强"])
        #expect(excluded.status == 0, "\(excluded.stderr)")
        let json = try runner.batchJSON(id)
        #expect(json["total_fen"] as? Int == 600_000)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries[1]["eligible"] as? Bool == false)
        #expect(entries[1]["amount_fen"] as? Int == 0)
        #expect((entries[1]["reasons"] as? [String])?.last?.hasPrefix("复核剔除：已享受民政临时救助（李强，") == true)
        let unknown = try runner.run(["batch", "exclude", id, "--id-number", CommandRunner.idNumber(1990, 9), "--reason", "x", "--by", "李强"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("没有身份证号为"))
    }

    @Test func approvedBatchesCannotBeComputedExcludedOrReviewed() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        for arguments in [["batch", "compute", id], ["batch", "exclude", id, "--id-number", CommandRunner.idNumber(1975, 1), "--reason", "x", "--by", "赵"],
                          ["batch", "review", id, "--stage", "first", "--by", "赵"]] {
            let refused = try runner.run(arguments)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.stderr.contains("已审批和已发放的批次不可更改"), "\(arguments)")
        }
    }

    @Test func anOverBudgetBatchCannotBeApproved() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("warmth", date: "2024-01-25", budget: "1000")
        try runner.reviewTwice(id)
        let refused = try runner.run(["batch", "approve", id, "--by", "王主席"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("超出预算，不能审批"))
    }

    @Test func everyStepIsInTheAuditTrail() throws {
        let (runner, id) = try paidLivingBatch()
        let audit = try runner.run(["audit", "--batch", id, "--format", "json"])
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(lines.map { $0["action"] as? String } == ["batch create", "batch compute", "batch review first", "batch review second", "batch approve", "batch pay"])
        #expect(lines.map { $0["actor"] as? String }[2...4] == ["张敏", "李强", "王主席"])
        #expect((lines.last?["subject"] as? String)?.hasPrefix("aid_records ") == true)
        let all = try runner.run(["audit"]).stdout
        #expect(all.contains("导入家庭档案"))
        #expect(all.contains("发放"))
    }

    @Test func killingThePaymentMidwayLeavesTheBatchUnpaidWithNoAidRecords() throws {
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)

        // Pause inside the payment's transaction, after the aid records are written, and kill.
        let process = try runner.paymentPausedInside(batch: id)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Not paid, and none of its records: a later batch sees no January aid.
        #expect(try runner.batchJSON(id)["status"] as? String == "approved")
        let later = try runner.computedBatch("living", date: "2024-07-20")
        let reasons = try #require((try runner.batchJSON(later)["entries"] as? [[String: Any]])?.first?["reasons"] as? [String])
        #expect(!reasons.contains { $0.hasPrefix("本年已获生活救助") })
        // And the payment can be made again, whole.
        let paid = try runner.run(["batch", "pay", id, "--date", "2024-01-25"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("2 条救助记录"))
    }
}
