/// Audits a whole filled form (`FilledForm`) as the rules of its notes read it: the budget
/// line (执行率 = B/A, its score), every row's score (`FilledFormCheck`), the 偏差原因分析
/// a deviation of 30 % or more needs (note 4, 002:1231), the 一级指标 points, 小计 and 总分
/// recomputed, the report's 得分率, and 人均 × 人数 against 全年执行数. Every finding names
/// the cell and the rule it breaks.
public enum FormAudit {
    /// One inconsistency on the form.
    public struct Finding: Hashable, Sendable {
        /// The cell: `「生活困难救助人数」的得分`, `总分的得分`, `预算执行的执行率`.
        public var cell: String
        /// The line of the source the cell was transcribed from.
        public var line: Int?
        /// The rule the cell breaks, with the note that states it.
        public var rule: String
        /// What is written and what the rule gives.
        public var detail: String

        public init(cell: String, line: Int?, rule: String, detail: String) {
            self.cell = cell
            self.line = line
            self.rule = rule
            self.detail = detail
        }
    }

    /// What the audit found, and the totals the rules give.
    public struct Report: Hashable, Sendable {
        public var findings: [Finding]
        /// How the words of the form were read where a choice was made, per row.
        public var readings: [String]
        /// 总分 as the rules give it: the execution score and each row's recomputed score (the
        /// written one where a row cannot be recomputed).
        public var recomputedTotal: ExactDecimal
        /// 总分 as the written scores add up.
        public var writtenSum: ExactDecimal
    }

    /// The rules, as the findings quote them.
    public enum Rule {
        static let rate = "执行率＝全年执行数（B）÷全年预算数（A）"
        static let executionScore = "预算执行得分＝执行率×分值，最高不超过分值（自评表注）"
        static let positive = "正向指标（≥）得分＝实际完成值÷年度指标值×分值，最高不超过分值（自评表注3）"
        static let reverse = "反向指标（≤）得分＝年度指标值÷实际完成值×分值，最高不超过分值（自评表注3）"
        static let equal = "未写比较符的数值指标，实际完成值等于年度指标值得满分，否则不得分"
        static let tier = "定性指标按完成情况分三档，得分在该档的分值区间内（自评表注2）"
        static let deadline = "时效指标按期完成得满分；晚于期限不得满分"
        static let bound = "实际完成值写成范围时，按范围的最不利值计分，除非范围本身已满足年度指标值"
        static let cap = "得分不能超过该指标分值（自评表注1）"
        static let blank = "每项指标须填写得分"
        static let deviation = "偏离年度指标值30%及以上的，须在偏差原因分析中说明原因并提出改进措施（自评表注4，002:1231）"
        static let departmentDeviation = "偏离目标、不能完成目标的，须在未完成原因分析中说明原因（部门整体支出绩效自评表填表说明5，002:5481）"
        static let level = "一级指标的分值＝其下各三级指标分值之和"
        static let subtotal = "小计＝各三级指标分值、得分之和"
        static let total = "总分＝预算执行得分＋各三级指标得分之和（满分100）"
        static let partRate = "得分率＝得分÷指标分值"
        static let perPerson = "人均费用×对应人数之和不应超过全年执行数"
        static let agreement = "部门整体支出绩效自评表中重复项目指标的行，年度指标值和实际完成值须与项目支出绩效自评表一致"
    }

    /// Audits `form`.
    public static func audit(_ form: FilledForm) -> Report {
        var findings: [Finding] = []
        var readings: [String] = []
        var recomputed = Rational.zero
        var written = Rational.zero

        if let budget = form.budget {
            let (execution, budgetFindings, budgetReadings) = self.budget(budget, unit: form.moneyUnit)
            findings += budgetFindings
            readings += budgetReadings
            recomputed = recomputed + (execution ?? Rational(FilledForm.points(budget.score) ?? .zero))
            written = written + Rational(FilledForm.points(budget.score) ?? .zero)
        }
        for row in form.rows {
            let (score, rowFindings) = audit(row, form: form)
            findings += rowFindings
            readings += FilledFormCheck.readings(of: row.checkRow).map { "「\(row.name)」：\($0)" }
            recomputed = recomputed + score
            written = written + Rational(FilledForm.points(row.score) ?? .zero)
        }
        findings += levels(form)
        findings += subtotal(form)
        findings += total(form, writtenSum: written, recomputed: recomputed)
        findings += parts(form)
        findings += perPerson(form)
        return Report(findings: findings, readings: readings, recomputedTotal: recomputed.rounded(toPlaces: 2), writtenSum: written.rounded(toPlaces: 2))
    }

    // MARK: - the budget line

    /// An amount of the budget line in the form's money unit; a bare number is in it.
    static func amount(_ text: String, unit: String) -> Rational? {
        let value = WrittenValue(text)
        guard value.op == nil, let number = value.number, let factor = WrittenReading.factor(from: value.unit, to: unit, perPerson: false) else {
            return nil
        }
        return Rational(number) * factor
    }

    private static func budget(_ budget: FilledForm.Budget, unit: String) -> (score: Rational?, [Finding], [String]) {
        var findings: [Finding] = []
        var readings: [String] = []
        guard let planned = amount(budget.budget, unit: unit), let executed = amount(budget.executed, unit: unit), planned > .zero else {
            return (nil, [], ["预算执行：全年预算数「\(budget.budget)」或全年执行数「\(budget.executed)」不是金额，未核对执行率"])
        }
        let rate = executed / planned
        let writtenRate = WrittenValue(budget.rate)
        if let number = writtenRate.number, writtenRate.op == nil, writtenRate.unit == "%" || writtenRate.unit.isEmpty {
            let read = writtenRate.unit == "%" ? Rational(number) / Rational(100) : Rational(number)
            if writtenRate.unit.isEmpty { readings.append("预算执行：执行率写作「\(budget.rate)」，按比例读（1＝100%）") }
            if (read - rate).magnitude > Rational(1, 10_000) {
                findings.append(Finding(
                    cell: "预算执行的执行率", line: budget.line, rule: Rule.rate,
                    detail: "\(budget.executed)÷\(budget.budget)＝\(IndicatorText.percent(rate))，表中写「\(budget.rate)」"))
            }
        } else {
            findings.append(Finding(cell: "预算执行的执行率", line: budget.line, rule: Rule.rate, detail: "表中执行率「\(budget.rate)」不是百分数或比例"))
        }
        let score = min(rate, .one) * Rational(budget.weight)
        let shown = IndicatorScoring.rounded(score)
        if let writtenScore = FilledForm.points(budget.score) {
            if (Rational(writtenScore) - Rational(shown)).magnitude > FilledFormCheck.tolerance {
                findings.append(Finding(
                    cell: "预算执行的得分", line: budget.line, rule: Rule.executionScore,
                    detail: "\(IndicatorText.percent(rate))×\(budget.weight)＝\(shown)，表中得分\(writtenScore)"))
            }
        } else {
            findings.append(Finding(cell: "预算执行的得分", line: budget.line, rule: Rule.executionScore, detail: "得分栏为空，应为\(shown)"))
        }
        return (Rational(shown), findings, readings)
    }

    // MARK: - rows

    /// The row's findings and its score as the rules give it (the written one when it
    /// cannot be recomputed).
    private static func audit(_ row: FilledForm.Row, form: FilledForm) -> (Rational, [Finding]) {
        var findings: [Finding] = []
        let check = row.checkRow
        let scoreCell = "「\(row.name)」的得分"
        guard let writtenScore = FilledForm.points(row.score) else {
            findings.append(Finding(cell: scoreCell, line: row.line, rule: Rule.blank, detail: "得分栏为空或不是分数：「\(row.score)」"))
            return (.zero, findings)
        }
        var score = Rational(writtenScore)
        switch FilledFormCheck.check(check, scale: form.scale, year: form.year) {
        case .differs(let ruleScore, let explanation):
            findings.append(Finding(cell: scoreCell, line: row.line, rule: rule(for: check, ruleScore: ruleScore), detail: explanation))
            if let ruleScore { score = Rational(ruleScore) } else if score > Rational(row.weight) { score = Rational(row.weight) }
        case .agrees(let ruleScore):
            score = Rational(ruleScore)
        case .unchecked:
            break
        }
        if let deviation = deviation(check), row.note.trimmed.isEmpty {
            let (column, rule) = form.kind == .department ? ("未完成原因分析", Rule.departmentDeviation) : ("偏差原因分析", Rule.deviation)
            findings.append(Finding(cell: "「\(row.name)」的\(column)", line: row.line, rule: rule, detail: "\(deviation)，该栏为空"))
        }
        return (score, findings)
    }

    /// The rule a differing row breaks.
    private static func rule(for row: FilledFormCheck.Row, ruleScore: ExactDecimal?) -> String {
        if ruleScore == nil {
            if row.deadlines != nil { return Rule.deadline }
            return Rational(row.reportedScore) > Rational(row.weight) ? Rule.cap : Rule.tier
        }
        if row.deadlines != nil { return Rule.deadline }
        if row.actual.op != nil { return Rule.bound }
        switch row.op {
        case .atLeast: return Rule.positive
        case .atMost: return Rule.reverse
        case .equal: return Rule.equal
        case .qualitative: return Rule.tier
        }
    }

    /// `实际完成值4个比年度指标值2个高100%` when a measured actual is 30 % or more from its
    /// target; nil otherwise (no measurement, a bound, a deviation below 30 %).
    static func deviation(_ row: FilledFormCheck.Row) -> String? {
        guard let target = row.target.number, let actual = row.actual.number, row.actual.op == nil,
            let factor = WrittenReading.factor(from: row.actual.unit, to: row.target.unit, perPerson: WrittenReading.isPerPerson(row.name))
        else { return nil }
        let (t, a) = (Rational(target), Rational(actual) * factor)
        let deviation = IndicatorScoring.deviation(target: t, actual: a)
        guard deviation.needsExplanation else { return nil }
        switch deviation {
        case .fromZeroTarget: return "年度指标值为0，实际完成值\(row.actual.text)"
        case .share(let share):
            return "实际完成值\(row.actual.text)比年度指标值\(row.target.text)\(a > t ? "高" : "低")\((share * Rational(100)).rounded(toPlaces: 2))%"
        }
    }

    // MARK: - sums

    private static func levels(_ form: FilledForm) -> [Finding] {
        form.levels.compactMap { level in
            let sum = form.rows.filter { $0.level1 == level.name }.reduce(Rational.zero) { $0 + Rational($1.weight) }
            guard sum != Rational(level.weight) else { return nil }
            return Finding(
                cell: "一级指标「\(level.name)」的分值", line: level.line, rule: Rule.level,
                detail: "标题写\(level.weight)分，其下各行分值合计\(sum.rounded(toPlaces: 2))分")
        }
    }

    private static func subtotal(_ form: FilledForm) -> [Finding] {
        guard let subtotal = form.subtotal else { return [] }
        var findings: [Finding] = []
        let weights = form.rows.reduce(Rational.zero) { $0 + Rational($1.weight) }.rounded(toPlaces: 2)
        let scores = form.rows.reduce(Rational.zero) { $0 + Rational(FilledForm.points($1.score) ?? .zero) }.rounded(toPlaces: 2)
        if let weight = subtotal.weight, FilledForm.points(weight) != weights {
            findings.append(Finding(cell: "小计的分值", line: subtotal.line, rule: Rule.subtotal, detail: "各行分值合计\(weights)，表中写「\(weight)」"))
        }
        if FilledForm.points(subtotal.score) != scores {
            findings.append(Finding(cell: "小计的得分", line: subtotal.line, rule: Rule.subtotal, detail: "各行得分合计\(scores)，表中写「\(subtotal.score)」"))
        }
        return findings
    }

    private static func total(_ form: FilledForm, writtenSum: Rational, recomputed: Rational) -> [Finding] {
        guard let total = form.total else { return [] }
        var findings: [Finding] = []
        let weights = (form.rows.reduce(Rational.zero) { $0 + Rational($1.weight) } + Rational(form.budget?.weight ?? .zero)).rounded(toPlaces: 2)
        if let weight = total.weight, FilledForm.points(weight) != weights {
            findings.append(Finding(cell: "总分的分值", line: total.line, rule: Rule.total, detail: "预算执行与各行分值合计\(weights)，表中写「\(weight)」"))
        }
        let sum = writtenSum.rounded(toPlaces: 2)
        let byRules = recomputed.rounded(toPlaces: 2)
        let rulesNote = byRules == sum ? "" : "（按规则重算为\(byRules)）"
        if total.score.trimmed.isEmpty {
            findings.append(Finding(cell: "总分的得分", line: total.line, rule: Rule.total, detail: "得分栏为空；表中各项得分合计\(sum)\(rulesNote)"))
        } else if FilledForm.points(total.score) != sum {
            findings.append(Finding(cell: "总分的得分", line: total.line, rule: Rule.total, detail: "表中各项得分合计\(sum)\(rulesNote)，总分写「\(total.score)」"))
        }
        return findings
    }

    private static func parts(_ form: FilledForm) -> [Finding] {
        form.parts.compactMap { part in
            guard Rational(part.weight) > .zero else { return nil }
            let rate = Rational(part.score) / Rational(part.weight)
            let written = WrittenValue(part.rate)
            if let number = written.number, written.unit == "%", Rational(number) / Rational(100) == rate { return nil }
            return Finding(
                cell: "「\(part.name)」的得分率", line: part.line, rule: Rule.partRate,
                detail: "指标分值\(part.weight)分，得\(part.score)分，得分率应为\(IndicatorText.percent(rate))，写作「\(part.rate)」")
        }
    }

    /// 人均 × 人数 against 全年执行数: each per-person row's actual times the actuals of the
    /// headcount rows it names, added up, in yuan.
    private static func perPerson(_ form: FilledForm) -> [Finding] {
        let costRows = form.rows.filter { !$0.headcounts.isEmpty }
        guard !costRows.isEmpty, let budget = form.budget, let executed = amount(budget.executed, unit: form.moneyUnit),
            let toYuan = WrittenReading.factor(from: form.moneyUnit, to: "元", perPerson: false)
        else { return [] }
        var sum = Rational.zero
        var terms: [String] = []
        for row in costRows {
            let cost = WrittenValue(row.actual)
            let unit = cost.unit.isEmpty ? WrittenValue(row.target).unit : cost.unit
            guard cost.op == nil, let perHead = cost.number, let factor = WrittenReading.factor(from: unit, to: "元", perPerson: true) else { return [] }
            var heads = Rational.zero
            for name in row.headcounts {
                guard let count = form.rows.first(where: { $0.name == name }).flatMap({ WrittenValue($0.actual).number }) else { return [] }
                heads = heads + Rational(count)
            }
            sum = sum + Rational(perHead) * factor * heads
            terms.append("\(IndicatorText.number(Rational(perHead) * factor, unit: "元"))×\(heads.rounded(toPlaces: 0))人")
        }
        let executedYuan = executed * toYuan
        guard sum > executedYuan else { return [] }
        return [Finding(
            cell: "人均费用×人数", line: costRows.first?.line, rule: Rule.perPerson,
            detail: terms.joined(separator: "＋") + "＝\(IndicatorText.number(sum / Rational(10_000), unit: "万元"))，"
                + "超过全年执行数\(IndicatorText.number(executedYuan / Rational(10_000), unit: "万元"))")]
    }
}
