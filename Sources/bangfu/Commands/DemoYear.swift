import BangfuCore

/// The sample year the demo runs: the batches of domain.md's calendar, in the projects of
/// `policies/projects/`, and the people who perform each step (each a different person).
enum DemoYear {
    struct Plan {
        var kind: BatchKind
        var date: CalendarDate
        var name: String
        var project: String
        var paidOn: CalendarDate
    }

    static let year = 2024
    static let clerk = "经办人周婷"
    static let firstReviewer = "职工服务中心张敏"
    static let secondReviewer = "生产保护部李强"
    static let approver = "领导小组王主席"
    static let payer = "财务部刘芳"

    static let batches: [Plan] = [
        plan(.living, "2024-01-20", "2024年春节困难职工生活救助", "省财政困难职工帮扶", paid: "2024-01-25"),
        plan(.warmth, "2024-01-22", "2024年元旦春节送温暖", "元旦春节送温暖", paid: "2024-01-26"),
        plan(.medical, "2024-06-15", "2024年困难职工医疗救助", "省财政困难职工帮扶", paid: "2024-06-25"),
        plan(.education, "2024-09-10", "2024年秋季助学", "省财政困难职工帮扶", paid: "2024-09-20"),
        plan(.modelWorkerLiving, "2024-11-10", "2024年劳模生活困难补助", "市劳模困难救助", paid: "2024-11-20"),
        plan(.modelWorkerSpecial, "2024-11-12", "2024年劳模特殊困难帮扶", "市劳模困难救助", paid: "2024-11-25"),
    ]

    private static func plan(_ kind: BatchKind, _ date: String, _ name: String, _ project: String, paid: String) -> Plan {
        Plan(kind: kind, date: CalendarDate(date)!, name: name, project: project, paidOn: CalendarDate(paid)!)
    }
}
