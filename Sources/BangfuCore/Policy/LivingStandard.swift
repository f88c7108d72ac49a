/// One category's 生活救助 on a 低保 (spec §4 living): `batch_months × 低保` rounded down to
/// `round_down_to`, and the yearly limit `annual_max_months × 低保`. The one place this is
/// computed: a batch starts from it, and `policy show` prints it.
public struct LivingStandard: Sendable, Equatable {
    /// Months of 低保 per batch.
    public let months: Int
    /// months × 低保, before rounding.
    public let raw: Money
    /// What a batch starts from: `raw` rounded down to the step.
    public let amount: Money
    /// The rounding step.
    public let step: Money
    /// Months of 低保 per year.
    public let annualMonths: Int
    /// The yearly limit per household.
    public let annualMax: Money

    /// The standard of `category` under `living` when the 低保 is `dibao`.
    public init(_ living: Policy.Living, _ category: HardshipCategory, dibao: Money) throws(AmountOverflow) {
        months = living.batchMonths[category] ?? 0
        raw = try dibao.multiplied(by: months)
        step = living.roundDownTo
        amount = step.fen > 0 ? Money(fen: raw.fen / step.fen * step.fen) : raw
        annualMonths = living.annualMaxMonths[category] ?? 0
        annualMax = try dibao.multiplied(by: annualMonths)
    }
}
