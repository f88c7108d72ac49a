import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// What the 重复救助线索 page shows, as the template's values: the filter, the counts and
/// rates, and each finding of the page with its records, its decision and its forms.
enum DuplicatePageValues {
    /// What the page was asked for.
    struct Request: Sendable {
        var year: Int
        var policy: Policy?
        var policies: [Policy]
        /// nil: every finding.
        var status: FindingStatus?
        var page: Int
        /// The finding just decided (`done=`), a refusal's code and its finding.
        var done: String?
        var problem: String?
        var about: String?
    }

    /// The report as the viewer sees it, with the records and histories of the page's findings.
    struct Values: Sendable {
        var report: DuplicateReport
        var records: [Int64: AidRecordLine]
        var histories: [String: [FindingDecision]]
    }

    static let perPage = 20

    /// The findings of the page asked for.
    static func shown(_ report: DuplicateReport, _ request: Request) -> [DuplicateFinding] {
        let matching = report.findings.filter { request.status == nil || $0.status == request.status }
        return Array(matching.dropFirst((request.page - 1) * perPage).prefix(perPage))
    }

    /// A refusal as the page's `problem=` names it.
    static func problemCode(_ refusal: DuplicateDecisionError) -> String {
        switch refusal {
        case .reasonRequired: "reason"
        case .actionRequired: "action"
        case .invalidNote, .noSuchFinding: "note"
        }
    }

    private static func problemMessage(_ code: String) -> String {
        switch code {
        case "reason": DuplicateDecisionError.reasonRequired.chinese
        case "action": DuplicateDecisionError.actionRequired.chinese
        default: "说明无效：不能含控制字符，且不超过200字"
        }
    }

    static func page(_ values: Values, _ request: Request, mayDecide: Bool) -> [String: Any] {
        let report = values.report
        let base = "/duplicates?year=\(request.year)" + (request.policy.map { "&policy=" + PageLinks.query($0.id) } ?? "")
        let statusWord = request.status?.rawValue ?? "all"
        let tabs: [[String: Any]] = (FindingStatus.allCases.map { Optional($0) } + [nil]).map { status in
            [
                "label": status?.chineseName ?? "全部", "count": status.map(report.count) ?? report.findings.count,
                "link": base + "&status=" + (status?.rawValue ?? "all"), "current": status == request.status,
            ]
        }
        let matching = report.findings.filter { request.status == nil || $0.status == request.status }
        var page: [String: Any] = [
            "year": request.year, "statusWord": statusWord, "policyID": request.policy?.id ?? "",
            "policies": request.policies.map { ["id": $0.id, "selected": $0.id == request.policy?.id] as [String: Any] },
            "noPolicy": request.policy == nil, "tabs": tabs,
            "rate": report.duplicateAidRatePercent, "confirmedRate": report.confirmedDuplicateAidRatePercent,
            "involved": report.involvedRecords, "confirmedRecords": report.confirmedRecords, "unionRecords": report.unionAidRecords,
            "open": report.count(.open), "filterName": request.status?.chineseName ?? "全部",
            "findings": shown(report, request).map { finding(
                $0, values, request: request, statusWord: statusWord, mayDecide: mayDecide) },
            "none": matching.isEmpty,
        ]
        page.merge(PageLinks.paging(base + "&status=\(statusWord)&", page: request.page, total: matching.count, perPage: perPage)) { _, new in new }
        if let done = request.done, let decided = report.findings.first(where: { $0.id == done }), let decision = decided.decision {
            page["success"] = "已记录：线索 \(done.prefix(8))…（\(decided.code.chineseName)）\(decision.summary)。"
                + (request.status.map { $0 == decided.status ? "" : "该线索已不在“\($0.chineseName)”中，可在“\(decided.status.chineseName)”中查看。" } ?? "")
        }
        if let problem = request.problem {
            page["problem"] = (request.about.map { "线索 \($0.prefix(8))…：" } ?? "") + problemMessage(problem)
        }
        return page
    }

    private static func finding(_ finding: DuplicateFinding, _ values: Values, request: Request, statusWord: String, mayDecide: Bool) -> [String: Any] {
        var item: [String: Any] = [
            "id": finding.id, "shortID": String(finding.id.prefix(8)), "code": finding.code.rawValue, "codeName": finding.code.chineseName,
            "statusName": finding.status.chineseName, "statusClass": finding.status.rawValue,
            "people": finding.idNumbers.joined(separator: "、"), "detail": finding.detail,
            "countsInRate": finding.code.countsInDuplicateRate, "mayDecide": mayDecide,
            "year": request.year, "policyID": request.policy?.id ?? "", "statusWord": statusWord,
            "actions": FindingAction.allCases.map { action in
                ["value": action.rawValue, "label": action.chineseName, "selected": finding.decision?.action == action] as [String: Any]
            },
            "problemHere": request.about == finding.id && request.problem != nil,
        ]
        let evidence = finding.evidence
        let records = evidence.aidRecordIDs.compactMap { values.records[$0] }.sorted { ($0.paidOn, $0.id) < ($1.paidOn, $1.id) }
        if !records.isEmpty {
            item["hasRecords"] = true
            item["records"] = records.map { line -> [String: Any] in
                var row: [String: Any] = [
                    "name": line.name, "idNumber": line.idNumber, "kind": line.kind.chineseName, "amount": line.amount.formatted,
                    "paidOn": line.paidOn, "payer": line.payer, "byUnion": line.payer == "工会",
                ]
                if !line.studentIDNumber.isEmpty { row["student"] = line.studentIDNumber }
                if let batch = line.batch { row["batch"] = ["id": batch, "link": "/batches/\(batch)"] as [String: Any] }
                return row
            }
        }
        if let batch = evidence.batch, !evidence.entries.isEmpty {
            item["batch"] = ["id": batch, "link": "/batches/\(batch)"] as [String: Any]
            item["entries"] = evidence.entries.map { entry -> [String: Any] in
                var row: [String: Any] = ["position": entry.position, "name": entry.name, "amount": entry.amount.formatted]
                if !entry.archive.isEmpty { row["archive"] = ["no": entry.archive, "link": "/archives/" + PageLinks.segment(entry.archive)] as [String: Any] }
                return row
            }
        }
        if !evidence.archives.isEmpty {
            item["hasArchives"] = true
            item["archives"] = evidence.archives.map { ["no": $0, "link": "/archives/" + PageLinks.segment($0)] }
        }
        if !evidence.holders.isEmpty {
            item["hasHolders"] = true
            item["holders"] = evidence.holders.map { holder -> [String: Any] in
                let archive = holder.place.hasPrefix("档案") ? String(holder.place.dropFirst(2)) : nil
                var row: [String: Any] = ["name": holder.name, "place": holder.place, "idNumber": holder.idNumber]
                if let archive { row["link"] = "/archives/" + PageLinks.segment(archive) }
                return row
            }
        }
        if let decision = finding.decision {
            item["decision"] = decisionValues(decision)
            let earlier = (values.histories[finding.id] ?? []).dropLast()
            if !earlier.isEmpty {
                item["hasEarlier"] = true
                item["earlier"] = earlier.reversed().map(decisionValues)
            }
        }
        return item
    }

    private static func decisionValues(_ decision: FindingDecision) -> [String: Any] {
        [
            "summary": decision.summary, "by": decision.by, "at": decision.at.replacingOccurrences(of: "T", with: " ").prefix(19).description,
            "note": decision.note, "hasNote": !decision.note.isEmpty, "dismissed": decision.outcome == .dismissed,
        ]
    }
}
