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
    /// What a 生活 entry starts from in each category: the same for every household of the
    /// batch, so made once.
    private let livingStandards: [HardshipCategory: LivingStandard]
    /// The sentences of the reasons, printed once for the batch: an entry keeps only which
    /// ones and its own numbers.
    private let lines: BatchReasonLines

    /// The templates every entry's reasons point into.
    public var reasonTemplates: ReasonTemplates { lines.templates }

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
            // The income cap as the reasons write it (multiple × 低保 = the monthly cap).
            let capText = "\(policy.incomeCap.multiple)×\(dibao.plainYuan)=\(Money(fen: numerator / denominator).plainYuan)元"
            var standards: [HardshipCategory: LivingStandard] = [:]
            for category in HardshipCategory.allCases {
                standards[category] = try LivingStandard(policy.living, category, dibao: dibao)
            }
            livingStandards = standards
            lines = BatchReasonLines(policy: policy, dibao: period.monthly, capText: capText, living: standards)
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
                var reasons = EntryReasons(lines.templates)
                reasons.add(lines.warmthWorker)
                return [entry(household, .eligible(policy.warmth.worker), reasons)]
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
                var reasons = EntryReasons(lines.templates)
                reasons.add(lines.modelWorkerGap, worker.annualIncome, gap)
                guard gap > .zero else {
                    reasons.add(lines.modelWorkerIncomeAbove)
                    return [entry(worker, .ineligible, reasons)]
                }
                return [entry(worker, try modelWorkerCap(worker, gap, &reasons), reasons)]
            case .modelWorkerSpecial where worker.hardship == .special:
                var reasons = EntryReasons(lines.templates)
                guard let cause = worker.specialCause, let amount = policy.modelWorker.special[cause] else {
                    reasons.add(lines.modelWorkerNoCause)
                    return [entry(worker, .ineligible, reasons)]
                }
                reasons.add(lines.modelWorkerSpecial, cause.chineseName, amount)
                return [entry(worker, try modelWorkerCap(worker, amount, &reasons), reasons)]
            case .warmth:
                var reasons = EntryReasons(lines.templates)
                reasons.add(lines.warmthModelWorker)
                return [entry(worker, .eligible(policy.warmth.modelWorker), reasons)]
            default:
                return []
            }
        } catch {
            throw error.at("身份证号\(worker.idNumber.value)")
        }
    }

    // MARK: - 生活救助

    private func livingEntry(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> BatchEntry {
        let standard = livingStandards[household.category]!
        var reasons = EntryReasons(lines.templates)
        reasons.add(lines.livingStart[household.category]!)
        return try householdEntry(
            standard.amount, kind: .living, annualMax: standard.annualMax, earlierLine: lines.livingEarlier[household.category]!, household, members, onFile, reasons)
    }

    // MARK: - 助学救助

    private func educationEntries(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> [BatchEntry] {
        let students = members.filter { $0.schoolStage.isStudying }
            .sorted { ($0.schoolStage.educationRank, $0.idNumber) < ($1.schoolStage.educationRank, $1.idNumber) }
        guard !students.isEmpty else { return [] }
        var (room, already) = try capRoom(household, try aidThisYear(household, members, onFile))
        var entries: [BatchEntry] = []
        entries.reserveCapacity(students.count)
        for student in students {
            entries.append(try educationEntry(household, student, onFile, room: &room, earlierAid: already))
        }
        return entries
    }

    /// One student's 助学 entry; `room` is what the household has left under the income cap,
    /// `earlierAid` its people's union aid of the year that the cap counts.
    private func educationEntry(
        _ household: BatchHousehold, _ student: BatchMember, _ onFile: ArchiveAidOnFile, room: inout Money, earlierAid: Money
    ) throws(AmountOverflow) -> BatchEntry {
        var reasons = EntryReasons(lines.templates)
        reasons.add(lines.student[student.schoolStage]!, student.name)
        if student.isMilitaryStudent {
            reasons.add(lines.militaryStudent)
            return entry(household, student: student, .ineligible, reasons)
        }
        guard let limit = policy.education.limit(for: student.schoolStage, category: household.category) else {
            reasons.add(lines.noEducationStandard)
            return entry(household, student: student, .ineligible, reasons)
        }
        let namesCategory = [.college, .undergraduate, .graduate, .special].contains(student.schoolStage)
        reasons.add(namesCategory ? lines.educationStandardOf[household.category]! : lines.educationStandard, limit)
        let already = try onFile.education(of: student.idNumber).adding(earlier.education(of: student.idNumber))
        let amount = try limit.subtracting(already)
        if already > .zero {
            reasons.add(lines.educationEarlier, already, max(.zero, amount))
        }
        guard amount > .zero else {
            reasons.add(lines.educationExhausted)
            return entry(household, student: student, .ineligible, reasons)
        }
        reasons.add(lines.household, household.annualIncome, household.size, earlierAid)
        return entry(household, student: student, try applyCap(amount, room: &room, household: household, reasons: &reasons), reasons)
    }

    // MARK: - 医疗救助

    private func medicalEntry(_ household: BatchHousehold, _ members: [BatchMember], _ onFile: ArchiveAidOnFile) throws(AmountOverflow) -> BatchEntry? {
        guard let expense = household.medicalExpense, expense > .zero else { return nil }
        let ratio = policy.medical.ratio
        let share = try ratio.times(expense)
        var reasons = EntryReasons(lines.templates)
        reasons.add(lines.medicalShare, expense, share)
        return try householdEntry(share, kind: .medical, annualMax: policy.medical.annualMax, earlierLine: lines.medicalEarlier, household, members, onFile, reasons)
    }

    /// The tail 生活 and 医疗 share: `amount` cut to what is left of the household's annual
    /// limit of `kind` after this year's earlier aid, then to the income cap.
    private func householdEntry(
        _ amount: Money, kind: AidKind, annualMax: Money, earlierLine: Int, _ household: BatchHousehold, _ members: [BatchMember],
        _ onFile: ArchiveAidOnFile, _ reasons: EntryReasons
    ) throws(AmountOverflow) -> BatchEntry {
        var reasons = reasons
        var amount = amount
        let paid = try aidThisYear(household, members, onFile)
        let already = paid[kind]
        let left = max(.zero, try annualMax.subtracting(already))
        if already > .zero || amount > left {
            reasons.add(earlierLine, already, left)
        }
        if amount > left {
            amount = left
            reasons.add(lines.cutTo, left)
        }
        guard amount > .zero else {
            reasons.add(lines.exhausted[kind]!)
            return entry(household, .ineligible, reasons)
        }
        var (room, earlierAid) = try capRoom(household, paid)
        reasons.add(lines.household, household.annualIncome, household.size, earlierAid)
        return entry(household, try applyCap(amount, room: &room, household: household, reasons: &reasons), reasons)
    }

    // MARK: - 2.1 倍低保 cap

    /// The most aid the household may still get this year without its per-capita monthly
    /// income passing multiple × 低保, counting this year's earlier union 生活/助学/医疗 aid
    /// (`paid`, to the household's people), and that earlier aid: the reasons write it with
    /// the income and size (`lines.household`), so that the cut can be checked by hand.
    private func capRoom(_ household: BatchHousehold, _ paid: AidByKind) throws(AmountOverflow) -> (room: Money, earlierAid: Money) {
        let yearlyCeiling = try policy.incomeCap.yearlyCeiling(dibao: dibao, size: household.size)
        let already = try paid.sum(.living, .education, .medical)
        return (try yearlyCeiling.subtracting(household.annualIncome).subtracting(already), already)
    }

    /// The amount after the income cap: whole, cut to the room (whole yuan) or refused.
    private func applyCap(_ amount: Money, room: inout Money, household: BatchHousehold, reasons: inout EntryReasons) throws(AmountOverflow) -> BatchEntry.Outcome {
        if amount <= room {
            reasons.add(lines.capWithin, room)
            room = try room.subtracting(amount)
            return .eligible(amount)
        }
        let wholeYuanRoom = Money.yuan(max(0, room.fen) / 100)
        switch policy.incomeCap.mode {
        case .reduce where wholeYuanRoom > .zero:
            reasons.add(lines.capCut, wholeYuanRoom, wholeYuanRoom)
            room -= wholeYuanRoom
            return .eligible(wholeYuanRoom)
        default:
            reasons.add(lines.capOver, wholeYuanRoom)
            return .ineligible
        }
    }

    // MARK: - 劳模 annual cap

    private func modelWorkerCap(_ worker: ModelWorker, _ amount: Money, _ reasons: inout EntryReasons) throws(AmountOverflow) -> BatchEntry.Outcome {
        let already = try earlier.paid(to: [worker.idNumber]).sum(.modelWorkerLiving, .modelWorkerSpecial)
        let left = max(.zero, try policy.modelWorker.annualMax.subtracting(already))
        if already > .zero || amount > left {
            reasons.add(lines.modelWorkerEarlier, already, left)
        }
        guard left > .zero else {
            reasons.add(lines.modelWorkerExhausted)
            return .ineligible
        }
        if amount > left {
            reasons.add(lines.cutTo, left)
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

    private func entry(_ household: BatchHousehold, student: BatchMember? = nil, _ outcome: BatchEntry.Outcome, _ reasons: EntryReasons) -> BatchEntry {
        BatchEntry(
            idNumber: household.headIDNumber, name: household.headName, archiveNumber: household.archiveNumber,
            studentIDNumber: student?.idNumber, outcome: outcome, reasons: reasons)
    }

    private func entry(_ worker: ModelWorker, _ outcome: BatchEntry.Outcome, _ reasons: EntryReasons) -> BatchEntry {
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
