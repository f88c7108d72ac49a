/// The annual limits of one calendar year, as the duplicate check compares a year's aid
/// with them (spec §5 over_annual_limit; the limits are those of spec §4).
public struct AnnualLimits: Sendable, Equatable {
    public var year: Int
    /// The highest 低保 in force at any day of the year: a household is flagged only when its
    /// aid passes even the most generous limit the year had.
    public var dibao: Money
    /// 生活救助 per household: annual_max_months × 低保.
    public var living: [HardshipCategory: Money]
    /// 助学 per student, by stage and category.
    public var education: [SchoolStage: [HardshipCategory: Money]]
    /// 医疗救助 per household.
    public var medical: Money
    /// All 劳模 aid per person.
    public var modelWorker: Money

    /// nil when no 低保 is in force in the year.
    public init?(policy: Policy, year: Int) {
        guard let first = CalendarDate(year: year, month: 1, day: 1), let last = CalendarDate(year: year, month: 12, day: 31) else { return nil }
        let inForce = policy.dibao.enumerated().filter { index, period in
            let next = index + 1 < policy.dibao.count ? policy.dibao[index + 1].from : nil
            return period.from <= last && (next.map { $0 > first } ?? true)
        }
        guard let highest = inForce.map(\.element.monthly).max() else { return nil }
        self.year = year
        dibao = highest
        living = Dictionary(uniqueKeysWithValues: HardshipCategory.allCases.map { ($0, highest * (policy.living.annualMaxMonths[$0] ?? 0)) })
        education = Dictionary(uniqueKeysWithValues: SchoolStage.allCases.compactMap { stage in
            let byCategory = HardshipCategory.allCases.compactMap { category in
                policy.education.limit(for: stage, category: category).map { (category, $0) }
            }
            return byCategory.isEmpty ? nil : (stage, Dictionary(uniqueKeysWithValues: byCategory))
        })
        medical = policy.medical.annualMax
        modelWorker = policy.modelWorker.annualMax
    }
}
