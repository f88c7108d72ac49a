/// One region's aid standards (spec §4), read from `policies/*.toml`. Every number a rule
/// uses comes from here; none is written in code.
public struct Policy: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The documents the standards come from, e.g. `青工办〔2021〕17号`.
    public var basis: [String]
    /// 城市居民最低生活保障标准 per person per month, each from its effective date; sorted.
    public var dibao: [DibaoPeriod]
    public var incomeCap: IncomeCap
    public var living: Living
    public var education: Education
    public var medical: Medical
    public var modelWorker: ModelWorkerStandards
    public var warmth: Warmth
    /// Review stages required before approval; empty when the file has no `[workflow]`.
    public var reviews: [ReviewStage]
    /// The 相对困难 line as a multiple of 低保, for the income check of a 困难类别
    /// (`HardshipClassification`); nil when the file has no `[classification]` table.
    public var relativeHardshipMultiple: ExactDecimal?

    public init(
        id: String, name: String, basis: [String], dibao: [DibaoPeriod], incomeCap: IncomeCap, living: Living,
        education: Education, medical: Medical, modelWorker: ModelWorkerStandards, warmth: Warmth, reviews: [ReviewStage],
        relativeHardshipMultiple: ExactDecimal? = nil
    ) {
        self.id = id
        self.name = name
        self.basis = basis
        self.dibao = dibao.sorted { $0.from < $1.from }
        self.incomeCap = incomeCap
        self.living = living
        self.education = education
        self.medical = medical
        self.modelWorker = modelWorker
        self.warmth = warmth
        self.reviews = reviews
        self.relativeHardshipMultiple = relativeHardshipMultiple
    }

    /// One 低保 level and the day it took effect.
    public struct DibaoPeriod: Hashable, Sendable {
        public var from: CalendarDate
        public var monthly: Money
        public init(from: CalendarDate, monthly: Money) {
            self.from = from
            self.monthly = monthly
        }
    }

    /// What happens when aid would lift a household over the income cap.
    public enum CapMode: String, Hashable, Sendable, CaseIterable {
        /// Cut the amount to fit, rounded down to whole yuan.
        case reduce
        /// Give nothing.
        case exclude
    }

    /// 002:2203–2205 — after aid, per-capita monthly income ≤ multiple × 低保.
    public struct IncomeCap: Hashable, Sendable {
        public var multiple: ExactDecimal
        public var mode: CapMode
        public init(multiple: ExactDecimal, mode: CapMode) {
            self.multiple = multiple
            self.mode = mode
        }

        /// The largest yearly household income, in whole fen, that keeps income ÷ 12 ÷ `size`
        /// within multiple × `dibao`; `AmountOverflow` for a size no file allows (a database
        /// edited by hand).
        public func yearlyCeiling(dibao: Money, size: Int) throws(AmountOverflow) -> Money {
            let (numerator, denominator) = try multiple.exactlyTimes(dibao)
            let (months, overflow) = size.multipliedReportingOverflow(by: 12)
            guard !overflow else { throw AmountOverflow() }
            return Money(fen: try Money(fen: numerator).multiplied(by: months).fen / denominator)
        }
    }

    /// 生活救助 in months of 低保 (002:2189–2205).
    public struct Living: Hashable, Sendable {
        public var annualMaxMonths: [HardshipCategory: Int]
        public var batchMonths: [HardshipCategory: Int]
        /// Amounts are rounded down to a multiple of this (`round_down_to` in the policy file).
        public var roundDownTo: Money
        public init(annualMaxMonths: [HardshipCategory: Int], batchMonths: [HardshipCategory: Int], roundDownTo: Money) {
            self.annualMaxMonths = annualMaxMonths
            self.batchMonths = batchMonths
            self.roundDownTo = roundDownTo
        }
    }

    /// 助学救助 per student per calendar year (002:2213–2225).
    public struct Education: Hashable, Sendable {
        public var preschool: Money
        public var compulsory: Money
        /// 高中 and 中职.
        public var highSchool: Money
        /// 大学专科, 大学本科, 研究生, by the household's category.
        public var higher: [HardshipCategory: Money]
        /// 特殊教育, by category.
        public var special: [HardshipCategory: Money]
        public init(preschool: Money, compulsory: Money, highSchool: Money, higher: [HardshipCategory: Money], special: [HardshipCategory: Money]) {
            self.preschool = preschool
            self.compulsory = compulsory
            self.highSchool = highSchool
            self.higher = higher
            self.special = special
        }

        /// The yearly limit for a student at `stage` in a household of `category`; nil when not a student.
        public func limit(for stage: SchoolStage, category: HardshipCategory) -> Money? {
            switch stage {
            case .none: nil
            case .preschool: preschool
            case .compulsory: compulsory
            case .highSchool, .vocational: highSchool
            case .college, .undergraduate, .graduate: higher[category]
            case .special: special[category]
            }
        }
    }

    /// 医疗救助: a share of 自付医疗费用, capped per household per year.
    public struct Medical: Hashable, Sendable {
        public var ratio: ExactDecimal
        public var annualMax: Money
        public init(ratio: ExactDecimal, annualMax: Money) {
            self.ratio = ratio
            self.annualMax = annualMax
        }
    }

    /// 劳模 standards (002:1815–1822, 2440–2450).
    public struct ModelWorkerStandards: Hashable, Sendable {
        /// 标准线: last year's average enterprise pension, yuan per year.
        public var standardLine: Money
        public var standardLineFrom: CalendarDate
        /// All 劳模 aid to one person in a calendar year together.
        public var annualMax: Money
        public var special: [SpecialCause: Money]
        public init(standardLine: Money, standardLineFrom: CalendarDate, annualMax: Money, special: [SpecialCause: Money]) {
            self.standardLine = standardLine
            self.standardLineFrom = standardLineFrom
            self.annualMax = annualMax
            self.special = special
        }
    }

    /// 送温暖 per person per visit.
    public struct Warmth: Hashable, Sendable {
        public var worker: Money
        public var modelWorker: Money
        public init(worker: Money, modelWorker: Money) {
            self.worker = worker
            self.modelWorker = modelWorker
        }
    }

    /// 初审 and 复审 (002:1691–1718).
    public enum ReviewStage: String, Hashable, Sendable, CaseIterable {
        case first, second
        public var chineseName: String { self == .first ? "初审" : "复审" }
    }

    /// The 低保 in force on `date`: the latest period starting on or before it; nil before the first.
    public func dibao(on date: CalendarDate) -> DibaoPeriod? {
        dibao.last { $0.from <= date }
    }
}
