/// The tier ranges of a form's qualitative rows (定性指标, 自评表 note 2): each tier scores a
/// share of the row's weight within its range. The raw value is the word a project file
/// writes after `scale =`.
public enum TierScale: String, CaseIterable, Hashable, Sendable {
    /// 项目支出绩效自评表: 100–80 % (含80 %), 80–60 % (含60 %), 60–0 % (000:170–172,
    /// 002:1225–1226).
    case project
    /// 部门整体支出绩效自评表: 100–80 % (含80 %), 80–50 % (含50 %), 50–0 % (002:5475–5476).
    case department

    /// The lowest share of a tier's range; its highest is the next tier's lowest, or 1.
    private func floor(_ tier: QualitativeTier) -> Rational {
        switch (self, tier) {
        case (_, .achieved): Rational(4, 5)
        case (.project, .partlyAchieved): Rational(3, 5)
        case (.department, .partlyAchieved): Rational(1, 2)
        case (_, .notAchieved): .zero
        }
    }

    /// The shares of the weight a score of `tier` may take, both ends included. The note's
    /// 「含80%」 puts 80 % in 达成 and spec §7 scores 部分达成 at 80 %: a score on a shared
    /// bound fits either tier, so only a score clearly outside is flagged.
    public func range(of tier: QualitativeTier) -> ClosedRange<Rational> {
        switch tier {
        case .achieved: floor(.achieved)...Rational.one
        case .partlyAchieved: floor(.partlyAchieved)...floor(.achieved)
        case .notAchieved: Rational.zero...floor(.partlyAchieved)
        }
    }

    /// The share a tier scores when no score is given: the top of its range — spec §7's
    /// 100 %, 80 %, 60 % on a project form; 100 %, 80 %, 50 % on the department's.
    public func share(of tier: QualitativeTier) -> Rational { range(of: tier).upperBound }

    /// The form the scale belongs to, in Chinese.
    public var formName: String {
        switch self {
        case .project: "项目支出绩效自评表"
        case .department: "部门整体支出绩效自评表"
        }
    }

    /// `100–80%、80–60%、60–0%`, for messages.
    public var rangesText: String {
        QualitativeTier.allCases.map { tier in
            let range = range(of: tier)
            return "\(tier.rawValue) \(IndicatorText.percent(range.upperBound))–\(IndicatorText.percent(range.lowerBound))"
        }.joined(separator: "、")
    }

    /// Whether `score` of a row of `weight` lies in `tier`'s range; a zero weight fits any tier.
    public func fits(_ score: ExactDecimal, weight: ExactDecimal, tier: QualitativeTier) -> Bool {
        guard Rational(weight) > .zero else { return true }
        return range(of: tier).contains(Rational(score) / Rational(weight))
    }

    /// Why `score` does not fit `tier`: `得分8不在「部分达成」档的区间（分值10的80%–60%，即8–6分）`.
    public func misfit(_ score: ExactDecimal, weight: ExactDecimal, tier: QualitativeTier) -> String {
        let range = range(of: tier)
        let high = IndicatorScoring.rounded(range.upperBound * Rational(weight))
        let low = IndicatorScoring.rounded(range.lowerBound * Rational(weight))
        return "得分\(score)不在「\(tier.rawValue)」档的区间（分值\(weight)的\(IndicatorText.percent(range.upperBound))–"
            + "\(IndicatorText.percent(range.lowerBound))，即\(high)–\(low)分；\(formName)注：\(rangesText)）"
    }
}

extension QualitativeTier {
    /// The tier a qualitative row's result means: a tier word (达成预期指标), the expected
    /// result itself (实际「满意」 for 指标「满意」), or 「是」 to a 「是否改善」 target; nil when
    /// the words do not say.
    public init?(result: String, expected: String?) {
        if let tier = QualitativeTier(text: result) {
            self = tier
            return
        }
        let result = result.trimmed
        guard let expected = expected?.trimmed, !result.isEmpty else { return nil }
        if result == expected {
            self = .achieved
        } else if expected.hasPrefix("是否"), result == "是" {
            self = .achieved
        } else if expected.hasPrefix("是否"), result == "否" {
            self = .notAchieved
        } else {
            return nil
        }
    }
}
