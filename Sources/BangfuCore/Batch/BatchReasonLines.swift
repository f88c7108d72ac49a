private let yuan = ReasonTemplate.Hole.yuan
private let count = ReasonTemplate.Hole.count
private let text = ReasonTemplate.Hole.text

/// Every sentence a `BatchCalculator` writes, as templates numbered for one computation:
/// the policy's and the 低保's numbers printed once here, an entry's own numbers left as
/// holes (`EntryReasons.add`). Each property is a template's number.
struct BatchReasonLines: Sendable {
    let templates: ReasonTemplates

    let warmthWorker: Int
    let warmthModelWorker: Int
    /// 生活: the category's standard, and its annual limit after earlier aid.
    let livingStart: [HardshipCategory: Int]
    let livingEarlier: [HardshipCategory: Int]
    let medicalShare: Int
    let medicalEarlier: Int
    /// "本年生活救助/医疗救助已达年度上限…".
    let exhausted: [AidKind: Int]
    let cutTo: Int
    /// The household's income, size and earlier aid: the numbers behind the cap's room.
    let household: Int
    let capWithin: Int
    let capCut: Int
    let capOver: Int
    let student: [SchoolStage: Int]
    let militaryStudent: Int
    let noEducationStandard: Int
    /// 助学标准 with the category named (higher stages) or not.
    let educationStandardOf: [HardshipCategory: Int]
    let educationStandard: Int
    let educationEarlier: Int
    let educationExhausted: Int
    let modelWorkerGap: Int
    let modelWorkerIncomeAbove: Int
    let modelWorkerNoCause: Int
    let modelWorkerSpecial: Int
    let modelWorkerEarlier: Int
    let modelWorkerExhausted: Int

    init(policy: Policy, dibao: Money, capText: String, living: [HardshipCategory: LivingStandard]) {
        var list: [ReasonTemplate] = []
        func number(_ template: ReasonTemplate) -> Int {
            list.append(template)
            return list.count
        }
        func byCategory(_ make: (HardshipCategory) -> ReasonTemplate) -> [HardshipCategory: Int] {
            Dictionary(uniqueKeysWithValues: HardshipCategory.allCases.map { ($0, number(make($0))) })
        }
        warmthWorker = number("送温暖慰问：困难职工每人\(policy.warmth.worker.plainYuan)元")
        warmthModelWorker = number("送温暖慰问：劳模每人\(policy.warmth.modelWorker.plainYuan)元")
        livingStart = byCategory { category in
            let standard = living[category]!
            let rounding = "按\(standard.step.plainYuan)元取整为\(standard.amount.plainYuan)元"
            return "\(category.chineseName)：\(String(standard.months))个月×低保\(dibao.plainYuan)元=\(standard.raw.plainYuan)元，\(rounding)"
        }
        livingEarlier = byCategory { category in
            let standard = living[category]!
            let limit = "\(standard.annualMonths)个月×低保\(dibao.plainYuan)元=\(standard.annualMax.plainYuan)元"
            return "本年已获\(AidKind.living.chineseName)\(yuan)元，年度上限\(limit)，可发余额\(yuan)元"
        }
        medicalShare = number("自付医疗费用\(yuan)元×\("\(policy.medical.ratio)")=\(yuan)元")
        medicalEarlier = number("本年已获\(AidKind.medical.chineseName)\(yuan)元，年度上限\(policy.medical.annualMax.plainYuan)元，可发余额\(yuan)元")
        exhausted = Dictionary(uniqueKeysWithValues: [AidKind.living, .medical].map { ($0, number("本年\($0.chineseName)已达年度上限，本次不予救助")) })
        cutTo = number("核减至\(yuan)元")
        household = number("家庭年纯收入\(yuan)元，家庭人口\(count)人，本年已获工会生活、助学、医疗救助\(yuan)元")
        capWithin = number("救助后人均月收入上限\(capText)，可救助余额\(yuan)元，未超上限")
        capCut = number("救助后人均月收入上限\(capText)，可救助余额\(yuan)元，核减至\(yuan)元")
        capOver = number("救助后人均月收入上限\(capText)，可救助余额\(yuan)元，超过上限，不予救助")
        student = Dictionary(uniqueKeysWithValues: SchoolStage.allCases.map { ($0, number("学生\(text)（\($0.chineseName)）")) })
        militaryStudent = number("军校生/国防生不享受助学救助")
        noEducationStandard = number("该就学阶段没有助学标准")
        educationStandardOf = byCategory { "助学标准（\($0.chineseName)）每人每年\(yuan)元" }
        educationStandard = number("助学标准每人每年\(yuan)元")
        educationEarlier = number("本年已获助学\(yuan)元，可发余额\(yuan)元")
        educationExhausted = number("本年助学已达上限，本次不予救助")
        modelWorkerGap = number("劳模生活困难补助：标准线\(policy.modelWorker.standardLine.plainYuan)元−本人年收入\(yuan)元=\(yuan)元")
        modelWorkerIncomeAbove = number("本人年收入不低于标准线，不予补助")
        modelWorkerNoCause = number("特殊困难原因未登记，无法确定帮扶标准")
        modelWorkerSpecial = number("劳模特殊困难帮扶：\(text)，标准\(yuan)元")
        modelWorkerEarlier = number("本年已获劳模补助\(yuan)元，每人每年上限\(policy.modelWorker.annualMax.plainYuan)元，可发余额\(yuan)元")
        modelWorkerExhausted = number("已达年度上限，本次不予补助")
        templates = ReasonTemplates(numbering: list)
    }
}
