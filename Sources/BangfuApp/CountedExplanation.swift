import BangfuCore
import BangfuStore

/// How each metric of spec §7 is derived from a project's paid entries, as the page of a
/// form's row explains it beside the records (`ProjectMeasuring` does the counting).
enum CountedExplanation {
    /// The lines a metric's records are listed in: one per what it counts.
    static func grouping(of metric: Metric) -> CountedGrouping {
        switch metric {
        case .householdsAided: .archive
        case .personsAided, .maxAmountPerPerson: .person
        case .studentsAided: .student
        case .modelWorkersAided: .modelWorker
        case .amountPaid, .onTimeRate, .duplicateAidRate, .eligibilityAccuracy, .standardAccuracy: .entry
        }
    }

    /// What the actual is, over the lines listed.
    static func text(_ metric: Metric, deadline: CalendarDate?, kind: BatchKind?) -> String {
        let how: String =
            switch metric {
            case .householdsAided: "下列档案（不重复的档案编号）的户数。"
            case .personsAided: "下列受助人（不重复的身份证号）的人数。"
            case .studentsAided: "下列受助学生（不重复的学生身份证号）的人数。"
            case .modelWorkersAided: "下列劳模（无档案的受助人，不重复的身份证号）的人数。"
            case .amountPaid: "下列已发放条目的金额之和。"
            case .maxAmountPerPerson: "按受助人合计的发放金额中最高的一人（列表第一行）。"
            case .onTimeRate:
                "下列已发放条目中，发放日期在截止日" + (deadline.map { " \($0) " } ?? "") + "当日或之前的条目所占比例。"
            case .duplicateAidRate: "本项目已发放批次写入的救助记录中，涉及当年重复救助检查发现的记录所占比例；发现见重复救助检查。"
            case .eligibilityAccuracy: "下列已发放条目中，受助人按批次所用政策复核时仍符合条件的所占比例（按档案或劳模名册的现状复核）。"
            case .standardAccuracy: "下列已发放条目写入的救助记录中，未超过政策年度限额的所占比例；超限额的记录见重复救助检查。"
            }
        let scope = kind.map { "仅计「\($0.chineseName)」批次。" } ?? ""
        return "\(metric.chineseDescription)：\(how)\(scope)计入的条目：本项目当年已发放批次中符合条件、未被剔除、金额大于 0 的条目。"
    }
}
