/// How a form's words are read where its cells leave something unsaid: the sign a row's
/// name carries when its target has none, and the units that mean the same.
public enum WrittenReading {
    /// The words of a name that give a target its sign: 「生活困难劳模帮扶100人以上」 (000:569)
    /// is a positive indicator though its target reads 「100人」.
    static let signWords: [(String, IndicatorOp)] = [
        ("以上", .atLeast), ("不少于", .atLeast), ("不低于", .atLeast), ("至少", .atLeast),
        ("以下", .atMost), ("不超过", .atMost), ("不高于", .atMost), ("不多于", .atMost), ("以内", .atMost),
    ]

    /// The sign `name` says, with the word that says it; nil when it says none.
    public static func sign(inName name: String) -> (op: IndicatorOp, word: String)? {
        for (word, op) in signWords where name.contains(word) { return (op, word) }
        return nil
    }

    /// The sentence that shows the choice: `年度指标值未写比较符，指标名称含「以上」，按≥计`.
    public static func signChoice(_ sign: (op: IndicatorOp, word: String)) -> String {
        "年度指标值未写比较符，指标名称含「\(sign.word)」，按\(sign.op.symbol)计"
    }

    /// Whether a row's values are per person by its name (人均, 每人): its 元 and 元/人 agree.
    public static func isPerPerson(_ name: String) -> Bool { name.contains("人均") || name.contains("每人") }

    /// What one unit of `from` is in `to`: 1 when they are the same or `from` is empty;
    /// 万 is 万元 (002:5019 「≤90万」 against 「90万」, 000:111 「140.4万」 against 「140.4万元」);
    /// on a per-person row 元 is 元/人 (002:5218 「1000元/人」 against 「1000元」); 1/10000 from
    /// 元 to 万元. nil when they cannot be compared.
    public static func factor(from: String, to: String, perPerson: Bool) -> Rational? {
        let source = canonical(from, perPerson: perPerson)
        let destination = canonical(to, perPerson: perPerson)
        if source.isEmpty || source == destination { return .one }
        let yuan: [String: Rational] = ["元": .one, "万元": Rational(10_000), "元/人": .one, "万元/人": Rational(10_000)]
        guard let sourceValue = yuan[source], let destinationValue = yuan[destination],
            source.hasSuffix("/人") == destination.hasSuffix("/人")
        else { return nil }
        return sourceValue / destinationValue
    }

    /// Whether `from` and `to` are written differently but mean the same (for saying so).
    public static func sameMeaning(_ from: String, _ to: String, perPerson: Bool) -> Bool {
        !from.isEmpty && from != to && canonical(from, perPerson: perPerson) == canonical(to, perPerson: perPerson)
    }

    private static func canonical(_ unit: String, perPerson: Bool) -> String {
        var unit = unit.trimmed
        if unit == "万" { unit = "万元" }
        if unit == "万/人" { unit = "万元/人" }
        if perPerson, unit.hasSuffix("/人") { unit = String(unit.dropLast(2)) }
        return unit
    }
}
