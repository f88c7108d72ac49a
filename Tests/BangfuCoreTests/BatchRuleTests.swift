import Testing

@testable import BangfuCore

struct LivingAidTests {
    @Test func deepHardshipGetsSixMonthsOfDibaoRoundedDownToSixThousand() throws {
        // 002:2199–2203 — 6 × 1045 = 6270, 取整 6000.
        let entries = try Qingdao.calculator(.living, on: "2024-01-15").entries(for: Qingdao.household(.deep, size: 3, income: 12000), members: [])
        #expect(entries.map(\.amount) == [.yuan(6000)])
        #expect(entries[0].reasons[0] == "深度困难：6个月×低保1045元=6270元，按1000元取整为6000元")
    }

    @Test func relativeHardshipGetsFourMonthsRoundedDownToFourThousand() throws {
        // 002:2199–2203 — 4 × 1045 = 4180, 取整 4000.
        let entries = try Qingdao.calculator(.living, on: "2024-01-15").entries(for: Qingdao.household(.relative, size: 3, income: 40000), members: [])
        #expect(entries.map(\.amount) == [.yuan(4000)])
    }

    @Test func theDibaoChangesOnItsEffectiveDay() throws {
        let household = Qingdao.household(.deep, size: 3, income: 12000)
        #expect(try Qingdao.calculator(.living, on: "2024-06-30").dibao == .yuan(1045))
        #expect(try Qingdao.calculator(.living, on: "2024-07-01").dibao == .yuan(1115))
        // 6 × 1115 = 6690 → 6000.
        #expect(try Qingdao.calculator(.living, on: "2024-07-01").entries(for: household, members: []).map(\.amount) == [.yuan(6000)])
    }

    @Test func aBatchOnTheLeapDayUsesThatDaysDibaoAndTheYearsLimit() throws {
        // 2024-02-29 is a batch date like any other (2023-02-29 is none); the year's limit still holds.
        let household = Qingdao.household(.deep, size: 3, income: 12000)
        var earlier = EarlierAid()
        try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .living, amount: .yuan(12540), paidOn: Qingdao.date("2024-02-28"), payer: .union))
        let calculator = try Qingdao.calculator(.living, on: "2024-02-29", earlier: earlier)
        #expect(calculator.dibao == .yuan(1045))
        #expect(try calculator.entries(for: household, members: []).map(\.isEligible) == [false])
        #expect(CalendarDate("2023-02-29") == nil)
    }

    @Test func livingAidIsCutToWhatIsLeftOfTheAnnualLimit() throws {
        // 12 × 1045 = 12540 a year for deep hardship; 9000 already paid leaves 3540.
        let household = Qingdao.household(.deep, size: 3, income: 12000)
        var earlier = EarlierAid()
        try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .living, amount: .yuan(9000), paidOn: Qingdao.date("2024-01-10"), payer: .union))
        let entry = try Qingdao.calculator(.living, on: "2024-02-01", earlier: earlier).entries(for: household, members: [])[0]
        #expect(entry.amount == .yuan(3540))
        #expect(entry.reasons.contains("核减至3540元"))
    }

    @Test func aPersonListedTwiceInAHouseholdCountsOnceAgainstTheLimit() throws {
        // The head also listed as a member: 9000 already paid is still 9000, leaving 3540 of 12540.
        let household = Qingdao.household(.deep, size: 3, income: 12000)
        var earlier = EarlierAid()
        try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .living, amount: .yuan(9000), paidOn: Qingdao.date("2024-01-10"), payer: .union))
        try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .warmth, amount: .yuan(500), paidOn: Qingdao.date("2024-01-10"), payer: .union))
        #expect(try earlier.paid(to: [household.headIDNumber, household.headIDNumber]).sum(.living, .warmth) == .yuan(9500))
        let head = Member(archiveNumber: household.archiveNumber, name: "王建国", idNumber: household.headIDNumber, relation: "本人", schoolStage: .none)
        let entry = try Qingdao.calculator(.living, on: "2024-02-01", earlier: earlier).entries(for: household, members: [head])[0]
        #expect(entry.amount == .yuan(3540))
    }

    @Test func aidAlreadyAtTheAnnualLimitGivesNothing() throws {
        let household = Qingdao.household(.relative, size: 3, income: 30000)
        var earlier = EarlierAid()
        try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .living, amount: .yuan(8360), paidOn: Qingdao.date("2024-01-10"), payer: .union))
        let entry = try Qingdao.calculator(.living, on: "2024-03-01", earlier: earlier).entries(for: household, members: [])[0]
        #expect(!entry.isEligible)
    }

    @Test func livingAidIsCutToTheIncomeCap() throws {
        // 2.1 × 1045 = 2194.5 a person a month; 2 people → 52668 a year. Income 50000 leaves 2668.
        let entry = try Qingdao.calculator(.living, on: "2024-01-15").entries(for: Qingdao.household(.relative, size: 2, income: 50000), members: [])[0]
        #expect(entry.amount == .yuan(2668))
        #expect(entry.reasons.last == "救助后人均月收入上限2.1×1045=2194.5元，可救助余额2668元，核减至2668元")
        // The numbers the room comes from, for the auditor (domain.md: the income, the earlier aid, each cut).
        #expect(entry.reasons.dropLast().last == "家庭年纯收入50000元，家庭人口2人，本年已获工会生活、助学、医疗救助0元")
    }

    @Test func incomeExactlyAtTheCapAfterAidIsStillWhole() throws {
        // 52668 − 4000 = 48668: after 4000 the income is exactly 2194.5 a person a month.
        let entry = try Qingdao.calculator(.living, on: "2024-01-15").entries(for: Qingdao.household(.relative, size: 2, income: 48668), members: [])[0]
        #expect(entry.amount == .yuan(4000))
    }

    @Test func excludeModeGivesNothingInsteadOfCutting() throws {
        let entry = try Qingdao.calculator(.living, on: "2024-01-15", mode: .exclude).entries(for: Qingdao.household(.relative, size: 2, income: 50000), members: [])[0]
        #expect(!entry.isEligible)
    }

    @Test func onlyActiveArchivesAreCandidates() throws {
        var household = Qingdao.household(.deep, size: 3, income: 12000)
        household.status = .exited
        #expect(try Qingdao.calculator(.living, on: "2024-01-15").entries(for: household, members: []).isEmpty)
    }

    @Test func theCapMultipleIsExact() throws {
        // 002:2227 — 1115 × 2.1 = 2341.5.
        let multiple = ExactDecimal("2.1")!
        #expect(try multiple.exactlyTimes(.yuan(1115)) == (numerator: 2_341_500, denominator: 10))
        #expect(try multiple.times(.yuan(1115)) == Money(fen: 234_150))
        #expect(try multiple.times(.yuan(1045)) == Money(fen: 219_450))
    }
}

struct EducationAidTests {
    @Test("002:2215–2225 — the limit by stage and category", arguments: [
        (SchoolStage.preschool, HardshipCategory.deep, 3000), (.compulsory, .relative, 3000), (.highSchool, .deep, 5000),
        (.vocational, .relative, 5000), (.college, .deep, 10000), (.undergraduate, .relative, 8000), (.graduate, .accident, 8000),
        (.special, .deep, 10000),
    ])
    func eachStageGetsItsLimit(stage: SchoolStage, category: HardshipCategory, yuan: Int) throws {
        let entries = try Qingdao.calculator(.education, on: "2024-09-01").entries(for: Qingdao.household(category, size: 3, income: 10000), members: [Qingdao.student(stage, 1)])
        #expect(entries.map(\.amount) == [.yuan(yuan)])
        #expect(entries[0].studentIDNumber == Qingdao.student(stage, 1).idNumber)
    }

    @Test func militaryStudentsGetNoUnionEducationAid() throws {
        let entries = try Qingdao.calculator(.education, on: "2024-09-01").entries(
            for: Qingdao.household(.deep, size: 3, income: 10000), members: [Qingdao.student(.undergraduate, 1, note: "军校生")])
        #expect(entries.count == 1)
        #expect(!entries[0].isEligible)
    }

    @Test func threeStudentsShareTheRoomHigherStagesFirst() throws {
        // Cap with 1115: 2341.5 × 12 × 4 = 112392 a year; income 95000 leaves 17392.
        let members = [Qingdao.student(.compulsory, 1), Qingdao.student(.undergraduate, 2), Qingdao.student(.highSchool, 3)]
        let entries = try Qingdao.calculator(.education, on: "2024-09-01").entries(for: Qingdao.household(.deep, size: 4, income: 95000), members: members)
        #expect(entries.map(\.studentIDNumber) == [members[1].idNumber, members[2].idNumber, members[0].idNumber])
        #expect(entries.map(\.amount) == [.yuan(10000), .yuan(5000), .yuan(2392)])
    }

    @Test func whatAStudentGotThisYearIsDeducted() throws {
        let student = Qingdao.student(.highSchool, 1)
        let household = Qingdao.household(.relative, size: 3, income: 10000)
        var earlier = EarlierAid()
        try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .education, amount: .yuan(2000), paidOn: Qingdao.date("2024-03-01"), payer: .union, studentIDNumber: student.idNumber))
        let entries = try Qingdao.calculator(.education, on: "2024-09-01", earlier: earlier).entries(for: household, members: [student])
        #expect(entries.map(\.amount) == [.yuan(3000)])
    }
}

struct OtherAidTests {
    @Test func medicalAidIsTheRatioOfOwnCostsCappedByTheYear() throws {
        let entries = try Qingdao.calculator(.medical, on: "2024-05-01").entries(for: Qingdao.household(.deep, size: 3, income: 10000, medical: 50000), members: [])
        #expect(entries.map(\.amount) == [.yuan(20000)])
        let small = try Qingdao.calculator(.medical, on: "2024-05-01").entries(for: Qingdao.household(.deep, size: 3, income: 10000, medical: 3001), members: [])
        #expect(small.map(\.amount) == [Money(fen: 150_050)])
    }

    @Test func householdsWithoutMedicalCostsAreNoCandidates() throws {
        #expect(try Qingdao.calculator(.medical, on: "2024-05-01").entries(for: Qingdao.household(.deep, size: 3, income: 10000), members: []).isEmpty)
    }

    func worker(_ hardship: ModelWorkerHardship, income: Int, cause: SpecialCause? = nil) -> ModelWorker {
        ModelWorker(name: "张志强", idNumber: Qingdao.id(born: 1960, 7), level: .municipal, title: "青岛市劳动模范", workUnit: "", annualIncome: .yuan(income),
                    hardship: hardship, specialCause: cause, phone: "", bankName: "", bankAccount: "")
    }

    @Test func theModelWorkerSubsidyIsTheGapToTheStandardLine() throws {
        // 002:1817–1819 — standard line − own annual income.
        let entries = try Qingdao.calculator(.modelWorkerLiving, on: "2024-11-01").entries(for: worker(.living, income: 30000))
        #expect(entries.map(\.amount) == [.yuan(12000)])
        #expect(try Qingdao.calculator(.modelWorkerLiving, on: "2024-11-01").entries(for: worker(.living, income: 45000)).map(\.isEligible) == [false])
        #expect(try Qingdao.calculator(.modelWorkerLiving, on: "2024-11-01").entries(for: worker(.none, income: 30000)).isEmpty)
    }

    @Test func allModelWorkerAidOfTheYearIsCappedTogether() throws {
        let sick = worker(.special, income: 30000, cause: .majorIllness)
        var earlier = EarlierAid()
        try earlier.add(AidRecord(idNumber: sick.idNumber, name: sick.name, kind: .modelWorkerLiving, amount: .yuan(18000), paidOn: Qingdao.date("2024-10-01"), payer: .union))
        let entries = try Qingdao.calculator(.modelWorkerSpecial, on: "2024-11-01", earlier: earlier).entries(for: sick)
        #expect(entries.map(\.amount) == [.yuan(12000)])
    }

    @Test func warmthPaysTheFixedAmountToHeadsAndModelWorkers() throws {
        let calculator = try Qingdao.calculator(.warmth, on: "2024-01-20")
        #expect(try calculator.entries(for: Qingdao.household(.relative, size: 2, income: 90000), members: []).map(\.amount) == [.yuan(3000)])
        #expect(try calculator.entries(for: worker(.none, income: 60000)).map(\.amount) == [.yuan(1000)])
    }

    @Test func aBatchBeforeTheFirstDibaoCannotBeComputed() {
        #expect(throws: BatchRuleError.noDibao(date: Qingdao.date("2023-01-01"), policyID: "qingdao-2024")) {
            try Qingdao.calculator(.living, on: "2023-01-01")
        }
    }
}

/// For any generated household: in reduce mode the post-aid per-capita monthly income
/// never exceeds multiple × 低保, and no amount exceeds its annual limit.
struct BatchPropertyTests {
    @Test func reducedAidNeverLiftsAHouseholdOverTheCapNorPastTheYearsLimit() throws {
        var generator = SplitMix(seed: 7)
        for _ in 0..<3000 {
            let category = HardshipCategory.allCases[Int(generator.next() % 3)]
            let size = 1 + Int(generator.next() % 6)
            let income = Int(generator.next() % 150_000)
            let household = Qingdao.household(category, size: size, income: income, medical: Int(generator.next() % 60_000) + 1)
            let day = ["2024-01-15", "2024-07-01", "2024-09-01", "2024-02-29"][Int(generator.next() % 4)]
            var earlier = EarlierAid()
            let paid = Int(generator.next() % 9000)
            try earlier.add(AidRecord(idNumber: household.headIDNumber, name: "王建国", kind: .living, amount: .yuan(paid), paidOn: Qingdao.date("2024-01-02"), payer: .union))
            let students = (0..<Int(generator.next() % 4)).map { Qingdao.student(SchoolStage.allCases[1 + Int(generator.next() % 8)], $0) }
            for kind in [BatchKind.living, .education, .medical] {
                let calculator = try Qingdao.calculator(kind, on: day, earlier: earlier)
                let entries = try calculator.entries(for: household, members: students)
                let total = entries.reduce(Money.zero) { $0 + $1.amount }
                // income + earlier + this batch ≤ 12 × size × 2.1 × 低保 (in fen, × 10 for the one decimal)
                let after = household.annualIncome.fen + paid * 100 + total.fen
                let ceilingTimesTen = 21 * calculator.dibao.fen * 12 * size
                if total > .zero { #expect(after * 10 <= ceilingTimesTen, "\(kind) \(household) \(entries)") }
                for entry in entries { #expect(entry.amount.fen >= 0) }
                if kind == .living {
                    let limit = calculator.dibao * (calculator.policy.living.annualMaxMonths[category] ?? 0)
                    #expect(total.fen + paid * 100 <= max(limit.fen, paid * 100))
                }
                if kind == .medical { #expect(total <= calculator.policy.medical.annualMax) }
            }
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
