@testable import BangfuCore
@testable import BangfuStore

/// Small hand-made values for the JSON shape tests: each optional field once present and
/// once absent, a text that needs escaping, exact and non-terminating rates.
enum JSONShapeFixtures {
    static let head = IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: 3, day: 9)!, sequence: 12)
    static let child = IDNumber(region: 370202, birth: CalendarDate(year: 2005, month: 6, day: 1)!, sequence: 34)

    static let household = Household(
        archiveNumber: ArchiveNumber("QD-001"), headName: "王\"建国\"", headIDNumber: head, workUnit: "青岛港", unionName: "港工会",
        category: .deep, registeredOn: CalendarDate(year: 2022, month: 3, day: 15)!, size: 3, annualIncome: Money(fen: 1_200_050),
        phone: "13812345678", bankName: "工行", bankAccount: "6222020200112233446", status: .exited)

    static let members = [
        Member(archiveNumber: ArchiveNumber("QD-001"), name: "王建国", idNumber: head, relation: "本人", schoolStage: .none),
        Member(archiveNumber: ArchiveNumber("QD-001"), name: "王小明\\\n\t\u{1}", idNumber: child, relation: "子女", schoolStage: .highSchool),
    ]

    static let specialWorker = ModelWorker(
        name: "徐一建", idNumber: head, level: .national, title: "全国劳动模范", workUnit: "青岛港", annualIncome: Money(fen: 1_585_700),
        hardship: .special, specialCause: .majorIllness, phone: "13812345678", bankName: "工行", bankAccount: "6222020200112233446")

    static let livingWorker = ModelWorker(
        name: "孙超斌", idNumber: child, level: .municipal, title: "市劳动模范", workUnit: "海尔", annualIncome: Money(fen: 4_525_600),
        hardship: .living, phone: "13912345678", bankName: "建行", bankAccount: "6217000010012345678")

    static let batch = BatchRecord(
        id: 7, name: "2024年春节助学", kind: .education, status: .firstReviewed, date: CalendarDate(year: 2024, month: 1, day: 20)!,
        project: "省财政", budget: Money(fen: 100_000), policyID: "qingdao-2024", policyPath: "policies/qingdao-2024.toml", policyText: "",
        dibaoMonthly: nil, total: Money(fen: 500_000), requiredReviews: [.first, .second], performers: [:], performedAt: [:], paidOn: nil)

    static let livingBatch = BatchRecord(
        id: 1, name: "生活救助", kind: .living, status: .paid, date: CalendarDate(year: 2024, month: 7, day: 1)!,
        project: nil, budget: nil, policyID: "qingdao-2024", policyPath: "", policyText: "",
        dibaoMonthly: Money(fen: 111_500), total: Money(fen: 0), requiredReviews: [], performers: [:], performedAt: [:], paidOn: nil)

    static let studentEntry = BatchEntry(
        idNumber: head, name: "王建国", archiveNumber: ArchiveNumber("QD-001"), studentIDNumber: child,
        outcome: .eligible(Money(fen: 500_000)), reasons: ["本科：10000元", "已获0元"])

    static let workerEntry = BatchEntry(idNumber: child, name: "孙超斌", archiveNumber: nil, outcome: .ineligible, reasons: [])

    /// Two of three paid records in findings that count: a rate of 1/3, no finite decimal.
    static let duplicates = DuplicateReport(
        year: 2024,
        findings: [
            DuplicateFinding(code: .sameBatch, idNumbers: [head.value], detail: "批次2中出现2次", aidRecordIDs: [1]),
            DuplicateFinding(code: .sharedAccount, idNumbers: [head.value, child.value], detail: "账号6222…3446", aidRecordIDs: [2]),
        ],
        unionAidRecords: 3, limitsChecked: true)

    /// One of four: 0.25.
    static let exactDuplicates = DuplicateReport(
        year: 2024, findings: [DuplicateFinding(code: .twoHouseholds, idNumbers: [child.value], detail: "两个档案", aidRecordIDs: [4])],
        unionAidRecords: 4, limitsChecked: false)

    static let emptyDuplicates = DuplicateReport(year: 2023, findings: [], unionAidRecords: 0, limitsChecked: true)

    static let evaluation: Evaluation = {
        let counted = IndicatorRow(
            level1: "产出指标", level2: "数量指标", name: "救助困难职工人数", op: .atLeast, target: .number(ExactDecimal("100")!), unit: "人",
            weight: ExactDecimal("10")!, source: .metric(.householdsAided))
        let share = IndicatorRow(
            level1: "产出指标", level2: "质量指标", name: "准确率", op: .atMost, target: .number(ExactDecimal("99.5")!), unit: "%",
            weight: ExactDecimal("12.5")!, source: .metric(.standardAccuracy))
        let told = IndicatorRow(
            level1: "效益指标", level2: "社会效益指标", name: "生活改善度", op: .qualitative, target: .text("明显改善"), unit: "",
            weight: ExactDecimal("30")!, source: .manual(value: .text("达成"), source: "问卷"))
        let missing = IndicatorRow(
            level1: "满意度指标", level2: "服务对象满意度指标", name: "满意度", op: .equal, target: nil, unit: "%",
            weight: ExactDecimal("5")!, source: .metric(.onTimeRate))
        let project = Project(name: "省财政困难职工帮扶", year: 2024, budget: Money(fen: 70_000_000), indicators: [counted, share, told, missing])
        return Evaluation(
            project: project, executed: Money(fen: 66_500_000), executionRate: Rational(665, 700), executionScore: ExactDecimal("9.52")!,
            rows: [
                Evaluation.Row(indicator: counted, actual: .number(Rational(363)), score: ExactDecimal("10")!, note: "实际完成值363人比年度指标值100人高263%"),
                Evaluation.Row(indicator: share, actual: .number(Rational(200, 3)), score: ExactDecimal("8.33")!, note: nil),
                Evaluation.Row(indicator: told, actual: .text("达成"), score: ExactDecimal("30")!, note: nil),
                Evaluation.Row(indicator: missing, actual: .missing, score: .zero, note: "未取得"),
            ],
            totalScore: ExactDecimal("57.85")!, grade: .fair, missingMetrics: [])
    }()

    static let importLine = AuditLine(
        id: 1, at: "2024-01-20T01:30:00+08:00", actor: "经办人周婷", action: .importFile("households"), batchID: nil, subject: "",
        detail: "households.csv: 400 rows")

    static let reviewLine = AuditLine(
        id: 9, at: "2024-01-21T09:00:00+08:00", actor: "张敏", action: .batchReview(.first), batchID: 7, subject: head.value, detail: "初审")
}
