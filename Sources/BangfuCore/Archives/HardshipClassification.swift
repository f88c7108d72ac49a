/// The income check of a 困难类别 (domain.md, "Beyond the seeds": the classification of
/// Qingdao's self-test tool): per-capita monthly net income = 家庭年纯收入 ÷ 12 ÷ 家庭人口;
/// 深度困难 below 低保, 相对困难 below `relativeMultiple` × 低保. 意外致困 is decided by an
/// event or the year's hardship costs, not by income, so it is never contradicted here.
///
/// A disagreement is a warning for the clerk to confirm, never a refusal: the archive may
/// know what the numbers do not (income about to stop, a cause just removed).
public enum HardshipClassification {
    /// What the income says of a category on a 低保.
    public struct Check: Hashable, Sendable {
        public let given: HardshipCategory
        /// The category the income points to; nil when it is above the 相对困难 line, or
        /// not below 低保 when the policy draws no 相对困难 line.
        public let suggested: HardshipCategory?
        /// Per-capita monthly income, rounded down to the fen (for the message only; the
        /// comparison is exact).
        public let perCapitaMonthly: Money
        public let dibao: Money
        /// The 相对困难 multiple of 低保, when the policy gives one.
        public let relativeMultiple: ExactDecimal?

        /// Whether `given` disagrees with what the income says.
        public var disagrees: Bool {
            switch (given, suggested) {
            case (.accident, _): false
            case (_, let suggested?): suggested != given
            // Not below 低保: not 深度困难; 相对困难 is contradicted only by a line the policy draws.
            case (_, nil): given == .deep || relativeMultiple != nil
            }
        }

        /// The warning in Chinese: `家庭人均月纯收入 350.00 元低于低保 1,045.00 元，应为深度困难，登记为相对困难`.
        public var chinese: String {
            let income = "家庭人均月纯收入 \(perCapitaMonthly.formatted) 元"
            switch suggested {
            case .deep: return "\(income)低于低保 \(dibao.formatted) 元，按收入应为深度困难，登记为\(given.chineseName)"
            case .relative:
                let line = relativeMultiple.map { "、低于 \($0) 倍低保" } ?? ""
                return "\(income)不低于低保 \(dibao.formatted) 元\(line)，按收入应为相对困难，登记为\(given.chineseName)"
            case .accident, nil:
                guard let relativeMultiple else {
                    return "\(income)不低于低保 \(dibao.formatted) 元，按收入不属于深度困难，登记为\(given.chineseName)"
                }
                return "\(income)不低于 \(relativeMultiple) 倍低保（低保 \(dibao.formatted) 元），按收入不属于深度或相对困难，登记为\(given.chineseName)"
            }
        }

        /// The same in English.
        public var english: String {
            let income = "per-capita monthly income \(perCapitaMonthly.plainYuan) yuan"
            let suggestion = suggested.map { "the income suggests \($0.rawValue)" }
                ?? (relativeMultiple == nil ? "the income is not below dibao" : "the income is above the relative-hardship line")
            return "\(income) against dibao \(dibao.plainYuan): \(suggestion), registered as \(given.rawValue)"
        }
    }

    /// 家庭人均月纯收入: the annual income over 12 months and the household's size, in whole
    /// fen rounded down, as the check compares it.
    public static func perCapitaMonthly(annualIncome: Money, size: Int) throws(AmountOverflow) -> Money {
        Money(fen: annualIncome.fen / (try months(of: size)))
    }

    /// A year's months for every person of a household of `size` (at least one person).
    private static func months(of size: Int) throws(AmountOverflow) -> Int {
        try Money(fen: 12).multiplied(by: max(size, 1)).fen
    }

    /// The check of `category` for a household of `size` with `annualIncome`, on `dibao`.
    /// Without `relativeMultiple` only the 低保 line is drawn: income at or above it is not
    /// 深度困难, and nothing is said about how far above it 相对困难 ends.
    public static func check(
        _ category: HardshipCategory, annualIncome: Money, size: Int, dibao: Money, relativeMultiple: ExactDecimal?
    ) throws(AmountOverflow) -> Check {
        let months = try months(of: size)
        // income ÷ 12 ÷ size < line  ⇔  income < line × 12 × size, all in whole fen.
        let deepLine = try dibao.multiplied(by: months)
        var suggested: HardshipCategory?
        if annualIncome < deepLine {
            suggested = .deep
        } else if let relativeMultiple {
            let (numerator, denominator) = try relativeMultiple.exactlyTimes(dibao)
            let line = try Money(fen: numerator).multiplied(by: months)
            // income < numerator × months ÷ denominator, kept exact.
            let (scaled, overflow) = annualIncome.fen.multipliedReportingOverflow(by: denominator)
            guard !overflow else { throw AmountOverflow() }
            suggested = scaled < line.fen ? .relative : nil
        }
        return Check(
            given: category, suggested: suggested, perCapitaMonthly: Money(fen: annualIncome.fen / months), dibao: dibao,
            relativeMultiple: relativeMultiple)
    }
}
