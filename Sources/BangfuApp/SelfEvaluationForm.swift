import BangfuCore
import BangfuExport

/// The 项目支出绩效自评表 in the seeds' layout (002:4714–4908; 000's four forms): the project
/// block, the budget block in 万元, the goal, the indicator block with merged 一级/二级
/// cells, the total and the notes. Eight columns throughout.
public enum SelfEvaluationForm {
    public static func sheet(_ evaluation: Evaluation) -> Sheet {
        let project = evaluation.project
        var rows: [[Cell]] = []
        var merges: [Merge] = []
        func merge(_ row: Int, _ first: Int, _ last: Int) { merges.append(Merge(firstRow: row, firstColumn: first, lastRow: row, lastColumn: last)) }

        rows.append([.text("项目名称"), .text(project.name), .empty, .empty, .text("主管部门"), .text(project.department ?? ""), .empty, .empty])
        merge(0, 1, 3)
        merge(0, 5, 7)
        rows.append([.text("项目实施单位"), .text(project.implementer ?? ""), .empty, .empty, .empty, .empty, .empty, .empty])
        merge(1, 1, 7)
        rows.append([.text("项目预算执行情况（\(project.executionWeight)分）"), .text("年初预算数"), .text("全年预算数（A）"), .text("全年执行数（B）"),
                     .text("分值"), .text("执行率（B/A）"), .text("得分"), .empty])
        rows.append([.text("年度资金总额"), tenThousand(project.initialBudget), tenThousand(project.budget), tenThousand(evaluation.executed),
                     .decimal(project.executionWeight.description), .text(evaluation.executionRateText), .decimal(evaluation.executionScore.description), .empty])
        if let source = evaluation.executionSourceText {
            rows.append([.text("全年执行数来源"), .text(source), .empty, .empty, .empty, .empty, .empty, .empty])
            merge(rows.count - 1, 1, 7)
        }
        rows.append([.text("年度总体目标"), .text(project.goal ?? ""), .empty, .empty, .empty, .empty, .empty, .empty])
        merge(rows.count - 1, 1, 7)

        rows.append([.text("一级指标"), .text("二级指标"), .text("三级指标"), .text("年度指标值（A）"), .text("实际完成指标值（B）"),
                     .text("分值"), .text("得分"), .text("偏差原因分析及改进措施")])
        let first = rows.count
        for row in evaluation.rows {
            rows.append([.text(row.indicator.level1), .text(row.indicator.level2), .text(row.indicator.name), .text(row.targetText),
                         .text(row.actualText), .decimal(row.indicator.weight.description), .decimal(row.score.description), .text(row.deviationNote ?? "")])
        }
        // Runs of one 一级 (column A) and of one 二级 within it (column B) share a merged cell.
        merges += runs(evaluation.rows.map(\.indicator.level1), column: 0, from: first)
        merges += runs(evaluation.rows.map { $0.indicator.level1 + "\u{1F}" + $0.indicator.level2 }, column: 1, from: first)
        let total = rows.count
        rows.append([.text("总分"), .empty, .empty, .empty, .empty, .decimal("100"), .decimal(evaluation.totalScore.description), .text("自评等级：\(evaluation.grade.rawValue)")])
        merge(total, 0, 4)
        let remarks = evaluation.rowRemarks
        for (heading, lines) in [("读法", remarks.readings), ("需核对", remarks.flags)] where !lines.isEmpty {
            rows.append([.text(heading), .text(lines.joined(separator: "\n")), .empty, .empty, .empty, .empty, .empty, .empty])
            merge(rows.count - 1, 1, 7)
        }

        return Sheet(
            name: "绩效自评表",
            title: "项目支出绩效自评表",
            subtitle: ["（\(project.year)年度）　　单位：万元"],
            headers: [],
            rows: rows,
            notes: [
                "注：1. 预算执行情况得分 = 全年执行数 ÷ 全年预算数 × 分值（不超过分值）。",
                "2. 正向指标得分 = 实际完成值 ÷ 年度指标值 × 分值；反向指标得分 = 年度指标值 ÷ 实际完成值 × 分值，实际不超过指标值得满分；各项得分不超过其分值，保留两位小数。",
                "3. 定性指标按\(project.scale.formName)的分档计分（\(project.scale.rangesText)）；只写档次时取该档上限，手工给分须在该档区间内。",
                "4. 实际完成值与年度指标值偏差 30% 及以上的，须在偏差原因分析中说明。",
                "5. 总分 100 分：90 分及以上为优，80—90 分为良，60—80 分为中，60 分以下为差。实际完成值由帮扶系统据已发放批次计算。",
            ] + (evaluation.notReportedNote.map { ["6. \($0)"] } ?? []),
            merges: merges)
    }

    /// 项目绩效自评情况汇总表, as at the end of 002.
    public static func summary(_ evaluations: [Evaluation]) -> Sheet {
        Sheet(
            name: "自评情况汇总表",
            title: "项目绩效自评情况汇总表",
            headers: ["序号", "项目名称", "资金使用单位", "自评得分", "自评等级"],
            rows: evaluations.enumerated().map { index, evaluation in
                [.integer(index + 1), .text(evaluation.project.name), .text(evaluation.project.implementer ?? ""),
                 .decimal(evaluation.totalScore.description), .text(evaluation.grade.rawValue)]
            })
    }

    /// Yuan as 万元 with up to four decimals, as the forms show budgets: 260, 83.2705.
    private static func tenThousand(_ money: Money) -> Cell {
        .decimal(IndicatorText.tenThousandYuan(money).description)
    }

    /// Merges for each run of two or more equal values in `column`.
    private static func runs(_ values: [String], column: Int, from first: Int) -> [Merge] {
        guard !values.isEmpty else { return [] }
        var merges: [Merge] = []
        var start = 0
        for index in 1...values.count where index == values.count || values[index] != values[start] {
            if index - start > 1 { merges.append(Merge(firstRow: first + start, firstColumn: column, lastRow: first + index - 1, lastColumn: column)) }
            start = index
        }
        return merges
    }
}
