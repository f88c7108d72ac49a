/// The sanity bounds of the software: the largest and smallest values an input may carry
/// before Bangfu takes it for a typing error (an extra zero, a year typed `9999`). They are
/// not policy numbers — no standard is read from here — and they are far from any real
/// value, so that they refuse only slips. They also keep every sum Bangfu forms far inside
/// an `Int` of fen; `Money`'s checked arithmetic catches the rest (a database written by an
/// older version, or edited by hand).
public enum Plausible {
    /// Any single amount in an import file or a policy file: 10,000,000 yuan (一千万). A
    /// household's yearly income or medical expense, a model worker's income or one payment
    /// of hardship aid above it is an extra digit or two, not a hardship case; the largest
    /// real amounts are a few hundred thousand yuan.
    public static let amount = Money.yuan(10_000_000)

    /// A batch's `--budget`: 100,000,000,000 yuan (一千亿). A province's whole yearly hardship
    /// aid is a small fraction of it (a million households at 6,000 yuan is six billion).
    public static let budget = Money.yuan(100_000_000_000)

    /// 家庭人口: at most 99 people. A household of hundreds is a typing error, and the
    /// income cap multiplies by the size.
    public static let householdSize = 1...99

    /// The years of any date Bangfu reads (a file's date, a policy's `from`, a batch's or a
    /// payment's `--date`): 1900 to 2100. Archives and payments of living people lie well
    /// inside; a year typed `9999`, `0202` or `2204` lies outside.
    public static let years = 1900...2100

    /// Months of 低保 in a policy's `living.batch_months` and `annual_max_months`: 0 (the
    /// category gets no 生活救助) to 12, the months of a year (002:2191: 12 months is the
    /// deepest category's yearly maximum).
    public static let months = 0...12

    /// `income_cap.multiple` of 低保: at most 5. The seeds' cap is 2.1 (002:2203); five times
    /// 低保 is far above any hardship line, and it keeps multiple × 低保 within an `Int`.
    public static let largestMultiple = ExactDecimal(5)

    /// `living.round_down_to`: at most 100,000 yuan. The seeds round to 1,000 (002:2203); a
    /// larger step would round every amount to nothing.
    public static let largestRoundingStep = Money.yuan(100_000)

    /// Whether `date` lies within `years`.
    public static func isPlausible(_ date: CalendarDate) -> Bool { years.contains(date.year) }

    /// `10,000,000`: `amount` in whole yuan as messages give it.
    public static var amountText: String { wholeYuanText(amount) }

    /// A bound in whole yuan with thousands separators, as messages give it: `10,000,000`.
    public static func wholeYuanText(_ bound: Money) -> String { String(bound.formatted.dropLast(3)) }

    /// `1900–2100`, as messages give the window of years.
    public static var yearsText: String { "\(years.lowerBound)–\(years.upperBound)" }
}
