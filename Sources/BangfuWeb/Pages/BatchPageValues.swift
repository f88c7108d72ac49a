import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// The batch pages as the templates read them.
enum BatchPageValues {
    /// Entries per page of a batch's table.
    static let perPage = 50

    static func list(_ batches: [BatchRecord], account: Account, token: String) -> [String: Any] {
        var values = PageFrame.values("批次", account: account, token: token, current: "/batches")
        values["batches"] = batches.map { batch -> [String: Any] in
            [
                "id": batch.id, "link": "/batches/\(batch.id)", "name": batch.name, "kind": batch.kind.chineseName, "date": batch.date.description,
                "status": batch.status.chineseName, "statusClass": batch.status.rawValue, "total": batch.total.formatted,
                "project": batch.project ?? "—",
            ]
        }
        values["hasBatches"] = !batches.isEmpty
        values["canCreate"] = Permissions.allows(account.roles, .prepareBatch)
        return values
    }

    static func form(_ form: BatchForm, problems: [FieldProblem], settings: WebSettings, account: Account, token: String) -> [String: Any] {
        var values = PageFrame.values("新建批次", account: account, token: token, current: "/batches")
        func problem(_ field: String) -> String? {
            let reasons = problems.filter { $0.field == field }.map(\.reason)
            return reasons.isEmpty ? nil : reasons.joined(separator: "；")
        }
        let policies = BatchChoices.policies(in: settings.policiesDirectory)
        let projects = BatchChoices.projects(in: settings.policiesDirectory)
        var budget = ""
        if case .yuanText(let text) = form.budget { budget = text }
        values["kinds"] = BatchKind.allCases.map { ["value": $0.rawValue, "label": $0.chineseName, "selected": $0.rawValue == form.kind] }
        values["policies"] = policies.map { ["value": $0.id, "label": "\($0.id) · \($0.name)", "selected": $0.id == form.policy || policies.count == 1] }
        values["hasPolicies"] = !policies.isEmpty
        values["projects"] = projects.map { ["value": $0, "selected": $0 == form.project] }
        values["noProject"] = form.project.isEmpty
        values["date"] = form.date
        values["name"] = form.name
        values["budget"] = budget
        for field in ["kind", "policy", "date", "name", "project", "budget"] {
            if let text = problem(field) { values[field + "Problem"] = text }
        }
        if !problems.isEmpty { values["formProblem"] = "批次未建立：请按提示改正标红的项目后重新提交。" }
        return values
    }

    static func batch(_ detail: BatchDetail, job: BatchComputes.Job?, notice: PageNotices.Notice?, account: Account, token: String) -> [String: Any] {
        let batch = detail.batch
        var values = PageFrame.values(batch.name, account: account, token: token, current: "/batches")
        let base = "/batches/\(batch.id)"
        values["id"] = batch.id
        values["name"] = batch.name
        values["kind"] = batch.kind.chineseName
        values["status"] = batch.status.chineseName
        values["statusClass"] = batch.status.rawValue
        values["date"] = batch.date.description
        values["policyID"] = batch.policyID
        values["project"] = batch.project ?? "—"
        values["dibao"] = batch.dibaoMonthly.map { "\($0.formatted) 元/月" } ?? "—"
        values["budget"] = batch.budget.map { "\($0.formatted) 元" } ?? "未设"
        values["total"] = batch.total.formatted
        values["overBudget"] = batch.isOverBudget
        if let use = detail.projectBudget { values["projectBudget"] = projectBudgetValues(use, batch: batch, account: account) }
        values["paidOn"] = batch.paidOn?.description
        if let notice {
            values[notice.isRefusal ? "refusal" : "success"] = notice.text
            if !notice.lines.isEmpty {
                values["noticeLines"] = notice.lines
                values["hasNoticeLines"] = true
            }
        }
        if let returns = detail.returns { values["returns"] = returnValues(returns, base: base) }
        values["steps"] = detail.steps.map { line -> [String: Any] in
            ["step": line.step.chineseName, "by": line.by ?? "", "at": line.at.map(timeText) ?? "", "done": line.by != nil]
        }
        values["exclusions"] = detail.exclusions.map { line -> [String: Any] in
            ["name": line.name, "idNumber": line.idNumber, "reason": line.exclusion?.reason ?? "", "by": line.exclusion?.by ?? "",
             "at": line.exclusion.map { timeText($0.at) } ?? ""]
        }
        values["hasExclusions"] = !detail.exclusions.isEmpty
        values["moreExclusions"] = detail.counts.excluded > detail.exclusions.count ? "\(base)?filter=excluded" : nil
        // How a computation ended is its owner's news; that one runs, everyone's.
        if let job, job.state.isActive || job.owner == account.login { values.merge(jobValues(job, status: batch.status)) { _, new in new } }
        var actions = detail.actions
        // While a computation runs, its page offers no second one.
        if job?.state.isActive == true { actions.compute = false }
        values.merge(actionValues(actions, batch: batch, base: base)) { _, new in new }
        values["filters"] = BatchEntryFilter.allCases.map { filter -> [String: Any] in
            ["label": filter.chineseName, "count": NumberText.grouped(detail.counts[filter]), "link": "\(base)?filter=\(filter.rawValue)", "current": filter == detail.filter]
        }
        values["filterName"] = detail.filter.chineseName
        values["entries"] = detail.entries.map { entryValues($0, excludable: detail.actions.exclude, base: base) }
        values["hasEntries"] = !detail.entries.isEmpty
        values["isDraft"] = batch.status == .draft
        values["paging"] = PageLinks.paging("\(base)?filter=\(detail.filter.rawValue)&", page: detail.page, total: detail.counts[detail.filter], perPage: detail.perPage)
        return values
    }

    /// The project's budget, what its other batches of the year carry and what this one adds
    /// (before approval) or added (after it): the figures approval is checked against.
    private static func projectBudgetValues(_ use: ProjectBudgetUse, batch: BatchRecord, account: Account) -> [String: Any] {
        // Once approved, the batch is part of what the project carries: it is no longer "added".
        let counted = batch.status.isFrozen
        var values: [String: Any] = [
            "project": use.project, "budget": use.budget.formatted, "paid": use.paid.formatted, "approved": use.approved.formatted,
            "hasApproved": use.approved.fen > 0, "adding": use.adding.formatted, "after": use.after.formatted, "counted": counted,
            "exceeds": use.exceedsBudget, "overrun": use.overrun.formatted, "left": Money(fen: use.budget.fen - use.after.fen).formatted,
            "percent": use.budget.fen > 0 ? min(use.after.fen * 100 / use.budget.fen, 999) : 0,
        ]
        if Permissions.allows(account.roles, .viewChecks), account.union == nil {
            values["formLink"] = "/forms/" + PageLinks.segment(use.project)
        }
        return values
    }

    /// The background computation's state; a running one refreshes the page.
    private static func jobValues(_ job: BatchComputes.Job, status: BatchStatus) -> [String: Any] {
        switch job.state {
        case .queued: return ["computing": true, "progress": "排队等候中：前一个批次计算完后开始……"]
        case .running(let done, let total):
            let share = total > 0 ? " （\(min(done * 100 / total, 100))%）" : ""
            return ["computing": true, "progress": "正在计算：已算 \(done) / \(total) 户（人）\(share)……", "percent": total > 0 ? min(done * 100 / total, 100) : 0]
        case .done(let computation) where status == .computed:
            return ["computed": "计算完成：\(computation.entries) 条对象，其中符合 \(computation.eligible) 条，合计 \(computation.total.formatted) 元。"]
        case .done: return [:]
        case .failed(let message): return ["computeFailed": "计算未完成：\(message)"]
        }
    }

    private static func actionValues(_ actions: BatchActions, batch: BatchRecord, base: String) -> [String: Any] {
        var values: [String: Any] = [:]
        if actions.compute { values["computeAction"] = ["action": "\(base)/compute", "label": batch.status == .draft ? "计算" : "重新计算"] }
        if actions.firstReview { values["reviewAction"] = ["action": "\(base)/review", "stage": "first", "label": "初审通过"] }
        if actions.secondReview { values["reviewAction"] = ["action": "\(base)/review", "stage": "second", "label": "复审通过"] }
        if actions.approve { values["approveAction"] = "\(base)/approve" }
        if actions.pay { values["payAction"] = "\(base)/pay" }
        values["hasSteps"] = actions.compute || actions.firstReview || actions.secondReview || actions.approve || actions.pay
        var downloads: [[String: Any]] = []
        if actions.noticeList {
            downloads += [["link": "\(base)/notice.xlsx", "label": "公示名单 xlsx"], ["link": "\(base)/notice.csv", "label": "公示名单 csv"]]
        }
        if actions.bankList {
            downloads += [["link": "\(base)/bank.xlsx", "label": "银行发放清单 xlsx"], ["link": "\(base)/bank.csv", "label": "银行发放清单 csv"]]
        }
        values["downloads"] = downloads
        values["hasDownloads"] = !downloads.isEmpty
        return values
    }

    private static func entryValues(_ line: BatchEntryLine, excludable: Bool, base: String) -> [String: Any] {
        var values: [String: Any] = [
            "position": line.position, "name": line.name, "idNumber": line.idNumber, "archiveNo": line.archiveNo ?? "劳模",
            "amount": line.amount.formatted, "reasons": line.reasons,
        ]
        if let transfer = line.transfer { values["transfer"] = transfer }
        // Set only for a student: an empty text still opens a Mustache section.
        if let student = line.studentIDNumber { values["student"] = student }
        if let exclusion = line.exclusion {
            values["outcome"] = "剔除"
            values["outcomeClass"] = "excluded"
            values["exclusion"] = "复核剔除：\(exclusion.reason)（\(exclusion.by)，\(timeText(exclusion.at))）"
        } else {
            values["outcome"] = line.isEligible && line.amount > .zero ? "符合" : "不符合"
            values["outcomeClass"] = line.isEligible && line.amount > .zero ? "eligible" : "ineligible"
            if excludable { values["excludeAction"] = "\(base)/exclude" }
        }
        return values
    }

    /// A paid batch's transfers: the counts, the re-issues, the failed transfers and the
    /// viewer's forms (return upload, re-issue, cancellation, approval, payment).
    private static func returnValues(_ view: BatchReturnView, base: String) -> [String: Any] {
        var values: [String: Any] = [
            "counts": view.counts.map { ["label": $0.label, "count": NumberText.grouped($0.count)] },
            "reissues": view.reissues.map { reissue -> [String: Any] in
                ["round": reissue.round, "status": reissue.status.chineseName, "preparedBy": reissue.preparedBy,
                 "approvedBy": reissue.approvedBy ?? "—", "paidOn": reissue.paidOn?.description ?? "—",
                 "lists": view.bankLists, "xlsx": "\(base)/bank.xlsx?round=\(reissue.round)", "csv": "\(base)/bank.csv?round=\(reissue.round)"]
            },
            "failed": view.failed.map { line -> [String: Any] in
                ["transfer": line.transfer, "name": line.name, "account": line.account, "amount": line.amount.formatted, "reason": line.reason,
                 "cancelAction": view.cancel ? "\(base)/cancel-transfer" : ""]
            },
        ]
        values["hasReissues"] = !view.reissues.isEmpty
        values["hasFailed"] = !view.failed.isEmpty
        if view.cancel { values["cancel"] = true }
        if view.reconcile { values["reconcileAction"] = "\(base)/reconcile" }
        if view.reissue { values["reissueAction"] = "\(base)/reissue" }
        if view.approveReissue { values["approveReissueAction"] = "\(base)/reissue/approve" }
        if view.payReissue { values["payReissueAction"] = "\(base)/reissue/pay" }
        return values
    }

    /// `2026-11-23T10:15:02+08:00` as a person reads it: `2026-11-23 10:15`.
    static func timeText(_ stamp: String) -> String {
        guard stamp.count >= 16 else { return stamp }
        return String(stamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
