/// spec §7 `eligibility_accuracy`: whether the recipient of a paid entry still meets the
/// batch's policy on today's records — the form's 对象界定准确率, the share of people aided
/// who were rightly aided.
public enum EligibilityRecheck {
    /// A household's entry: the archive still 在档 (spec §4's candidates) and, for the kinds
    /// under the income cap, room under multiple × the batch's 低保 for at least one whole
    /// yuan, the least `BatchCalculator` pays. The room is that of the household's own
    /// income (家庭年纯收入), before aid: the aid being checked is in the year's total itself,
    /// and counting it would fail every household the batch filled to the cap. An archive no
    /// longer on file fails. `AmountOverflow` for an archive whose numbers leave an `Int`
    /// of fen (a database edited by hand).
    public static func household(kind: BatchKind, archive: ArchiveNow?, policy: Policy, dibao: Money) throws(AmountOverflow) -> Bool {
        guard let archive, archive.status == .active else { return false }
        guard kind.isIncomeCapped else { return true }
        let ceiling = try policy.incomeCap.yearlyCeiling(dibao: dibao, size: archive.size)
        return try ceiling.subtracting(archive.annualIncome) >= .yuan(1)
    }

    /// A model worker's entry: still on the roll with the hardship the batch paid for (any,
    /// for 送温暖), and for 生活困难 an income still below the standard line.
    public static func modelWorker(kind: BatchKind, worker: ModelWorkerNow?, policy: Policy) -> Bool {
        guard let worker else { return false }
        switch kind {
        case .modelWorkerLiving: return worker.hardship == .living && worker.annualIncome < policy.modelWorker.standardLine
        case .modelWorkerSpecial: return worker.hardship == .special
        case .warmth: return true
        case .living, .education, .medical: return false
        }
    }

    /// What the re-check reads of an archive today.
    public struct ArchiveNow: Sendable {
        public var status: ArchiveStatus
        public var annualIncome: Money
        public var size: Int
        public init(status: ArchiveStatus, annualIncome: Money, size: Int) {
            self.status = status
            self.annualIncome = annualIncome
            self.size = size
        }
    }

    /// What the re-check reads of a model worker today.
    public struct ModelWorkerNow: Sendable {
        public var hardship: ModelWorkerHardship
        public var annualIncome: Money
        public init(hardship: ModelWorkerHardship, annualIncome: Money) {
            self.hardship = hardship
            self.annualIncome = annualIncome
        }
    }
}
