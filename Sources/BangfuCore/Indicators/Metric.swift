/// A value of the self-evaluation derived from the records of a project's paid batches
/// (spec §7); the raw value is the word a project file writes after `metric =`.
public enum Metric: String, CaseIterable, Hashable, Sendable {
    case householdsAided = "households_aided"
    case personsAided = "persons_aided"
    case studentsAided = "students_aided"
    case modelWorkersAided = "model_workers_aided"
    case amountPaid = "amount_paid"
    case maxAmountPerPerson = "max_amount_per_person"
    case onTimeRate = "on_time_rate"
    case duplicateAidRate = "duplicate_aid_rate"
    case eligibilityAccuracy = "eligibility_accuracy"
    case standardAccuracy = "standard_accuracy"

    /// What the metric counts, in Chinese, for the form and for error messages.
    public var chineseDescription: String {
        switch self {
        case .householdsAided: "受助困难职工家庭户数"
        case .personsAided: "受助人数（不重复的身份证号）"
        case .studentsAided: "受助学生人数"
        case .modelWorkersAided: "受助劳模人数"
        case .amountPaid: "已发放金额（元）"
        case .maxAmountPerPerson: "每人最高发放金额（元）"
        case .onTimeRate: "按期发放率（在截止日当日或之前发放的条目占比）"
        case .duplicateAidRate: "重复救助率（spec §5）"
        case .eligibilityAccuracy: "对象界定准确率（复核时仍符合政策的已发放条目占比）"
        case .standardAccuracy: "标准执行准确率（金额在政策限额内的已发放条目占比）"
        }
    }

    /// What kind of number the records give.
    public var quantity: Quantity {
        switch self {
        case .householdsAided, .personsAided, .studentsAided, .modelWorkersAided: .count
        case .amountPaid, .maxAmountPerPerson: .yuan
        case .onTimeRate, .duplicateAidRate, .eligibilityAccuracy, .standardAccuracy: .share
        }
    }

    /// The kinds of number a metric gives, which decide the units a row may show it in.
    public enum Quantity: Hashable, Sendable {
        /// People, households, students: any unit (人, 户, 人次, 名).
        case count
        /// An amount in yuan: shown in 元 (元/人) or 万元 (万元/人).
        case yuan
        /// A share from 0 to 1: shown in % or as the bare share.
        case share
    }

    /// What one unit of the metric's value is worth in `unit`, or nil when the row cannot
    /// show this metric in that unit: yuan in 万元 is × 1/10000, a share in % is × 100.
    public func factor(toUnit unit: String) -> Rational? {
        switch quantity {
        case .count:
            return .one
        case .yuan:
            switch unit {
            case "元", "元/人": return .one
            case "万元", "万元/人": return Rational(1, 10_000)
            default: return nil
            }
        case .share:
            switch unit {
            case "%": return Rational(100)
            case "": return .one
            default: return nil
            }
        }
    }

    /// The units a row may use for this metric, for an error message.
    public var allowedUnits: String {
        switch quantity {
        case .count: "任意（人、户、人次……）"
        case .yuan: "元、元/人、万元、万元/人"
        case .share: "%，或留空表示 0–1 的比例"
        }
    }
}

/// One value to derive from the records for a project: the metric, and for some rows the
/// deadline (`on_time_rate`) and the kind of batch counted (`model_workers_aided` of the
/// 生活困难 batches only). Two rows asking the same query share one value.
public struct MetricQuery: Hashable, Sendable {
    /// What to derive.
    public var metric: Metric
    /// The last day a payment counts as on time; `on_time_rate` only.
    public var deadline: CalendarDate?
    /// Only the project's batches of this kind; nil for all of them.
    public var kind: BatchKind?

    /// The value of `metric`, by `deadline`, over the batches of `kind` (nil: all of them).
    public init(_ metric: Metric, deadline: CalendarDate? = nil, kind: BatchKind? = nil) {
        self.metric = metric
        self.deadline = deadline
        self.kind = kind
    }
}
