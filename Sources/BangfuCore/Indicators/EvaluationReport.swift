import Foundation

/// The 绩效自评报告 that accompanies a project's form, drafted from the same evaluation so
/// that no number can differ between the two (000's report gives 25 where its form gives 46,
/// 000:405 against 000:713). The seeds' reports (000:632–797, 002:1661–1830) have the
/// sections drafted here; what only people know is left as a marked placeholder.
public struct EvaluationReport: Hashable, Sendable {
    /// One section: its heading and its paragraphs.
    public struct Section: Hashable, Sendable {
        public var heading: String
        public var paragraphs: [String]
    }

    /// `2024年度困难劳模救助项目绩效自评报告`.
    public var title: String
    public var sections: [Section]

    /// What a placeholder starts with, so that an unfinished draft can be searched for.
    public static let placeholder = "【待填写："

    /// The report as plain text: the title, then each heading and its paragraphs, each
    /// paragraph indented two full-width spaces as Chinese documents are.
    public var text: String {
        var lines = [title, ""]
        for section in sections {
            lines.append(section.heading)
            lines += section.paragraphs.map { "　　" + $0 }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Drafts the report of `evaluation`.
    public static func draft(_ evaluation: Evaluation) -> EvaluationReport {
        let project = evaluation.project
        return EvaluationReport(
            title: "\(project.year)年度\(project.name)绩效自评报告",
            sections: [overview(evaluation), goals(evaluation), conclusion(evaluation), indicators(evaluation), deviations(evaluation), improvements(evaluation)])
    }

    private static func tenThousand(_ money: Money) -> String { IndicatorText.tenThousandYuan(money).description + "万元" }

    private static func overview(_ evaluation: Evaluation) -> Section {
        let project = evaluation.project
        var money = "\(project.year)年度全年预算数\(tenThousand(project.budget))"
        if project.initialBudget != project.budget { money += "（年初预算数\(tenThousand(project.initialBudget))）" }
        money += "，全年执行数\(tenThousand(evaluation.executed))，执行率\(evaluation.executionRateText)。"
        if let source = evaluation.executedSource { money += "全年执行数来源：\(source)。" }
        var who = "本项目"
        if let department = project.department { who += "主管部门为\(department)" }
        if let implementer = project.implementer { who += (project.department == nil ? "" : "，") + "由\(implementer)实施" }
        return Section(heading: "一、项目基本情况", paragraphs: [
            "（一）项目概况。" + (who == "本项目" ? "" : who + "。") + money,
            "\(placeholder)项目设立依据、资金用途和实施过程（申报、审核、公示、发放）】",
        ])
    }

    private static func goals(_ evaluation: Evaluation) -> Section {
        let goal = evaluation.project.goal.map { "年度总体目标：\($0)" } ?? "\(placeholder)年度总体目标】"
        let targets = evaluation.rows.map { "「\($0.indicator.name)」\($0.targetText)" }.joined(separator: "；")
        return Section(heading: "二、项目绩效目标", paragraphs: [goal, "年度绩效指标共\(evaluation.rows.count)项：\(targets)。"])
    }

    /// The total and each 一级指标's points, as the seeds' reports tabulate them (000:691–695).
    private static func conclusion(_ evaluation: Evaluation) -> Section {
        var parts = ["预算执行率\(evaluation.executionScore)分（分值\(evaluation.project.executionWeight)分）"]
        for level in levels(evaluation) {
            parts.append("\(level.name)\(level.score.rounded(toPlaces: 2))分（分值\(level.weight.rounded(toPlaces: 2))分）")
        }
        return Section(heading: "三、综合评价情况及评价结论", paragraphs: [
            "经单位自评，本项目自评得分\(evaluation.totalScore)分，评价等级“\(evaluation.grade.rawValue)”。其中：\(parts.joined(separator: "；"))。"
        ])
    }

    private static func levels(_ evaluation: Evaluation) -> [(name: String, weight: Rational, score: Rational)] {
        var levels: [(name: String, weight: Rational, score: Rational)] = []
        for row in evaluation.rows {
            if let index = levels.firstIndex(where: { $0.name == row.indicator.level1 }) {
                levels[index].weight = levels[index].weight + Rational(row.indicator.weight)
                levels[index].score = levels[index].score + Rational(row.score)
            } else {
                levels.append((row.indicator.level1, Rational(row.indicator.weight), Rational(row.score)))
            }
        }
        return levels
    }

    private static func indicators(_ evaluation: Evaluation) -> Section {
        let paragraphs = evaluation.rows.enumerated().map { index, row in
            var text = "（\(index + 1)）\(row.indicator.level2)「\(row.indicator.name)」：年度指标值\(row.targetText)，实际完成值\(row.actualText)，"
                + "分值\(row.indicator.weight)分，得分\(row.score)分。"
            if case .manual(_, let source, _) = row.indicator.source { text += "数据来源：\(source)。" }
            if let reading = row.indicator.reading { text += "（\(reading)）" }
            return text
        }
        return Section(heading: "四、绩效指标完成情况", paragraphs: paragraphs)
    }

    private static func deviations(_ evaluation: Evaluation) -> Section {
        var paragraphs: [String] = []
        for row in evaluation.rows {
            if let note = row.deviationNote { paragraphs.append("「\(row.indicator.name)」：\(note)。\(placeholder)偏差原因】") }
            for flag in row.flags { paragraphs.append("「\(row.indicator.name)」需核对：\(flag)。") }
        }
        if let difference = evaluation.executedDifference, difference != .zero {
            paragraphs.append("全年执行数与帮扶系统已发放批次合计相差\(difference.formatted)元。\(placeholder)差额的来由】")
        }
        if paragraphs.isEmpty { paragraphs = ["各项指标实际完成值与年度指标值的偏差均在30%以内，无需说明的偏差。"] }
        return Section(heading: "五、偏差原因分析", paragraphs: paragraphs)
    }

    private static func improvements(_ evaluation: Evaluation) -> Section {
        var paragraphs = ["\(placeholder)存在的问题和下一步改进措施】"]
        if Rational(evaluation.totalScore) < Rational(80) {
            paragraphs.insert("自评得分在80分以下，须说明绩效目标未实现的原因和拟采取的具体措施（自评表注5，002:1233）。", at: 0)
        }
        return Section(heading: "六、存在问题及改进措施", paragraphs: paragraphs)
    }
}

extension EvaluationReport {
    /// The text as a file to edit: UTF-8 with a BOM and CRLF line ends (Notepad, Word and
    /// WPS then read it as Chinese text without asking for an encoding).
    public static func editableBytes(_ report: EvaluationReport) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(report.text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }
}
