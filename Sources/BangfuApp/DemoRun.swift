import BangfuCore
import BangfuExport
import BangfuImport
import BangfuStore
import Foundation

/// The sample year through every use case, by the people of `DemoYear`: the four files
/// imported, each batch computed, noticed, reviewed, approved, listed for the bank and paid,
/// the duplicate check, and each project's form. Front ends show the steps as they come.
public enum DemoRun {
    /// Where the year's inputs are.
    public struct Inputs: Sendable {
        /// The folder of the four import files (`import/sample`).
        public var sample: String
        /// The policy file every batch uses.
        public var policy: String
        /// The folder of project files.
        public var projects: String

        public init(sample: String, policy: String, projects: String) {
            self.sample = sample
            self.policy = policy
            self.projects = projects
        }
    }

    /// One step done, for the front end to show.
    public enum Step: Sendable {
        case imported(ImportKind, ImportSummary, file: String)
        case archives(ArchiveSummary)
        case batch(DemoYear.Plan, BatchRecord, entries: Int, records: Int, total: Money)
        case duplicates(DuplicateReport)
        case evaluation(Evaluation)
        /// The bank's return of a batch, its re-issue and its return, and a cancellation.
        case returns(BatchRecord, first: ReturnSummary, reissued: Money, second: ReturnSummary, cancelled: Int)
    }

    /// Runs the year into `store` (a new database), each step by the account of the person
    /// who takes it, writing every list and form to `listPath(name)`; returns the projects'
    /// forms and the accounts it made. Their passwords are random and shown nowhere: `bangfu
    /// user passwd LOGIN` sets one to try them.
    public static func run(
        _ inputs: Inputs, into store: BangfuDatabase, listPath: (String) throws -> String, show: (Step) -> Void
    ) throws -> (evaluations: [Evaluation], accounts: [Account]) {
        let administrator = RequestContext(actor: try Person(name: "bangfu demo"))
        var accounts: [Account] = []
        var random = SystemRandomNumberGenerator()
        for staff in DemoYear.accounts {
            let password = "demo" + String(random.next() as UInt64, radix: 36) + "7"
            accounts.append(try Accounts.add(
                AccountRequest(login: staff.login, name: staff.person.name, roles: [staff.role], union: nil), password: password, in: store,
                context: administrator))
        }
        for kind in ImportKind.allCases {
            let file = (inputs.sample as NSString).appendingPathComponent("\(kind.rawValue).csv")
            show(.imported(kind, try Imports.run(kind, path: file, into: store, context: context(DemoYear.clerk)), file: file))
        }
        show(.archives(try store.archiveSummary()))
        for plan in DemoYear.batches { show(try batch(plan, inputs: inputs, store: store, listPath: listPath)) }
        show(try returns(DemoYear.returns, inputs: inputs, store: store, listPath: listPath))

        // With the findings' ids, so that the sheet names each as the review queue does.
        let report = try DuplicateQueue.report(year: DemoYear.year, policyPath: inputs.policy, in: store)
        show(.duplicates(report))
        try BangfuExport.write(DuplicateChecks.sheet(report), to: listPath("重复救助检查-\(DemoYear.year).xlsx"))

        let files = try FileManager.default.contentsOfDirectory(atPath: inputs.projects).filter { $0.hasSuffix(".toml") }.sorted()
        let projects = try files.map { try Evaluations.load((inputs.projects as NSString).appendingPathComponent($0)).project }
        let evaluations = try Evaluations.evaluate(projects, in: store)
        for evaluation in evaluations {
            show(.evaluation(evaluation))
            try BangfuExport.write(SelfEvaluationForm.sheet(evaluation), to: listPath("自评表-\(evaluation.project.name).xlsx"))
        }
        try BangfuExport.write(SelfEvaluationForm.summary(evaluations), to: listPath("项目绩效自评情况汇总表.xlsx"))
        return (evaluations, accounts)
    }

    /// A request by the account of the demo's `person`.
    private static func context(_ person: Person) -> RequestContext { RequestContext(actor: DemoYear.login(of: person)) }

    /// The bank's return of one paid batch (`DemoYear.returns`): recorded, the closed account
    /// corrected in its archive, the failure re-issued through approval and paid, the
    /// re-issue's return recorded, a failure given up.
    private static func returns(_ plan: DemoYear.Returns, inputs: Inputs, store: BangfuDatabase, listPath: (String) throws -> String) throws -> Step {
        guard let batch = try store.batches().first(where: { $0.name == plan.batchName }) else { throw BatchStoreError.noSuchBatch(0) }
        let payer = context(DemoYear.payer)
        let file = { (name: String) in (inputs.sample as NSString).appendingPathComponent(name) }
        let first = try BankReturns.reconcile(batch: batch.id, file: file(plan.file), fileName: plan.file, in: store, context: payer)
        let cancelled = try BankReturns.cancel(batch: batch.id, idNumber: plan.cancelled, reason: plan.cancelReason, in: store, context: payer)
        _ = try Households.edit(
            plan.archive, HouseholdForm(values: [.bankAccount: plan.correctedAccount]), confirmed: false, policies: [], in: store,
            context: context(DemoYear.clerk))
        let (round, transfers) = try BankReturns.prepareReissue(batch: batch.id, in: store, context: payer)
        _ = try BankReturns.approveReissue(batch: batch.id, in: store, context: context(DemoYear.approver))
        _ = try Batches.exportBank(batch: batch.id, round: round, to: try listPath("补发-\(batch.id)-\(round)-\(batch.name).xlsx"), in: store, context: payer)
        _ = try BankReturns.payReissue(batch: batch.id, on: plan.reissuePaidOn, in: store, context: payer)
        let second = try BankReturns.reconcile(batch: batch.id, file: file(plan.reissueFile), fileName: plan.reissueFile, in: store, context: payer)
        return .returns(
            try store.batch(batch.id), first: first, reissued: transfers.reduce(Money.zero) { $0 + $1.amount }, second: second, cancelled: cancelled)
    }

    /// One batch of the year through every step, its lists written out.
    private static func batch(_ plan: DemoYear.Plan, inputs: Inputs, store: BangfuDatabase, listPath: (String) throws -> String) throws -> Step {
        let clerk = context(DemoYear.clerk)
        let request = BatchRequest(
            kind: plan.kind, policyPath: inputs.policy, date: plan.date, name: plan.name, project: plan.project, projectsFolder: inputs.projects)
        let id = try Batches.create(request, in: store, context: clerk)
        let (computation, _) = try Batches.compute(batch: id, in: store, context: clerk)
        let notice = try listPath("公示-\(id)-\(plan.name).xlsx")
        _ = try Batches.exportNotice(batch: id, to: notice, from: plan.date.adding(days: 1), days: 7, in: store, context: clerk)
        _ = try Batches.review(batch: id, stage: .first, in: store, context: context(DemoYear.firstReviewer))
        _ = try Batches.review(batch: id, stage: .second, in: store, context: context(DemoYear.secondReviewer))
        _ = try Batches.approve(batch: id, in: store, context: context(DemoYear.approver))
        let payer = context(DemoYear.payer)
        _ = try Batches.exportBank(batch: id, to: try listPath("发放-\(id)-\(plan.name).xlsx"), in: store, context: payer)
        let payment = try Batches.pay(batch: id, on: plan.paidOn, payer: DemoYear.login(of: DemoYear.payer), in: store, context: payer)
        return .batch(plan, try store.batch(id), entries: computation.entries, records: payment.records, total: payment.total)
    }
}
