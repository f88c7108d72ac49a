import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// The forms' pages as their templates read them: money in yuan with separators, each
/// derived actual a link to the records it was counted from, the charts as SVG.
enum FormPageValues {
    /// Lines on one page of a row's records.
    static let perPage = 50

    /// A project's name from its path segment (percent-encoded: the names are Chinese).
    static func projectName(_ segment: String) -> String { segment.removingPercentEncoding ?? segment }

    /// The form's path: `/forms/省财政困难职工帮扶` encoded.
    static func link(_ project: Project) -> String { "/forms/" + PageLinks.segment(project.name) }

    /// One line of the 项目绩效自评情况汇总表 page.
    static func summaryLine(_ evaluation: Evaluation) -> [String: Any] {
        let project = evaluation.project
        return [
            "name": project.name, "link": link(project), "year": project.year, "implementer": project.implementer ?? "—",
            "budget": project.budget.formatted, "executed": evaluation.executed.formatted, "rate": evaluation.executionRateText,
            "over": evaluation.executed > project.budget, "score": evaluation.totalScore.description, "grade": evaluation.grade.rawValue,
            "gradeClass": gradeClass(evaluation.grade),
        ]
    }

    /// The form page: the seeds' layout, the batches counted, the three charts.
    static func form(_ form: ProjectForm) -> [String: Any] {
        let evaluation = form.evaluation
        let project = evaluation.project
        let base = link(project)
        let rows = evaluation.rows
        let rowValues: [[String: Any]] = rows.enumerated().map { index, row in
            var values: [String: Any] = [
                "level2": row.indicator.level2, "name": row.indicator.name, "target": row.targetText, "actual": row.actualText,
                "weight": row.indicator.weight.description, "score": row.score.description, "note": row.deviationNote ?? "",
                "hasNote": row.deviationNote != nil, "full": row.score == row.indicator.weight, "flags": row.flags,
            ]
            if let reading = row.indicator.reading { values["reading"] = reading }
            if index == 0 || rows[index - 1].indicator.level1 != row.indicator.level1 {
                values["level1Cell"] = ["span": runLength(rows, from: index) { $0.indicator.level1 }, "text": row.indicator.level1]
            }
            if index == 0 || rows[index - 1].indicator.level1 != row.indicator.level1 || rows[index - 1].indicator.level2 != row.indicator.level2 {
                values["level2Cell"] = ["span": runLength(rows, from: index) { $0.indicator.level1 + "\u{1F}" + $0.indicator.level2 }, "text": row.indicator.level2]
            }
            switch row.indicator.source {
            case .metric(let metric, _, _):
                values["countedLink"] = "\(base)/rows/\(index + 1)"
                values["metric"] = metric.chineseDescription
            case .manual(_, let source, _):
                values["source"] = source
            }
            return values
        }
        var values: [String: Any] = [
            "project": [
                "name": project.name, "department": project.department ?? "—", "implementer": project.implementer ?? "—",
                "year": project.year, "goal": project.goal ?? "—",
            ] as [String: Any],
            "initialBudget": project.initialBudget.formatted, "budget": project.budget.formatted, "executed": evaluation.executed.formatted,
            "executionWeight": project.executionWeight.description, "rate": evaluation.executionRateText,
            "executionScore": evaluation.executionScore.description, "over": evaluation.executed > project.budget,
            "rows": rowValues, "totalScore": evaluation.totalScore.description,
            "hasFlags": !evaluation.flaggedRows.isEmpty, "flagCount": evaluation.rows.reduce(0) { $0 + $1.flags.count }, "grade": evaluation.grade.rawValue,
            "gradeClass": gradeClass(evaluation.grade),
            "missing": evaluation.missingMetrics.map(\.metric.chineseDescription).joined(separator: "、"),
            "hasMissing": !evaluation.missingMetrics.isEmpty,
            "notReported": evaluation.notReportedNote ?? "", "hasNotReported": evaluation.notReportedNote != nil,
            "download": base + ".xlsx", "reportLink": base + "/report", "batchesPaid": evaluation.paidThroughBatches.formatted,
            "batches": form.batches.map { batch -> [String: Any] in
                [
                    "id": batch.id, "link": "/batches/\(batch.id)", "name": batch.name, "kind": batch.kind.chineseName,
                    "date": batch.date.description, "paidOn": batch.paidOn?.description ?? "—", "entries": batch.entries,
                    "amount": batch.amount.formatted,
                ]
            },
            "hasBatches": !form.batches.isEmpty,
            "budgetChart": FormCharts.budget(budget: project.budget, executed: evaluation.executed, rateText: evaluation.executionRateText),
            "indicatorChart": FormCharts.indicators(FormCharts.indicatorBars(evaluation)),
            "monthlyChart": FormCharts.monthly(year: project.year, aid: form.aidByMonth),
        ]
        if let source = evaluation.executionSourceText { values["executedSource"] = source }
        return values
    }

    /// The page of what one row counted.
    static func counted(_ counted: CountedRecords, page: Int) -> [String: Any] {
        let row = counted.row
        let base = link(counted.project)
        var values: [String: Any] = [
            "projectName": counted.project.name, "projectLink": base, "year": counted.project.year, "number": counted.number,
            "level1": row.indicator.level1, "level2": row.indicator.level2, "name": row.indicator.name,
            "target": row.targetText, "actual": row.actualText, "weight": row.indicator.weight.description, "score": row.score.description,
            "note": row.deviationNote ?? "", "hasNote": row.deviationNote != nil, "explanation": counted.explanation,
        ]
        if let source = counted.manualSource { values["source"] = source }
        if let year = counted.duplicatesYear { values["duplicatesLink"] = "/duplicates?year=\(year)" }
        guard let grouping = counted.grouping else { return values }
        values["counted"] = true
        values["total"] = counted.total
        values["unit"] = unit(of: grouping)
        values["headers"] = headers(grouping, deadline: counted.deadline)
        values["lines"] = counted.lines.map { line in ["cells": cells(line, grouping, deadline: counted.deadline)] }
        values["hasLines"] = !counted.lines.isEmpty
        values.merge(PageLinks.paging("\(base)/rows/\(counted.number)?", page: page, total: counted.total, perPage: perPage)) { _, new in new }
        return values
    }

    private static func unit(of grouping: CountedGrouping) -> String {
        switch grouping {
        case .archive: "户"
        case .person, .modelWorker, .student: "人"
        case .entry: "条"
        }
    }

    private static func headers(_ grouping: CountedGrouping, deadline: CalendarDate?) -> [[String: Any]] {
        let names: [(String, Bool)] =
            switch grouping {
            case .archive: [("档案编号", false), ("受助人", false), ("条目数", true), ("金额（元）", true), ("批次", false)]
            case .person: [("姓名", false), ("身份证号", false), ("档案编号", false), ("条目数", true), ("金额合计（元）", true), ("批次", false)]
            case .modelWorker: [("姓名", false), ("身份证号", false), ("条目数", true), ("金额合计（元）", true), ("批次", false)]
            case .student: [("学生身份证号", false), ("受助人", false), ("档案编号", false), ("条目数", true), ("金额（元）", true), ("批次", false)]
            case .entry:
                [("批次", false), ("姓名", false), ("身份证号", false), ("档案编号", false), ("金额（元）", true), ("发放日期", false)]
                    + (deadline.map { [("截止日 \($0)", false)] } ?? [])
            }
        return names.map { ["text": $0.0, "num": $0.1] }
    }

    private static func cells(_ line: CountedLine, _ grouping: CountedGrouping, deadline: CalendarDate?) -> [[String: Any]] {
        let archive: [String: Any] = line.archiveNo.map { ["text": $0, "link": "/archives/" + PageLinks.segment($0)] } ?? ["text": "—（劳模）"]
        let batches: [String: Any] = ["links": line.batches.map { ["text": "#\($0)", "link": "/batches/\($0)"] }]
        let entries: [String: Any] = ["text": "\(line.entries)", "num": true]
        let amount: [String: Any] = ["text": line.amount.formatted, "num": true]
        let idNumber: [String: Any] = ["text": line.idNumber, "mono": true]
        switch grouping {
        case .archive: return [archive, ["text": line.name], entries, amount, batches]
        case .person: return [["text": line.name], idNumber, archive, entries, amount, batches]
        case .modelWorker: return [["text": line.name], idNumber, entries, amount, batches]
        case .student: return [["text": line.studentIDNumber ?? "", "mono": true], ["text": line.name], archive, entries, amount, batches]
        case .entry:
            var cells: [[String: Any]] = [batches, ["text": line.name], idNumber, archive, amount, ["text": line.paidOn?.description ?? "—"]]
            if let deadline {
                let onTime = line.paidOn.map { $0 <= deadline } ?? false
                cells.append(["text": onTime ? "按期" : "逾期", "late": !onTime])
            }
            return cells
        }
    }

    /// How many rows from `start` share the key: the rowspan of a merged cell.
    private static func runLength(_ rows: [Evaluation.Row], from start: Int, key: (Evaluation.Row) -> String) -> Int {
        let first = key(rows[start])
        return rows[start...].prefix { key($0) == first }.count
    }

    private static func gradeClass(_ grade: Grade) -> String {
        switch grade {
        case .excellent: "grade-excellent"
        case .good: "grade-good"
        case .fair: "grade-fair"
        case .poor: "grade-poor"
        }
    }
}
