/// Synthetic but realistic Qingdao archives — households, members, model workers and the
/// aid they already received — for demos, tests and benchmarks.
///
/// Everything is a pure function of the seed, the counts and the year: no clock, no
/// system randomness, no Foundation. Household `i` depends only on `(seed, i)` and model
/// worker `j` only on `(seed, j)`, so any of them can be regenerated on its own and the
/// streams use constant memory however many records they produce.
///
/// Identity numbers are unique across the whole data set by construction:
///
/// - Each person gets a slot number: household `i` member `k` (0 for the head, at most 5)
///   has slot `6i + k`; model worker `j` has slot `j` in a separate space.
/// - A seeded permutation of the slot space scrambles the slot, and the result is split
///   into a region (one of 10 codes), a sequence half `q` and a residue `ρ < 1024`.
///   Different slots give different triples.
/// - The 3-digit sequence is `2q + sex`, with `q < 450` for household members and
///   `450 ≤ q < 500` for model workers, so the two groups never share a sequence.
/// - The birth date is drawn inside the age window the person's role and school stage
///   allow, among the days whose day number ≡ ρ (mod 1024). Every window spans at least
///   three whole years (≥ 1095 days), so such a day always exists.
///
/// Two people with the same region and sequence therefore have different residues, so
/// different birth dates, so different numbers. The scheme holds up to
/// `maximumHouseholds` households and `maximumModelWorkers` model workers.
public struct SampleGenerator: Sendable {
    /// Aid amounts written on the generated records: sample data, not policy.
    ///
    /// Real amounts come from the policy files; these only make the earlier aid in a sample
    /// database look like what a 职工服务中心 pays.
    public struct Amounts: Hashable, Sendable {
        /// 生活救助 for a 深度困难 household.
        public var deepLiving: Money
        /// 生活救助 for a 相对困难 or 意外致困 household.
        public var otherLiving: Money
        /// 助学救助 for a pupil from 学前 to 高中, 中职 or 特殊教育.
        public var schoolEducation: Money
        /// 助学救助 for a 大学专科, 大学本科 or 研究生 student.
        public var higherEducation: Money
        /// 医疗救助 as a percentage of the household's 自付医疗费用, rounded down to the yuan.
        public var medicalPercent: Int
        /// The most 医疗救助 one payment carries.
        public var medicalCap: Money

        /// Sample amounts; the defaults are typical Qingdao figures, not a rule.
        public init(
            deepLiving: Money = .yuan(6000), otherLiving: Money = .yuan(4000),
            schoolEducation: Money = .yuan(2000), higherEducation: Money = .yuan(5000),
            medicalPercent: Int = 30, medicalCap: Money = .yuan(10000)
        ) {
            self.deepLiving = deepLiving
            self.otherLiving = otherLiving
            self.schoolEducation = schoolEducation
            self.higherEducation = higherEducation
            self.medicalPercent = medicalPercent
            self.medicalCap = medicalCap
        }
    }

    /// The most households whose member id numbers the uniqueness scheme keeps apart.
    public static let maximumHouseholds = householdSlotSpace / slotsPerHousehold
    /// The most model workers whose id numbers the uniqueness scheme keeps apart.
    public static let maximumModelWorkers = modelWorkerSlotSpace
    /// Years the generator accepts: births of the oldest generated people stay after 1900
    /// (GB 11643 validity) and every date stays inside `CalendarDate`'s range.
    public static let supportedYears = 2000...9999

    /// Seed of every pseudo-random choice.
    public let seed: UInt64
    /// How many household archives `forEachHousehold` streams.
    public let households: Int
    /// How many model workers `forEachModelWorker` streams.
    public let modelWorkers: Int
    /// The year the data describes: ages are counted in it; the earlier aid was paid the
    /// year before, so the year's own batches start from a clean slate.
    public let year: Int
    /// Amounts written on the generated aid records.
    public let amounts: Amounts
    /// Whether the data set carries the planted duplicate cases of `PlantedDuplicates`
    /// (the sample year does; benchmark data does not).
    public let plantsDuplicates: Bool
    /// How many years of earlier aid `forEachAidRecord` writes, ending the year before
    /// `year`; archives are registered from the first of them (or 2019, if earlier).
    public let aidYears: Int

    /// A generator for `households` archives and `modelWorkers` model workers in `year`.
    ///
    /// Counts beyond `maximumHouseholds` / `maximumModelWorkers` or a year outside
    /// `supportedYears` are programming errors and stop the program.
    public init(
        seed: UInt64, households: Int, modelWorkers: Int, year: Int, amounts: Amounts = Amounts(), plantsDuplicates: Bool = false,
        aidYears: Int = 1
    ) {
        precondition((0...SampleGenerator.maximumHouseholds).contains(households), "households out of range")
        precondition((0...SampleGenerator.maximumModelWorkers).contains(modelWorkers), "model workers out of range")
        precondition(SampleGenerator.supportedYears.contains(year), "year out of range")
        precondition(SampleGenerator.supportedYears.contains(year - aidYears) && aidYears >= 1, "aid years out of range")
        self.aidYears = aidYears
        self.seed = seed
        self.households = households
        self.modelWorkers = modelWorkers
        self.year = year
        self.amounts = amounts
        precondition(!plantsDuplicates || (households >= PlantedDuplicates.minimumHouseholds && modelWorkers >= 1),
                     "planted duplicates need \(PlantedDuplicates.minimumHouseholds) households and a model worker")
        self.plantsDuplicates = plantsDuplicates
    }

    /// Streams households with their members, in archive-number order; memory must not grow with `households`.
    public func forEachHousehold(_ body: (Household, [Member]) throws -> Void) rethrows {
        for index in 0..<households {
            let family = familyAsWritten(index: index)
            try body(family.household, family.members)
        }
    }

    /// Streams the model workers in generation order; memory does not grow with `modelWorkers`.
    public func forEachModelWorker(_ body: (ModelWorker) throws -> Void) rethrows {
        for index in 0..<modelWorkers {
            try body(modelWorkerAsWritten(index: index))
        }
    }

    /// Aid paid in the `aidYears` years before `year`, by the union (Payer.union) and some by other
    /// agencies (民政, 妇联, 共青团, 残联), referring to generated people; with
    /// `plantsDuplicates`, also the planted records of `PlantedDuplicates`.
    ///
    /// Records come household by household in archive-number order; each household is
    /// regenerated from `(seed, index)`, so nothing is stored between households.
    public func forEachAidRecord(_ body: (AidRecord) throws -> Void) rethrows {
        for index in 0..<households {
            let family = familyAsWritten(index: index)
            for yearsBefore in (1...aidYears).reversed() {
                for record in makeAid(index: index, family: family, paidIn: year - yearsBefore) { try body(record) }
            }
            for record in plantedAid(index: index, family: family) { try body(record) }
        }
    }
}

// MARK: - Households and members

extension SampleGenerator {
    /// One archive with its members, as generated for one household index.
    struct Family {
        var household: Household
        var members: [Member]
    }

    /// A person being assembled before the household's surnames are settled.
    private struct Person {
        var relation: String
        var stage: SchoolStage
        var isMale: Bool
        var idNumber: IDNumber
        var school: String?
        var note: String?
        var age: Int
    }

    func makeFamily(index: Int) -> Family {
        var random = SplitMix64(seed: seed, stream: .household, index: index)
        let archive = ArchiveNumber("QD\(year)-" + zeroPadded(index + 1, width: 6))
        let category = random.weighted([(HardshipCategory.deep, 30), (.relative, 60), (.accident, 10)])
        let size = random.weighted([(1, 12), (2, 22), (3, 35), (4, 18), (5, 9), (6, 4)])

        let hasSpouse = size >= 2 && random.percent(70)
        let hasParent = size - 1 - (hasSpouse ? 1 : 0) > 0 && random.percent(8)
        let childCount = size - 1 - (hasSpouse ? 1 : 0) - (hasParent ? 1 : 0)
        // Slots follow the member order: head 0, spouse 1 when there is one, children, parent last.
        let headSlot = Self.slotsPerHousehold * index
        let firstChildSlot = headSlot + (hasSpouse ? 2 : 1)

        // Children first: their stages fix the ages the parents can have.
        let children = (0..<childCount).map { makeChild(slot: firstChildSlot + $0, random: &random) }
        let oldestChild = children.map(\.age).max()
        let youngestChild = children.map(\.age).min()

        // 30–60, at least 20 years older than the oldest child and at most 45 older than
        // the youngest, widened when those bounds leave less than five years.
        let headLowest = max(30, (oldestChild ?? 0) + 20)
        let headHighest = max(headLowest + 4, min(60, (youngestChild ?? 60) + 45))
        let headIsMale = random.percent(hasSpouse ? 60 : 45)
        let head = makePerson(
            relation: "本人", stage: .none, isMale: headIsMale, ages: headLowest...headHighest, slot: headSlot,
            random: &random)

        var spouse: Person?
        if hasSpouse {
            let lowest = max(22, head.age - 5, (oldestChild ?? 0) + 18)
            let highest = max(lowest + 4, head.age + 5)
            spouse = makePerson(
                relation: "配偶", stage: .none, isMale: !headIsMale, ages: lowest...highest, slot: headSlot + 1,
                random: &random)
        }
        var parent: Person?
        if hasParent {
            let isMale = random.percent(50)
            let lowest = max(55, head.age + 20)
            parent = makePerson(
                relation: isMale ? "父亲" : "母亲", stage: .none, isMale: isMale, ages: lowest...(lowest + 15),
                slot: firstChildSlot + childCount, random: &random)
        }

        let headSurname = random.element(Names.surnames)
        let spouseSurname = random.element(Names.surnames)
        let childSurname = !headIsMale && hasSpouse ? spouseSurname : headSurname
        let headName = headSurname + Names.givenName(isMale: headIsMale, random: &random)

        var members = [
            Member(
                archiveNumber: archive, name: headName, idNumber: head.idNumber, relation: head.relation,
                schoolStage: .none)
        ]
        if let spouse {
            let name = spouseSurname + Names.givenName(isMale: spouse.isMale, random: &random)
            members.append(
                Member(
                    archiveNumber: archive, name: name, idNumber: spouse.idNumber, relation: spouse.relation,
                    schoolStage: .none))
        }
        for child in children {
            let name = childSurname + Names.givenName(isMale: child.isMale, random: &random)
            members.append(
                Member(
                    archiveNumber: archive, name: name, idNumber: child.idNumber, relation: child.relation,
                    schoolStage: child.stage, school: child.school, note: child.note))
        }
        if let parent {
            // A father shares the head's surname; a mother keeps her own.
            let surname = parent.isMale ? headSurname : random.element(Names.surnames)
            let name = surname + Names.givenName(isMale: parent.isMale, random: &random)
            members.append(
                Member(
                    archiveNumber: archive, name: name, idNumber: parent.idNumber, relation: parent.relation,
                    schoolStage: .none))
        }

        let hasStudent = children.contains { $0.stage.isStudying }
        let cause = makeCause(category: category, hasStudent: hasStudent, random: &random)
        let medicalExpense = makeMedicalExpense(cause: cause, random: &random)
        let annualIncome = makeAnnualIncome(category: category, size: size, random: &random)
        let registeredOn = makeRegistrationDate(random: &random)
        let status = random.weighted([(ArchiveStatus.active, 93), (.exited, 5), (.closed, 2)])
        let employer = random.element(Employers.all)
        let phone = Contacts.mobile(random: &random)
        let bank = random.element(Contacts.banks)
        let household = Household(
            archiveNumber: archive, headName: headName, headIDNumber: head.idNumber,
            workUnit: employer.workUnit, unionName: employer.union, category: category,
            registeredOn: registeredOn, size: size, annualIncome: annualIncome,
            medicalExpense: medicalExpense, cause: cause, phone: phone, bankName: bank.name,
            bankAccount: Contacts.bankAccount(bin: bank.bin, owner: .household, index: index, seed: seed),
            status: status)
        return Family(household: household, members: members)
    }

    private func makeChild(slot: Int, random: inout SplitMix64) -> Person {
        let stage = random.weighted([
            (SchoolStage.none, 15), (.preschool, 10), (.compulsory, 33), (.highSchool, 12), (.vocational, 6),
            (.college, 7), (.undergraduate, 10), (.graduate, 4), (.special, 3),
        ])
        let ages: ClosedRange<Int>
        switch stage {
        // A child not at school is either a toddler or an adult at work or out of it.
        case .none: ages = random.percent(50) ? 1...3 : 19...30
        case .preschool: ages = 3...6
        case .compulsory: ages = 6...15
        case .highSchool, .vocational: ages = 15...18
        case .college, .undergraduate: ages = 18...22
        case .graduate: ages = 22...26
        case .special: ages = 6...18
        }
        var child = makePerson(
            relation: "子女", stage: stage, isMale: random.percent(52), ages: ages, slot: slot, random: &random)
        if stage.isStudying, random.percent(85) {
            child.school = random.element(Schools.names(for: stage))
        }
        // About one college or undergraduate student in 150 is paid by the military.
        if stage == .college || stage == .undergraduate, random.below(150) == 0 {
            let military = random.element(["军校生", "国防生"])
            child.note = military
            if military == "军校生" { child.school = random.element(Schools.military) }
        }
        return child
    }

    /// A person of `ages` (age reached in `year`) whose id number is unique by its slot.
    private func makePerson(
        relation: String, stage: SchoolStage, isMale: Bool, ages: ClosedRange<Int>, slot: Int,
        random: inout SplitMix64
    ) -> Person {
        let identity = Identity(householdSlot: slot, seed: seed)
        let birthYears = (year - ages.upperBound)...(year - ages.lowerBound)
        let birth = identity.birthDate(bornBetween: birthYears, random: &random)
        let idNumber = IDNumber(region: identity.region, birth: birth, sequence: identity.sequence(isMale: isMale))
        return Person(relation: relation, stage: stage, isMale: isMale, idNumber: idNumber, age: year - birth.year)
    }

    private func makeCause(category: HardshipCategory, hasStudent: Bool, random: inout SplitMix64) -> String? {
        if category == .accident {
            return random.element(["意外事故", "重特大疾病"])
        }
        // 子女上学 only where a child studies; elsewhere its share goes to 下岗失业.
        return random.weighted([
            ("重特大疾病", 20), ("下岗失业", 22), (hasStudent ? "子女上学" : "下岗失业", 20), ("残疾", 12),
            ("无劳动能力", 11), ("意外事故", 5), (nil, 10),
        ])
    }

    /// 建档日期 from 2019 (or the first year of earlier aid if earlier) to the end of June of `year`.
    private func makeRegistrationDate(random: inout SplitMix64) -> CalendarDate {
        let first = CalendarDays.number(year: min(2019, year - aidYears), month: 1, day: 1)
        let last = CalendarDays.number(year: year, month: 6, day: 30)
        return CalendarDays.date(number: random.inRange(first...last))
    }

    /// 家庭年纯收入: a per-capita monthly income drawn from a range per category (sample data,
    /// not policy: 深度 stays below a typical 低保), times 12 and the size; three archives in
    /// ten carry fen.
    private func makeAnnualIncome(category: HardshipCategory, size: Int, random: inout SplitMix64) -> Money {
        let monthly: ClosedRange<Int>
        switch category {
        case .deep: monthly = 300...1040
        case .relative: monthly = 1050...2250
        case .accident: monthly = 500...3500
        }
        let wholeYuan = Money.yuan(random.inRange(monthly) * 12 * size)
        return random.percent(30) ? wholeYuan + Money(fen: random.inRange(1...99)) : wholeYuan
    }

    /// 自付医疗费用 for about three archives in ten, mostly those in hardship from illness.
    private func makeMedicalExpense(cause: String?, random: inout SplitMix64) -> Money? {
        let percent =
            switch cause {
            case "重特大疾病": 85
            case "意外事故": 60
            case "残疾": 40
            default: 8
            }
        guard random.percent(percent) else { return nil }
        // Most bills are modest; a few are the large ones of a major illness.
        let yuan = random.percent(70) ? random.inRange(2_000...20_000) : random.inRange(20_001...80_000)
        return .yuan(yuan)
    }
}

// MARK: - Model workers

extension SampleGenerator {
    func makeModelWorker(index: Int) -> ModelWorker {
        var random = SplitMix64(seed: seed, stream: .modelWorker, index: index)
        let level = random.weighted([(HonorLevel.national, 10), (.provincial, 40), (.municipal, 50)])
        let title =
            switch level {
            case .national: random.element(["全国劳动模范", "全国先进工作者", "全国五一劳动奖章获得者"])
            case .provincial: random.element(["山东省劳动模范", "山东省先进工作者", "山东省富民兴鲁劳动奖章获得者"])
            case .municipal: random.element(["青岛市劳动模范", "青岛市先进工作者"])
            }
        let hardship = random.weighted([(ModelWorkerHardship.living, 50), (.special, 20), (.none, 30)])
        let specialCause: SpecialCause? =
            hardship == .special
            ? random.weighted([(SpecialCause.majorIllness, 50), (.disability, 30), (.disaster, 20)]) : nil
        let isMale = random.percent(70)
        let identity = Identity(modelWorkerSlot: index, seed: seed)
        let birth = identity.birthDate(bornBetween: (year - 80)...(year - 40), random: &random)
        let name = random.element(Names.surnames) + Names.givenName(isMale: isMale, random: &random)
        let employer = random.element(Employers.all)
        let annualIncome = Money.yuan(random.inRange(15_000...60_000))
        let phone = Contacts.mobile(random: &random)
        let bank = random.element(Contacts.banks)
        return ModelWorker(
            name: name,
            idNumber: IDNumber(region: identity.region, birth: birth, sequence: identity.sequence(isMale: isMale)),
            level: level, title: title, workUnit: employer.workUnit, annualIncome: annualIncome,
            hardship: hardship, specialCause: specialCause, phone: phone, bankName: bank.name,
            bankAccount: Contacts.bankAccount(bin: bank.bin, owner: .modelWorker, index: index, seed: seed))
    }
}

// MARK: - Earlier aid

extension SampleGenerator {
    private func makeAid(index: Int, family: Family, paidIn aidYear: Int) -> [AidRecord] {
        // A stream of its own, so aid choices never shift the household's data; one per
        // year, the year before `year` keeping the seed's own.
        let yearSeed = seed &+ UInt64(year - 1 - aidYear) &* 0xD1B5_4A32_D192_ED03
        var random = SplitMix64(seed: yearSeed, stream: .aid, index: index)
        let household = family.household
        var records: [AidRecord] = []
        func record(
            _ kind: AidKind, _ amount: Money, on date: CalendarDate, by payer: Payer, student: IDNumber? = nil
        ) {
            records.append(
                AidRecord(
                    idNumber: household.headIDNumber, name: household.headName, kind: kind, amount: amount,
                    paidOn: date, payer: payer, studentIDNumber: student))
        }

        // 春节 生活救助 in January of the year before, for archives open by then.
        let springFestival = CalendarDays.date(number: CalendarDays.number(year: aidYear, month: 1, day: 20))
        if household.status == .active, household.registeredOn < springFestival, random.percent(70) {
            let amount = household.category == .deep ? amounts.deepLiving : amounts.otherLiving
            record(.living, amount, on: springFestival, by: .union)
        }

        // 助学救助 of last September, for students registered by then.
        let lastSeptember = CalendarDays.date(number: CalendarDays.number(year: aidYear, month: 9, day: 10))
        if household.registeredOn < lastSeptember {
            for member in family.members where member.schoolStage.isStudying && !member.isMilitaryStudent {
                guard random.percent(35) else { continue }
                let higher = [.college, .undergraduate, .graduate].contains(member.schoolStage)
                let amount = higher ? amounts.higherEducation : amounts.schoolEducation
                record(.education, amount, on: lastSeptember, by: .union, student: member.idNumber)
            }
        }

        // 医疗救助 on application, some time from February to December of the year before.
        if let expense = household.medicalExpense, random.percent(40) {
            let first = max(
                CalendarDays.number(year: aidYear, month: 2, day: 1),
                CalendarDays.number(household.registeredOn))
            let last = CalendarDays.number(year: aidYear, month: 12, day: 31)
            if first <= last {
                let share = Money.yuan(expense.fen * amounts.medicalPercent / 100 / 100)
                let amount = min(share, amounts.medicalCap)
                if amount > .zero {
                    record(.medical, amount, on: CalendarDays.date(number: random.inRange(first...last)), by: .union)
                }
            }
        }

        // About three households in a hundred are also helped by another agency, sometimes
        // for the same purpose as the union (the case 重复救助 checks look for), late in the
        // year before.
        if random.percent(3) {
            let first = CalendarDays.number(year: aidYear, month: 10, day: 1)
            let last = CalendarDays.number(year: aidYear, month: 12, day: 31)
            let date = CalendarDays.date(number: random.inRange(first...last))
            let amount = Money.yuan(random.inRange(5...30) * 100)
            let agency = random.element(["民政", "妇联", "共青团", "残联"])
            let student = family.members.first { $0.schoolStage.isStudying && !$0.isMilitaryStudent }
            switch agency {
            // 临时救助 or 医疗救助.
            case "民政": record(random.percent(60) ? .living : .medical, amount, on: date, by: .agency(agency))
            // 春蕾计划 and 希望工程 help students; without one, a one-off grant.
            case "妇联", "共青团":
                if let student {
                    record(.education, amount, on: date, by: .agency(agency), student: student.idNumber)
                } else {
                    record(.other, amount, on: date, by: .agency(agency))
                }
            default: record(random.percent(50) ? .living : .other, amount, on: date, by: .agency(agency))
            }
        }
        return records
    }
}

// MARK: - Unique identities

extension SampleGenerator {
    /// Person slots per household: `size` is at most 6.
    fileprivate static let slotsPerHousehold = 6
    /// Residues of the birth day number: at most the days of the narrowest age window.
    fileprivate static let residues = 1024
    /// Sequence halves `q` (sequence = 2q + sex) given to household members: 0..<450.
    fileprivate static let householdSequenceHalves = 450
    /// Sequence halves given to model workers: 450..<500.
    fileprivate static let modelWorkerSequenceHalves = 50
    /// Distinct household-member slots: regions × sequence halves × residues.
    fileprivate static let householdSlotSpace =
        Identity.regions.count * householdSequenceHalves * residues
    /// Distinct model-worker slots: regions × sequence halves × residues.
    fileprivate static let modelWorkerSlotSpace =
        Identity.regions.count * modelWorkerSequenceHalves * residues
}

/// The region, sequence and birth-day residue that make one person's id number unique.
private struct Identity {
    /// 市南, 市北, 黄岛, 崂山, 李沧, 城阳, 即墨, 胶州, 平度, 莱西; then 济南, 淄博, 烟台, 潍坊, 日照.
    // Qingdao's districts first, then cities of Shandong that Qingdao's workers often come
    // from: twenty codes give room for a national-size benchmark (1.5 million households).
    static let regions = [
        370202, 370203, 370211, 370212, 370213, 370214, 370215, 370281, 370283, 370285,
        370102, 370103, 370104, 370105, 370112, 370302, 370602, 370702, 370703, 371102,
    ]

    /// The 6-digit 行政区划代码 the number starts with.
    let region: Int
    /// Half the 3-digit sequence; the sex digit makes up the rest.
    let sequenceHalf: Int
    /// The birth day number modulo `SampleGenerator.residues`.
    let residue: Int

    init(householdSlot slot: Int, seed: UInt64) {
        self.init(
            slot: slot, space: SampleGenerator.householdSlotSpace, halfBits: 12, seed: seed,
            halves: SampleGenerator.householdSequenceHalves, firstHalf: 0)
    }

    init(modelWorkerSlot slot: Int, seed: UInt64) {
        self.init(
            slot: slot, space: SampleGenerator.modelWorkerSlotSpace, halfBits: 10, seed: seed,
            halves: SampleGenerator.modelWorkerSequenceHalves, firstHalf: SampleGenerator.householdSequenceHalves)
    }

    private init(slot: Int, space: Int, halfBits: Int, seed: UInt64, halves: Int, firstHalf: Int) {
        // Scrambled so that neighbouring slots get unrelated regions, sequences and birthdays.
        let scrambled = Identity.permute(slot, below: space, halfBits: halfBits, seed: seed)
        region = Identity.regions[scrambled % Identity.regions.count]
        sequenceHalf = firstHalf + scrambled / Identity.regions.count % halves
        residue = scrambled / (Identity.regions.count * halves)
    }

    /// A seeded permutation of `0..<space`: a four-round Feistel network on `2 · halfBits`
    /// bits (itself a permutation), applied again while the result is out of range ("cycle
    /// walking"). The walk stays on the cycle of `value`, which is in range, so it ends;
    /// with `space` above a quarter of `2^(2 · halfBits)` it takes under four steps on average.
    static func permute(_ value: Int, below space: Int, halfBits: Int, seed: UInt64) -> Int {
        let mask = UInt64(1) << UInt64(halfBits) - 1
        var current = UInt64(value)
        repeat {
            var left = current >> UInt64(halfBits)
            var right = current & mask
            for round in UInt64(0)..<4 {
                let keyed = SplitMix64.mix(seed ^ (round << 32) ^ right)
                (left, right) = (right, left ^ (keyed & mask))
            }
            current = left << UInt64(halfBits) | right
        } while current >= UInt64(space)
        return Int(current)
    }

    /// The 3-digit sequence: odd for men, as GB 11643 has it.
    func sequence(isMale: Bool) -> Int { sequenceHalf * 2 + (isMale ? 1 : 0) }

    /// A birth date in the given birth years whose day number has this identity's residue.
    ///
    /// The years span at least three (1095 days ≥ 1024 residues), so at least one such day exists.
    func birthDate(bornBetween years: ClosedRange<Int>, random: inout SplitMix64) -> CalendarDate {
        let modulus = SampleGenerator.residues
        let first = CalendarDays.number(year: years.lowerBound, month: 1, day: 1)
        let last = CalendarDays.number(year: years.upperBound, month: 12, day: 31)
        let firstMatching = first + ((residue - first) % modulus + modulus) % modulus
        let choices = (last - firstMatching) / modulus + 1
        return CalendarDays.date(number: firstMatching + random.below(choices) * modulus)
    }
}

// MARK: - Calendar arithmetic

/// Days counted from 1970-01-01, for drawing dates and birth-day residues with integers only.
private enum CalendarDays {
    /// The day number of a real date (H. Hinnant's `days_from_civil`).
    static func number(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day number of `date`.
    static func number(_ date: CalendarDate) -> Int { number(year: date.year, month: date.month, day: date.day) }

    /// The date of a day number. Every number the generator passes lies between 1900 and
    /// 9999 (`supportedYears`), so the date exists.
    static func date(number: Int) -> CalendarDate {
        CalendarDate(daysSince1970: number)!
    }
}

// MARK: - Pseudo-random numbers

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and identical on every platform,
/// unlike `SystemRandomNumberGenerator` or the standard library's range sampling.
private struct SplitMix64 {
    /// Separate streams for one index, so adding a choice to one never shifts another.
    /// The raw values spell `house`, `model` and `aid` in ASCII.
    enum Stream: UInt64 {
        case household = 0x68_6F_75_73_65
        case modelWorker = 0x6D_6F_64_65_6C
        case aid = 0x61_69_64
    }

    /// Advanced by the golden-ratio increment at each draw.
    private var state: UInt64

    /// The generator for item `index` of `stream`: depends on nothing but these three.
    init(seed: UInt64, stream: Stream, index: Int) {
        state = SplitMix64.mix(SplitMix64.mix(seed ^ stream.rawValue) &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// SplitMix64's finaliser: scatters the bits of `value`, a bijection on UInt64.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 pseudo-random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state &- 0x9E37_79B9_7F4A_7C15)
    }

    /// A number in `0..<count` (multiply-high; the bias is far below anything a sample shows).
    mutating func below(_ count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// A number in `range`, every value equally likely.
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True `chance` times in a hundred.
    mutating func percent(_ chance: Int) -> Bool { below(100) < chance }

    /// One of `elements`, which must not be empty.
    mutating func element<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    /// One of the values, each as likely as its weight.
    mutating func weighted<Value>(_ choices: [(Value, Int)]) -> Value {
        var ticket = below(choices.reduce(0) { $0 + $1.1 })
        for (value, weight) in choices {
            if ticket < weight { return value }
            ticket -= weight
        }
        return choices[choices.count - 1].0
    }
}

// MARK: - Word lists

/// Chinese names: a common surname and one or two given-name characters.
private enum Names {
    /// The most common surnames, Shandong's first (王, 张, 李, 刘 lead there).
    static let surnames = [
        "王", "张", "李", "刘", "孙", "杨", "陈", "赵", "徐", "于", "高", "马", "姜", "宋", "郭", "周", "吴", "林",
        "曲", "宫", "薛", "隋", "董", "韩", "崔", "曹", "袁", "冯", "黄", "范", "朱", "胡", "梁", "邵", "修", "綦",
    ]
    /// Given-name characters mostly given to boys.
    static let maleCharacters = Array("伟强军磊勇建国明涛斌鹏辉刚杰峰超浩亮波华东志宏俊鑫晨宇豪洋博文健")
    /// Given-name characters mostly given to girls.
    static let femaleCharacters = Array("芳娜敏静丽艳霞娟英红玲燕梅莉婷雪琳倩颖慧佳欣怡萍晶洁琴蕾瑶悦")
    /// Characters either may carry, used as the first of two.
    static let neutralCharacters = Array("海平春秋晓金玉云一子新安")

    /// One or (four times in five) two given-name characters.
    static func givenName(isMale: Bool, random: inout SplitMix64) -> String {
        let own = isMale ? maleCharacters : femaleCharacters
        let last = random.element(own)
        guard random.percent(80) else { return String(last) }
        let first = random.percent(40) ? random.element(neutralCharacters) : random.element(own)
        return String([first, last])
    }
}

/// Qingdao employers whose workers have hardship archives.
private enum Employers {
    /// 工作单位 and the 所属工会 that files its workers' archives.
    static let all: [(workUnit: String, union: String)] = [
        ("青岛港集团", "青岛港集团工会"),
        ("海尔集团", "海尔集团工会"),
        ("海信集团", "海信集团工会"),
        ("青岛啤酒股份有限公司", "青岛啤酒股份有限公司工会"),
        ("中车青岛四方机车车辆股份有限公司", "中车四方股份公司工会"),
        ("青岛地铁集团有限公司", "青岛地铁集团工会"),
        ("青岛城运控股集团", "青岛城运控股集团工会"),
        ("双星集团", "双星集团工会"),
        ("澳柯玛股份有限公司", "澳柯玛股份有限公司工会"),
        ("青岛国信集团", "青岛国信集团工会"),
        ("青岛市市立医院", "市卫生健康系统工会"),
        ("青岛市市政公用事业服务中心", "市直机关工会"),
        ("青岛市民政局", "市直机关工会"),
        ("青岛第二中学", "市教育工会"),
        ("市南区环境卫生服务中心", "市南区总工会"),
        ("青岛利群商厦", "市北区总工会"),
        ("青岛西海岸新区某物流有限公司", "西海岸新区总工会"),
        ("城阳区某食品有限公司", "城阳区总工会"),
        ("即墨区某服装有限公司", "即墨区总工会"),
        ("胶州市某机械厂", "胶州市总工会"),
    ]
}

/// Schools in and around Qingdao, by stage.
private enum Schools {
    /// Military academies: a 军校生 studies at one of these.
    static let military = ["海军潜艇学院", "海军航空大学", "陆军工程大学"]

    /// Schools a student at `stage` may attend; none for `.none`.
    static func names(for stage: SchoolStage) -> [String] {
        switch stage {
        case .none: []
        case .preschool: ["市南区实验幼儿园", "市北区第一幼儿园", "崂山区第二实验幼儿园", "李沧区实验幼儿园"]
        case .compulsory: ["青岛市实验小学", "青岛嘉峪关学校", "青岛第五十九中学", "青岛超银中学", "即墨区第一实验小学"]
        case .highSchool: ["青岛第二中学", "青岛第九中学", "青岛第十七中学", "青岛第五十八中学", "胶州市第一中学"]
        case .vocational: ["青岛电子学校", "青岛旅游学校", "青岛交通职业学校", "青岛城市管理职业学校"]
        case .college: ["青岛职业技术学院", "青岛酒店管理职业技术学院", "青岛港湾职业技术学院", "山东商务职业学院"]
        case .undergraduate: ["中国海洋大学", "青岛大学", "青岛科技大学", "青岛理工大学", "山东科技大学", "山东大学"]
        case .graduate: ["中国海洋大学", "青岛大学", "山东大学", "中国石油大学（华东）"]
        case .special: ["青岛市盲校", "青岛市中心聋校", "青岛市特殊教育中心"]
        }
    }
}

/// Phones and bank accounts.
private enum Contacts {
    /// 开户银行 and a card BIN it issues (the first six digits of its debit cards).
    static let banks: [(name: String, bin: String)] = [
        ("中国工商银行青岛分行", "622202"),
        ("中国建设银行", "621700"),
        ("青岛农商银行", "623165"),
        ("中国农业银行", "622848"),
        ("中国银行", "621661"),
    ]

    /// The first three digits of mainland mobile numbers.
    static let mobilePrefixes = [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188",
        "189", "198", "199",
    ]

    /// An 11-digit mainland mobile number.
    static func mobile(random: inout SplitMix64) -> String {
        random.element(mobilePrefixes) + zeroPadded(random.below(100_000_000), width: 8)
    }

    /// Whose account it is: the digit after the BIN keeps the two groups apart.
    enum Owner: Int {
        case household = 0
        case modelWorker = 1
    }

    /// A 19-digit card number passing Luhn, unique per owner: BIN, an owner digit, the
    /// index scrambled over 11 digits, check digit. `(a · index + c) mod 10^11` is a
    /// permutation because `a` is coprime to 10, so two indexes never share a number.
    static func bankAccount(bin: String, owner: Owner, index: Int, seed: UInt64) -> String {
        let modulus: UInt64 = 100_000_000_000
        let offset = SplitMix64.mix(seed ^ UInt64(owner.rawValue)) % modulus
        // index < 10^6, so the product stays far below 2^64.
        let scrambled = (UInt64(index) * 61_803_398_871 + offset) % modulus
        // Padded by hand: 11 digits overflow `Int` on 32-bit platforms.
        let digits = String(scrambled)
        let payload = bin + String(owner.rawValue) + String(repeating: "0", count: 11 - digits.count) + digits
        return payload + String(luhnCheckDigit(payload))
    }

    /// The digit that makes `payload` + digit pass the Luhn check.
    static func luhnCheckDigit(_ payload: String) -> Int {
        var sum = 0
        for (offset, scalar) in payload.unicodeScalars.reversed().enumerated() {
            let digit = Int(scalar.value) - 48
            // Counting from the check digit, the payload's last digit is doubled.
            if offset % 2 == 0 {
                sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}
