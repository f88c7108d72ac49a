import BangfuCore
import Testing

/// `eligibility_accuracy`'s re-check of a paid entry against today's records (spec §7).
struct EligibilityRecheckTests {
    let policy = Qingdao.policy()
    let dibao = Money.yuan(1045)  // 002:2201

    func archive(_ status: ArchiveStatus = .active, income: Money, size: Int) -> EligibilityRecheck.ArchiveNow {
        .init(status: status, annualIncome: income, size: size)
    }

    @Test func aHouseholdMeetsThePolicyWhileAWholeYuanFitsUnderTheIncomeCap() throws {
        // 2.1 × 1045 = 2194.5 yuan a person a month (the cap rule, 002:2227; the January 低保, 002:2201): 3 people, 12 months.
        let cap = Money(fen: 219_450 * 12 * 3)
        #expect(try EligibilityRecheck.household(kind: .living, archive: archive(income: cap - .yuan(1), size: 3), policy: policy, dibao: dibao))
        #expect(try !EligibilityRecheck.household(kind: .living, archive: archive(income: cap - Money(fen: 99), size: 3), policy: policy, dibao: dibao))
        #expect(try !EligibilityRecheck.household(kind: .education, archive: archive(income: cap, size: 3), policy: policy, dibao: dibao))
    }

    @Test func aHouseholdThatLeftHardshipOrIsGoneNoLongerMeetsIt() throws {
        #expect(try !EligibilityRecheck.household(kind: .living, archive: archive(.exited, income: .zero, size: 3), policy: policy, dibao: dibao))
        #expect(try !EligibilityRecheck.household(kind: .warmth, archive: nil, policy: policy, dibao: dibao))
    }

    @Test func warmthHasNoIncomeCap() throws {
        #expect(try EligibilityRecheck.household(kind: .warmth, archive: archive(income: .yuan(1_000_000), size: 1), policy: policy, dibao: dibao))
    }

    @Test func aModelWorkerMustKeepTheHardshipAndForLivingStayBelowTheStandardLine() {
        let line = policy.modelWorker.standardLine
        func worker(_ hardship: ModelWorkerHardship, income: Money) -> EligibilityRecheck.ModelWorkerNow { .init(hardship: hardship, annualIncome: income) }
        #expect(EligibilityRecheck.modelWorker(kind: .modelWorkerLiving, worker: worker(.living, income: line - Money(fen: 1)), policy: policy))
        #expect(!EligibilityRecheck.modelWorker(kind: .modelWorkerLiving, worker: worker(.living, income: line), policy: policy))
        #expect(!EligibilityRecheck.modelWorker(kind: .modelWorkerSpecial, worker: worker(.living, income: .zero), policy: policy))
        #expect(EligibilityRecheck.modelWorker(kind: .warmth, worker: worker(.none, income: line * 2), policy: policy))
        #expect(!EligibilityRecheck.modelWorker(kind: .warmth, worker: nil, policy: policy))
    }
}
