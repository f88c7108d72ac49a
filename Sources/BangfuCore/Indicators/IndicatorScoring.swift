/// The scoring rules of the self-evaluation form (spec §7; the notes under each 自评表:
/// 000:164–178, 002:1223–1233). Small pure functions over exact values; each returns the
/// exact score, which `rounded(_:)` turns into the two decimals the form shows.
///
/// Rounding: each row's score is rounded half up (四舍五入) to two decimals, as the form
/// prints it, and the total is the sum of the rounded rows — so the total on the form is
/// always the sum of the scores above it, and no score is rounded twice.
public enum IndicatorScoring {
    /// The execution rate (执行率 B/A) and its score: executed ÷ budget × weight, at most
    /// the weight when more than the budget was spent. A zero budget gives rate 0 and no
    /// points (project files refuse a zero budget).
    public static func execution(executed: Money, budget: Money, weight: ExactDecimal) -> (rate: Rational, score: Rational) {
        guard budget.fen > 0 else { return (.zero, .zero) }
        let rate = Rational(executed.fen, budget.fen)
        return (rate, capped(rate * Rational(weight), weight: Rational(weight)))
    }

    /// Whether an actual written as a bound (「≥95%」) meets a target of the same kind by itself:
    /// ≥95 or ≥98 against ≥95, ≤2.8 against ≤3 — full marks, as nothing it allows misses the target.
    public static func boundMeetsTarget(bound: IndicatorOp, _ value: Rational, op: IndicatorOp, target: Rational) -> Bool {
        guard bound == op else { return false }
        switch op {
        case .atLeast: return value >= target
        case .atMost: return value <= target
        case .equal, .qualitative: return false
        }
    }

    /// The score of a numeric row (000:174–176, 002:1228–1229):
    /// - `>=`: actual ÷ target × weight; full marks when actual ≥ target (also for target 0);
    /// - `<=`: target ÷ actual × weight; full marks when actual ≤ target, including target 0
    ///   with actual 0; zero when the target is 0 and the actual is not;
    /// - `=`: full marks when actual equals target, else zero.
    /// Never above the weight, never below zero. A qualitative op scores zero here.
    public static func numeric(op: IndicatorOp, target: Rational, actual: Rational, weight: ExactDecimal) -> Rational {
        let weight = Rational(weight)
        switch op {
        case .atLeast:
            if actual >= target { return capped(weight, weight: weight) }
            guard target > .zero else { return .zero }
            return capped(actual / target * weight, weight: weight)
        case .atMost:
            if actual <= target { return capped(weight, weight: weight) }
            guard target > .zero else { return .zero }
            return capped(target / actual * weight, weight: weight)
        case .equal:
            return actual == target ? capped(weight, weight: weight) : .zero
        case .qualitative:
            return .zero
        }
    }

    /// A qualitative row by its tier: the top of the tier's range on `scale` — 达成 100 %,
    /// 部分达成 80 %, 未达成 60 % of the weight on a project form (spec §7).
    public static func qualitative(_ tier: QualitativeTier, weight: ExactDecimal, scale: TierScale = .project) -> Rational {
        capped(scale.share(of: tier) * Rational(weight), weight: Rational(weight))
    }

    /// A qualitative row's explicit score, kept between zero and the weight.
    public static func explicit(_ score: ExactDecimal, weight: ExactDecimal) -> Rational {
        capped(Rational(score), weight: Rational(weight))
    }

    /// A score as the form shows it: half up to two decimals (16.6533… → 16.65, 4.9166… → 4.92).
    public static func rounded(_ score: Rational) -> ExactDecimal { score.rounded(toPlaces: 2) }

    /// The grade of a total out of 100: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
    public static func grade(_ total: ExactDecimal) -> Grade {
        let value = Rational(total)
        if value >= Rational(90) { return .excellent }
        if value >= Rational(80) { return .good }
        if value >= Rational(60) { return .fair }
        return .poor
    }

    /// How far the actual is from the target, |actual − target| ÷ target (form note 4).
    public static func deviation(target: Rational, actual: Rational) -> Deviation {
        if target.isZero { return actual.isZero ? .share(.zero) : .fromZeroTarget }
        return .share(((actual - target) / target).magnitude)
    }

    /// The share (0.3 is 30 %) at which a deviation must be explained on the form.
    public static let deviationThreshold = Rational(3, 10)

    /// A deviation: a share of the target, or any non-zero actual against a target of 0,
    /// which no share measures and which always counts as a large deviation.
    public enum Deviation: Hashable, Sendable {
        case share(Rational)
        case fromZeroTarget

        /// Whether the form must explain it: 30 % or more (form note 4: 「30%及以上」).
        public var needsExplanation: Bool {
            switch self {
            case .share(let share): share >= IndicatorScoring.deviationThreshold
            case .fromZeroTarget: true
            }
        }
    }

    private static func capped(_ score: Rational, weight: Rational) -> Rational {
        max(.zero, min(score, max(.zero, weight)))
    }
}

/// 自评等级; the raw value is the character spec §6.3 writes in JSON.
public enum Grade: String, CaseIterable, Hashable, Sendable {
    /// 优: 90 and above.
    case excellent = "优"
    /// 良: 80 to below 90.
    case good = "良"
    /// 中: 60 to below 80.
    case fair = "中"
    /// 差: below 60.
    case poor = "差"
}
