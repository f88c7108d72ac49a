import BangfuCore

/// The sample year the demo runs: the batches of domain.md's calendar, in the projects of
/// `policies/projects/`, and the people who perform each step (each a different person).
public enum DemoYear {
    /// One batch of the year: what, when, for which project, paid when.
    public struct Plan: Sendable {
        public var kind: BatchKind
        public var date: CalendarDate
        public var name: String
        /// The project that pays it; nil: the union's own 帮扶资金, outside the four projects.
        public var project: String?
        public var paidOn: CalendarDate
    }

    public static let year = 2024
    public static let clerk = person("经办人周婷")
    public static let firstReviewer = person("职工服务中心张敏")
    public static let secondReviewer = person("生产保护部李强")
    public static let approver = person("领导小组王主席")
    public static let payer = person("财务部刘芳")

    /// The accounts the demo makes for its people (spec §8), each with the role of its step.
    public static let accounts: [(login: String, person: Person, role: Role)] = [
        ("zhouting", clerk, .clerk), ("zhangmin", firstReviewer, .firstReviewer), ("liqiang", secondReviewer, .secondReviewer),
        ("wangzhuxi", approver, .approver), ("liufang", payer, .finance),
    ]

    /// The login of the demo's `person`, as the actor of the steps they take.
    public static func login(of person: Person) -> Person {
        guard let account = accounts.first(where: { $0.person == person }) else { preconditionFailure("\(person) has no demo account") }
        return Self.person(account.login)
    }

    /// Each project's batches fit its budget (`policies/projects/`), and every project has
    /// paid batches: the year's big 生活, 医疗 and 助学 batches are paid from the union's own
    /// 帮扶资金 (no project); the 省财政 project pays the year-end 医疗救助 (paid before its
    /// deadline, 2024-12-31), the 省劳模 project a second 特殊困难 batch paid before its
    /// deadline of 2024-11-20, after the city's own (which leaves less to give under the
    /// year's limit). Batch 1 stays the 春节 生活救助 the walk-through and tests name.
    public static let batches: [Plan] = [
        plan(.living, "2024-01-20", "2024年春节困难职工生活救助", nil, paid: "2024-01-25"),
        plan(.warmth, "2024-01-22", "2024年元旦春节送温暖", "元旦春节送温暖", paid: "2024-01-26"),
        plan(.medical, "2024-06-15", "2024年困难职工医疗救助", nil, paid: "2024-06-25"),
        plan(.education, "2024-09-10", "2024年秋季助学", nil, paid: "2024-09-20"),
        plan(.modelWorkerLiving, "2024-11-10", "2024年劳模生活困难补助", "市劳模困难救助", paid: "2024-11-20"),
        plan(.modelWorkerSpecial, "2024-11-12", "2024年劳模特殊困难帮扶", "市劳模困难救助", paid: "2024-11-14"),
        plan(.modelWorkerSpecial, "2024-11-15", "2024年省级困难劳模特殊困难帮扶", "省劳模困难救助", paid: "2024-11-19"),
        plan(.medical, "2024-12-10", "2024年末困难职工医疗救助", "省财政困难职工帮扶", paid: "2024-12-20"),
    ]

    /// The bank's return of the year-end 医疗救助 (batch 8, issue 19), in `import/sample/`:
    /// of its 94 transfers, 90 arrived on 2024-12-23 and one (徐燕玲) only on 2024-12-31, the
    /// project's deadline (a later day would date her aid in 2025); three failed. 林芳's card is frozen and she has asked for
    /// the money through 民政 instead: cancelled. 董秋伟's account was closed: the clerk
    /// corrects it in the archive; finance re-issues both failures left, the approver
    /// approves, finance pays on 2024-12-27, and the re-issue's return says 董秋伟's money
    /// arrived on 2024-12-30 — and that 朱一蕾's name and account still do not match (nobody
    /// corrected her archive): failed again, waiting.
    public struct Returns: Sendable {
        public var batchName: String
        public var file: String
        public var archive: ArchiveNumber
        public var correctedAccount: String
        public var reissuePaidOn: CalendarDate
        public var reissueFile: String
        public var cancelled: IDNumber
        public var cancelReason: String
    }

    public static let returns = Returns(
        batchName: "2024年末困难职工医疗救助", file: "bank-return.csv", archive: ArchiveNumber("QD2024-000019"),
        correctedAccount: "6231650848983530007", reissuePaidOn: CalendarDate("2024-12-27")!, reissueFile: "bank-return-reissue.csv",
        cancelled: IDNumber("370112198605193089")!, cancelReason: "本人卡片冻结，已改由民政部门救助，不再补发")

    /// A name written here, which is a person's name by construction.
    private static func person(_ name: String) -> Person {
        do { return try Person(name: name) } catch { preconditionFailure("the demo's people have valid names: \(name)") }
    }

    private static func plan(_ kind: BatchKind, _ date: String, _ name: String, _ project: String?, paid: String) -> Plan {
        Plan(kind: kind, date: CalendarDate(date)!, name: name, project: project, paidOn: CalendarDate(paid)!)
    }
}
