import BangfuCore
import Testing

/// The approval path of 002:1691–1718 as spec §1 and §4 give it.
struct BatchWorkflowTests {
    let both: [Policy.ReviewStage] = [.first, .second]

    func progress(_ status: BatchStatus, _ performers: [BatchStep: String] = [:], reviews: [Policy.ReviewStage]? = nil, overBudget: Bool = false) -> BatchProgress {
        BatchProgress(status: status, requiredReviews: reviews ?? both, performers: performers, isOverBudget: overBudget)
    }

    @Test func theFullPathRunsComputedFirstSecondApprovedPaid() throws {
        #expect(try BatchWorkflow.review(.first, by: "张敏", progress(.computed)) == .firstReviewed)
        #expect(try BatchWorkflow.review(.second, by: "李强", progress(.firstReviewed, [.review(.first): "张敏"])) == .secondReviewed)
        let reviewed = progress(.secondReviewed, [.review(.first): "张敏", .review(.second): "李强"])
        #expect(try BatchWorkflow.approve(by: "王主席", reviewed) == .approved)
        var approved = reviewed
        approved.status = .approved
        approved.performers[.approval] = "王主席"
        #expect(try BatchWorkflow.pay(by: "财务赵", approved) == .paid)
        #expect(try BatchWorkflow.pay(by: nil, approved) == .paid)
    }

    @Test func withoutAWorkflowTableAComputedBatchIsApprovedDirectly() throws {
        // spec §1: approve "a computed batch whose required reviews are done" — none required.
        #expect(try BatchWorkflow.approve(by: "王主席", progress(.computed, reviews: [])) == .approved)
        #expect(throws: WorkflowRefusal.stageNotRequired(.first, required: [])) { try BatchWorkflow.review(.first, by: "张敏", progress(.computed, reviews: [])) }
    }

    @Test func approvalWaitsForEveryRequiredReview() {
        #expect(throws: WorkflowRefusal.reviewsMissing([.first, .second])) { try BatchWorkflow.approve(by: "王主席", progress(.computed)) }
        #expect(throws: WorkflowRefusal.reviewsMissing([.second])) {
            try BatchWorkflow.approve(by: "王主席", progress(.firstReviewed, [.review(.first): "张敏"]))
        }
    }

    @Test func theSecondReviewComesAfterTheFirst() {
        #expect(throws: WorkflowRefusal.wrongState(action: "复审", status: .computed, needs: [.firstReviewed])) {
            try BatchWorkflow.review(.second, by: "李强", progress(.computed))
        }
        #expect(throws: WorkflowRefusal.wrongState(action: "初审", status: .draft, needs: [.computed])) {
            try BatchWorkflow.review(.first, by: "张敏", progress(.draft))
        }
        #expect(throws: WorkflowRefusal.wrongState(action: "初审", status: .firstReviewed, needs: [.computed])) {
            try BatchWorkflow.review(.first, by: "张敏", progress(.firstReviewed, [.review(.first): "张敏"]))
        }
    }

    @Test func onePersonCannotPerformTwoStepsOfABatch() {
        #expect(throws: WorkflowRefusal.samePerson(name: "张敏", earlier: .review(.first), now: .review(.second))) {
            try BatchWorkflow.review(.second, by: "张敏", progress(.firstReviewed, [.review(.first): "张敏"]))
        }
        let reviewed = progress(.secondReviewed, [.review(.first): "张敏", .review(.second): "李强"])
        #expect(throws: WorkflowRefusal.samePerson(name: "李强", earlier: .review(.second), now: .approval)) {
            try BatchWorkflow.approve(by: "李强", reviewed)
        }
        var approved = reviewed
        approved.status = .approved
        approved.performers[.approval] = "王主席"
        #expect(throws: WorkflowRefusal.samePerson(name: "王主席", earlier: .approval, now: .payment)) { try BatchWorkflow.pay(by: "王主席", approved) }
    }

    @Test func theRefusalSaysWhoDidWhat() {
        let refusal = WorkflowRefusal.samePerson(name: "张敏", earlier: .review(.first), now: .approval)
        #expect(refusal.chinese == "张敏 已执行本批次的初审，不能再执行审批（同一批次的不同环节须由不同人员办理）")
        #expect(refusal.english == "张敏 already performed the first review; cannot perform the approval too")
    }

    @Test func anOverBudgetBatchCannotBeApproved() {
        #expect(throws: WorkflowRefusal.overBudget) { try BatchWorkflow.approve(by: "王主席", progress(.computed, reviews: [], overBudget: true)) }
    }

    @Test func approvedAndPaidBatchesAreFrozen() {
        for status in [BatchStatus.approved, .paid] {
            #expect(throws: WorkflowRefusal.frozen(action: "重新计算", status: status)) { try BatchWorkflow.compute(progress(status)) }
            #expect(throws: WorkflowRefusal.frozen(action: "剔除对象", status: status)) { try BatchWorkflow.exclude(progress(status)) }
            #expect(throws: WorkflowRefusal.frozen(action: "初审", status: status)) { try BatchWorkflow.review(.first, by: "张敏", progress(status)) }
            #expect(throws: WorkflowRefusal.frozen(action: "审批", status: status)) { try BatchWorkflow.approve(by: "王主席", progress(status)) }
        }
    }

    @Test func payingHappensOnceAndOnlyAfterApproval() {
        #expect(throws: WorkflowRefusal.alreadyPaid) { try BatchWorkflow.pay(by: nil, progress(.paid)) }
        for status in [BatchStatus.draft, .computed, .firstReviewed, .secondReviewed] {
            #expect(throws: WorkflowRefusal.wrongState(action: "发放", status: status, needs: [.approved])) { try BatchWorkflow.pay(by: nil, progress(status)) }
        }
    }

    @Test func recomputingBeforeApprovalIsAllowedFromEveryOpenState() throws {
        for status in [BatchStatus.draft, .computed, .firstReviewed, .secondReviewed] {
            #expect(try BatchWorkflow.compute(progress(status)) == .computed)
        }
        #expect(throws: WorkflowRefusal.wrongState(action: "剔除对象", status: .draft, needs: [.computed])) { try BatchWorkflow.exclude(progress(.draft)) }
    }
}

/// spec §8: who created or computed a batch may not approve it; they may review it.
struct CreatorApprovalTests {
    @Test func theCreatorOrTheComputerMayNotApproveButMayReview() throws {
        let reviewed = BatchProgress(
            status: .secondReviewed, requiredReviews: [.first, .second],
            performers: [.creation: "周婷", .computation: "刘洋", .review(.first): "张敏", .review(.second): "李强"])
        #expect(throws: WorkflowRefusal.samePerson(name: "周婷", earlier: .creation, now: .approval)) { try BatchWorkflow.approve(by: "周婷", reviewed) }
        #expect(throws: WorkflowRefusal.samePerson(name: "刘洋", earlier: .computation, now: .approval)) { try BatchWorkflow.approve(by: "刘洋", reviewed) }
        #expect(try BatchWorkflow.approve(by: "王主席", reviewed) == .approved)
        let computed = BatchProgress(status: .computed, requiredReviews: [.first, .second], performers: [.creation: "周婷", .computation: "周婷"])
        #expect(try BatchWorkflow.review(.first, by: "周婷", computed) == .firstReviewed)
    }

    @Test func theNextStepFollowsThePolicysReviewsAndStopsWhenPaid() {
        var progress = BatchProgress(status: .draft, requiredReviews: [.first, .second])
        #expect(BatchWorkflow.nextStep(progress) == .computation)
        progress.status = .computed
        #expect(BatchWorkflow.nextStep(progress) == .review(.first))
        progress.status = .firstReviewed
        progress.performers[.review(.first)] = "张敏"
        #expect(BatchWorkflow.nextStep(progress) == .review(.second))
        progress.status = .secondReviewed
        progress.performers[.review(.second)] = "李强"
        #expect(BatchWorkflow.nextStep(progress) == .approval)
        progress.status = .approved
        #expect(BatchWorkflow.nextStep(progress) == .payment)
        progress.status = .paid
        #expect(BatchWorkflow.nextStep(progress) == nil)
        #expect(BatchWorkflow.nextStep(BatchProgress(status: .computed, requiredReviews: [])) == .approval)
    }

    @Test func aStepIsNotOfferedToWhoeverSegregationOfDutiesExcludes() {
        let progress = BatchProgress(
            status: .firstReviewed, requiredReviews: [.first, .second], performers: [.creation: "周婷", .review(.first): "张敏"])
        #expect(!BatchWorkflow.allows(.review(.second), by: "张敏", progress))
        #expect(BatchWorkflow.allows(.review(.second), by: "李强", progress))
        #expect(!BatchWorkflow.allows(.approval, by: "李强", progress), "approval comes after the second review")
    }

    @Test func approvalThatWouldTakeTheProjectPastItsBudgetIsRefused() {
        // The 省财政 project's 70 万元 (002:1270): 60 万 paid, 5 万 approved, this batch 5.5 万.
        var reviewed = BatchProgress(status: .secondReviewed, requiredReviews: [.first, .second], performers: [.review(.first): "张敏", .review(.second): "李强"])
        let use = ProjectBudgetUse(
            project: "省财政困难职工帮扶", budget: .yuan(700_000), paid: .yuan(600_000), approved: .yuan(50_000), adding: .yuan(55_000))
        reviewed.projectBudget = use
        #expect(use.overrun == .yuan(5_000))
        #expect(throws: WorkflowRefusal.projectOverBudget(use)) { try BatchWorkflow.approve(by: "王主席", reviewed) }
        #expect(WorkflowRefusal.projectOverBudget(use).chinese
            == "项目「省财政困难职工帮扶」全年预算 700,000.00 元，已发放 600,000.00 元、已审批待发放 50,000.00 元，本批次 55,000.00 元，合计超出项目预算 5,000.00 元，不能审批")
    }

    @Test func aBatchThatFillsItsProjectsBudgetExactlyIsApproved() throws {
        var reviewed = BatchProgress(status: .secondReviewed, requiredReviews: [.first, .second], performers: [.review(.first): "张敏", .review(.second): "李强"])
        reviewed.projectBudget = ProjectBudgetUse(project: "省劳模困难救助", budget: .yuan(352_700), paid: .yuan(300_000), approved: .zero, adding: .yuan(52_700))
        #expect(try BatchWorkflow.approve(by: "王主席", reviewed) == .approved)
        #expect(reviewed.projectBudget?.chineseSummary
            == "项目「省劳模困难救助」全年预算 352,700.00 元：已发放 300,000.00 元，本批次 52,700.00 元，合计 352,700.00 元，尚余 0.00 元")
    }
}
