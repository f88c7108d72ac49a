import BangfuCore

/// The income check of a household's 困难类别 on a day, with the 低保 the policies put in
/// force then (spec §4's `[[dibao]]` periods, cited in the policy file itself) and the 相对困难
/// multiple of the same policy's `[classification]`.
enum CategoryCheck {
    /// The check of `household` on `day`, or nil when no policy has a 低保 in force that day
    /// (nothing to compare with: the archive is stored without the check).
    static func check(_ household: Household, on day: CalendarDate, policies: [Policy]) throws -> HardshipClassification.Check? {
        // Of every policy's period in force on the day, the latest: a newer policy file
        // takes over from an older one of the same city.
        let inForce = policies.compactMap { policy in policy.dibao(on: day).map { (policy, $0) } }.max { $0.1.from < $1.1.from }
        guard let (policy, dibao) = inForce else { return nil }
        return try HardshipClassification.check(
            household.category, annualIncome: household.annualIncome, size: household.size, dibao: dibao.monthly,
            relativeMultiple: policy.relativeHardshipMultiple)
    }
}
