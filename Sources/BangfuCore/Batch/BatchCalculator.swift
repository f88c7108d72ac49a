/// Why a batch cannot be computed at all (not one entry: the whole batch).
public enum BatchRuleError: Error, Equatable, Sendable, UserFacingError {
    public var failure: Failure { .refused }

    /// The policy has no 低保 in force on the batch date.
    case noDibao(date: CalendarDate, policyID: String)
    /// The model workers' standard line starts after the batch date.
    case standardLineNotInForce(date: CalendarDate, from: CalendarDate)
    /// The policy's standards multiplied leave an `Int` of fen: a policy no policy file
    /// passes (`Plausible` bounds its numbers).
    case policyOverflow(policyID: String)

    public var chinese: String {
        switch self {
        case .noDibao(let date, let policy): "策略 \(policy) 在 \(date) 没有生效的低保标准"
        case .standardLineNotInForce(let date, let from): "劳模标准线自 \(from) 起执行，批次日期 \(date) 早于此日"
        case .policyOverflow(let policy): "策略 \(policy) 的标准相乘超出可计算的范围，请检查其金额、月数和倍数"
        }
    }

    public var english: String {
        switch self {
        case .noDibao(let date, let policy): "policy \(policy) has no dibao in force on \(date)"
        case .standardLineNotInForce(let date, let from): "the standard line applies from \(from), after the batch date \(date)"
        case .policyOverflow(let policy): "the standards of policy \(policy) multiply beyond the computable range"
        }
    }
}

/// The rules of spec §4 for one batch: who is a candidate, how much each gets, and why.
/// A pure function of (records, earlier aid, policy, date); the store only feeds it.
public struct BatchCalculator: Sendable {
    public let kind: BatchKind
    public let date: CalendarDate
    public let policy: Policy
    /// The 低保 in force on `date` (spec §4: the batch's date picks it).
    public let dibao: Money
    /// Union aid of the year so far, this batch's own entries included once `counting` has
    /// seen them.
    public private(set) var earlier: EarlierAid
    /// What a 生活 entry starts from in each category, and the income cap as the reasons
    /// write it (multiple × 低保 = the monthly cap): the same for every household of the
    /// batch, so made once.
    private let livingStarts: [HardshipCategory: LivingStart]
    private let capText: String

    private struct LivingStart: Sendable {
        let amount: Money
        let reason: String
        let annualMax: Money
        let limitText: String
    }

    public init(kind: BatchKind, date: CalendarDate, policy: Policy, earlier: EarlierAid) throws(BatchRuleError) {
        guard let period = policy.dibao(on: date) else { throw .noDibao(date: date, policyID: policy.id) }
        if kind == .modelWorkerLiving, date < policy.modelWorker.standardLineFrom {
            throw .standardLineNotInForce(date: date, from: policy.modelWorker.standardLineFrom)
        }
        self.kind = kind
        self.date = date
        self.policy = policy
        self.dibao = period.monthly
        self.earlier = earlier
        do {
            let (numerator, denominator) = try policy.incomeCap.multiple.exactlyTimes(dibao)
            capText = "\(policy.incomeCap.multiple)×\(dibao.plainYuan)=\(Money(fen: numerator / denominator).plainYuan)元"
            livingStarts = try Self.livingStarts(policy.living, dibao: dibao)
        } catch {
            throw .policyOverflow(policyID: policy.id)
        }
    }

    /// Adds this batch's eligible `entries` to the year's aid, so that a person the batch
    /// meets twice — a student listed in two archives — is not paid past a limit. Only the
    /// recipients and students among `people` are remembered: nobody else is met again.
    public mutating func counting(_ entries: [BatchEntry], remembering people: PeopleMetAgain = .everyone) throws(AmountOverflow) {
        for entry in entries where entry.isEligible {
            try earlier.add(to: entry.idNumber, kind: kind.aidKind, amount: entry.amount, student: entry.studentIDNumber, remembering: people)
        }
    }

    /// The entries of a full archive record (`Household.forBatch`).
    public func entries(for household: Household, members: [Member]) throws(AmountOverflow) -> [BatchEntry] {
        try entries(for: household.forBatch, members: members.map(\.forBatch))
    }

    /// The entries for one archive: none when the household is not a candidate of this kind.
    /// `onFile` is the union aid of the year of its people that `earlier` does not hold (the
    /// store sums it per archive); `members` need be only those whose aid `earlier` holds
    /// and, for 助学, the students. `AmountOverflow` names the archive whose amounts (or its
    /// people's earlier aid) do not add up within an `Int` of fen.
    public func entries(for household: BatchHousehold, members: [BatchMember], onFile: ArchiveAidOnFile = .none) throws(AmountOverflow) -> [BatchEntry] {
        guard household.status == .active else { return [] }
        do {
            switch kind {
            case .living: return [try livingEntry(household, members, onFile)]
            case .education: return try educationEntries(household, members, onFile)
            case .medical: return try medicalEntry(household, members, onFile).map { [$0] } ?? []
            case .warmth:
                return [entry(household, .eligible(policy.warmth.worker), ["送温暖慰问：困难职工每人\(policy.warmth.worker.plainYuan)元"])]
            case .modelWorkerLiving, .modelWorkerSpecial: return []
            }
        } catch {
            throw error.at("档案\(household.archiveNumber)")
        }
    }

    /// The entries for one model worker: none when the worker is not a candidate of this kind.
    /// `AmountOverflow` names the worker whose amounts do not add up within an `Int` of fen.
    public func entries(for worker: ModelWorker) throws(AmountOverflow) -> [BatchEntry] {
        do {
            switch kind {
            case .modelWorkerLiving where worker.hardship == .living:
                let line = policy.modelWorker.standardLine
                let gap = try line.subtracting(worker.annualIncome)
                var reasons = ["劳模生活困难补助：标准线\(line.plainYuan)元−本人年收入\(worker.annualIncome.plainYuan)元=\(gap.plainYuan)元"]
                guard gap > .zero else {
                    reasons.append("本人年收入不低于标准线，不予补助")
                    return [entry(worker, .ineligible, reasons)]
                }
                return [entry(worker, try modelWorkerCap(worker, gap, &reasons), reasons)]
            case .modelWorkerSpecial where worker.hardship == .special:
                guard let cause = worker.specialCause, let amount = policy.modelWorker.special[cause] else {
                    return [entry(worker, .ineligible, ["特殊困难原因未登记，无法确定帮扶标准"])]
                }
                var reasons = ["劳模特殊困难帮扶：\(cause.chineseName)，标准\(amount.plainYuan)元"]
                return [entry(worker, try modelWorkerCap(worker, amount, &reasons), reasons)]
            case .warmth:
                return [entry(worker, .eligible(policy.warmth.modelWorker), ["送温暖慰问：劳模每人\(policy.warmth.modelWorker.plainYuan)元"])]
            default:
                return []
            }
        } catch {
            throw error.at("身份证号\(worker.idNumber.value)")
        }
    }

    // MARK: - 生活救助

    private func livingEntry(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> BatchEntry {
        let start = livingStarts[household.category]!
        return try householdEntry(start.amount, kind: .living, annualMax: start.annualMax, limitText: start.limitText, household, members, onFile, [start.reason])
    }

    private static func livingStarts(_ living: Policy.Living, dibao: Money) throws(AmountOverflow) -> [HardshipCategory: LivingStart] {
        var starts: [HardshipCategory: LivingStart] = [:]
        for category in HardshipCategory.allCases {
            let standard = try LivingStandard(living, category, dibao: dibao)
            starts[category] = LivingStart(
                amount: standard.amount,
                reason: "\(category.chineseName)：\(standard.months)个月×低保\(dibao.plainYuan)元=\(standard.raw.plainYuan)元，"
                    + "按\(standard.step.plainYuan)元取整为\(standard.amount.plainYuan)元",
                annualMax: standard.annualMax, limitText: "\(standard.annualMonths)个月×低保\(dibao.plainYuan)元=\(standard.annualMax.plainYuan)元")
        }
        return starts
    }

    // MARK: - 助学救助

    private func educationEntries(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> [BatchEntry] {
        let students = members.filter { $0.schoolStage.isStudying }
            .sorted { ($0.schoolStage.educationRank, $0.idNumber) < ($1.schoolStage.educationRank, $1.idNumber) }
        guard !students.isEmpty else { return [] }
        var capReasons: [String] = []
        var room = try capRoom(household, try aidThisYear(household, members, onFile), reasons: &capReasons)
        var entries: [BatchEntry] = []
        entries.reserveCapacity(students.count)
        for student in students {
            entries.append(try educationEntry(household, student, onFile, room: &room, capReasons: capReasons))
        }
        return entries
    }

    /// One student's 助学 entry; `room` is what the household has left under the income cap.
    private func educationEntry(
        _ household: BatchHousehold, _ student: BatchMember, _ onFile: ArchiveAidOnFile, room: inout Money, capReasons: [String]
    ) throws(AmountOverflow) -> BatchEntry {
        var reasons = ["学生\(student.name)（\(student.schoolStage.chineseName)）"]
        if student.isMilitaryStudent {
            reasons.append("军校生/国防生不享受助学救助")
            return entry(household, student: student, .ineligible, reasons)
        }
        guard let limit = policy.education.limit(for: student.schoolStage, category: household.category) else {
            reasons.append("该就学阶段没有助学标准")
            return entry(household, student: student, .ineligible, reasons)
        }
        let stageNote = [.college, .undergraduate, .graduate, .special].contains(student.schoolStage) ? "（\(household.category.chineseName)）" : ""
        reasons.append("助学标准\(stageNote)每人每年\(limit.plainYuan)元")
        let already = try onFile.education(of: student.idNumber).adding(earlier.education(of: student.idNumber))
        let amount = try limit.subtracting(already)
        if already > .zero {
            reasons.append("本年已获助学\(already.plainYuan)元，可发余额\(max(.zero, amount).plainYuan)元")
        }
        guard amount > .zero else {
            reasons.append("本年助学已达上限，本次不予救助")
            return entry(household, student: student, .ineligible, reasons)
        }
        reasons += capReasons
        return entry(household, student: student, try applyCap(amount, room: &room, household: household, reasons: &reasons), reasons)
    }

    // MARK: - 医疗救助

    private func medicalEntry(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> BatchEntry? {
        guard let expense = household.medicalExpense, expense > .zero else { return nil }
        let ratio = policy.medical.ratio
        let share = try ratio.times(expense)
        let reasons = ["自付医疗费用\(expense.plainYuan)元×\(ratio)=\(share.plainYuan)元"]
        let annualMax = policy.medical.annualMax
        return try householdEntry(share, kind: .medical, annualMax: annualMax, limitText: "\(annualMax.plainYuan)元", household, members, onFile, reasons)
    }

    /// The tail 生活 and 医疗 share: `amount` cut to what is left of the household's annual
    /// limit of `kind` after this year's earlier aid, then to the income cap.
    private func householdEntry(
        _ amount: Money, kind: AidKind, annualMax: Money, limitText: String, _ household: BatchHousehold, _ members: [BatchMember],
        _ onFile: ArchiveAidOnFile, _ reasons: [String]
    ) throws(AmountOverflow) -> BatchEntry {
        var reasons = reasons
        var amount = amount
        let paid = try aidThisYear(household, members, onFile)
        let already = paid[kind]
        let left = max(.zero, try annualMax.subtracting(already))
        if already > .zero || amount > left {
            reasons.append("本年已获\(kind.chineseName)\(already.plainYuan)元，年度上限\(limitText)，可发余额\(left.plainYuan)元")
        }
        if amount > left {
            amount = left
            reasons.append("核减至\(left.plainYuan)元")
        }
        guard amount > .zero else {
            reasons.append("本年\(kind.chineseName)已达年度上限，本次不予救助")
            return entry(household, .ineligible, reasons)
        }
        var room = try capRoom(household, paid, reasons: &reasons)
        return entry(household, try applyCap(amount, room: &room, household: household, reasons: &reasons), reasons)
    }

    // MARK: - 2.1 倍低保 cap

    /// The most aid the household may still get this year without its per-capita monthly
    /// income passing multiple × 低保, counting this year's earlier union 生活/助学/医疗 aid
    /// (`paid`, to the household's people).
    private func capRoom(_ household: BatchHousehold, _ paid: AidByKind, reasons: inout [String]) throws(AmountOverflow) -> Money {
        let yearlyCeiling = try policy.incomeCap.yearlyCeiling(dibao: dibao, size: household.size)
        let already = try paid.sum(.living, .education, .medical)
        // The numbers behind the room, so that the cut below can be checked by hand.
        reasons.append("家庭年纯收入\(household.annualIncome.plainYuan)元，家庭人口\(household.size)人，本年已获工会生活、助学、医疗救助\(already.plainYuan)元")
        return try yearlyCeiling.subtracting(household.annualIncome).subtracting(already)
    }

    /// The amount after the income cap: whole, cut to the room (whole yuan) or refused.
    private func applyCap(_ amount: Money, room: inout Money, household: BatchHousehold, reasons: inout [String]) throws(AmountOverflow) -> BatchEntry.Outcome {
        if amount <= room {
            reasons.append("救助后人均月收入上限\(capText)，可救助余额\(room.plainYuan)元，未超上限")
            room = try room.subtracting(amount)
            return .eligible(amount)
        }
        let wholeYuanRoom = Money.yuan(max(0, room.fen) / 100)
        switch policy.incomeCap.mode {
        case .reduce where wholeYuanRoom > .zero:
            reasons.append("救助后人均月收入上限\(capText)，可救助余额\(wholeYuanRoom.plainYuan)元，核减至\(wholeYuanRoom.plainYuan)元")
            room -= wholeYuanRoom
            return .eligible(wholeYuanRoom)
        default:
            reasons.append("救助后人均月收入上限\(capText)，可救助余额\(wholeYuanRoom.plainYuan)元，超过上限，不予救助")
            return .ineligible
        }
    }

    // MARK: - 劳模 annual cap

    private func modelWorkerCap(_ worker: ModelWorker, _ amount: Money, _ reasons: inout [String]) throws(AmountOverflow) -> BatchEntry.Outcome {
        let already = try earlier.paid(to: [worker.idNumber]).sum(.modelWorkerLiving, .modelWorkerSpecial)
        let left = max(.zero, try policy.modelWorker.annualMax.subtracting(already))
        if already > .zero || amount > left {
            reasons.append("本年已获劳模补助\(already.plainYuan)元，每人每年上限\(policy.modelWorker.annualMax.plainYuan)元，可发余额\(left.plainYuan)元")
        }
        guard left > .zero else {
            reasons.append("已达年度上限，本次不予补助")
            return .ineligible
        }
        if amount > left {
            reasons.append("核减至\(left.plainYuan)元")
            return .eligible(left)
        }
        return .eligible(amount)
    }

    // MARK: - helpers

    private func ids(_ household: BatchHousehold, _ members: [BatchMember]) -> [IDNumber] {
        [household.headIDNumber] + members.map(\.idNumber)
    }

    /// What the household's people got this year: on file, and what `earlier` holds (this
    /// batch's payments so far, or everything when the caller passed none on file).
    private func aidThisYear(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> AidByKind {
        var paid = onFile.people
        try paid.add(earlier.paid(to: ids(household, members)))
        return paid
    }

    private func entry(_ household: BatchHousehold, student: BatchMember? = nil, _ outcome: BatchEntry.Outcome, _ reasons: [String]) -> BatchEntry {
        BatchEntry(
            idNumber: household.headIDNumber, name: household.headName, archiveNumber: household.archiveNumber,
            studentIDNumber: student?.idNumber, outcome: outcome, reasons: reasons)
    }

    private func entry(_ worker: ModelWorker, _ outcome: BatchEntry.Outcome, _ reasons: [String]) -> BatchEntry {
        BatchEntry(idNumber: worker.idNumber, name: worker.name, archiveNumber: nil, outcome: outcome, reasons: reasons)
    }
}

extension SchoolStage {
    /// Higher stages share a household's room under the cap first (spec §4).
    var educationRank: Int {
        switch self {
        case .graduate: 0
        case .undergraduate: 1
        case .college: 2
        case .special: 3
        case .highSchool, .vocational: 4
        case .compulsory: 5
        case .preschool: 6
        case .none: 7
        }
    }
}
