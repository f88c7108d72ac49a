/// Forms that must agree with each other: the 部门整体支出绩效自评表 repeats indicators of the
/// department's project forms (its 二级指标 are the projects, 002:5367–5439), and each row it
/// repeats must carry the project form's target and actual.
extension FormAudit {
    /// The department form's rows that repeat a project form's row (by `repeats`, else by
    /// the same name) and differ from it in 年度指标值 or 实际完成值.
    public static func agreement(department: FilledForm, projects: [FilledForm]) -> [Finding] {
        var findings: [Finding] = []
        for row in department.rows {
            let name = row.repeats ?? row.name
            guard let (project, repeated) = counterpart(named: name, level2: row.level2, in: projects) else { continue }
            for (column, mine, theirs) in [("年度指标值", row.target, repeated.target), ("实际完成值", row.actual, repeated.actual)]
            where !sameValue(mine, theirs) {
                let here = row.line.map { "（\(department.source.map(Self.document) ?? "")\($0)）" } ?? ""
                let there = repeated.line.map { "（\(project.source.map(Self.document) ?? "")\($0)）" } ?? ""
                findings.append(Finding(
                    cell: "部门整体表「\(row.name)」的\(column)", line: row.line, rule: Rule.agreement,
                    detail: "部门整体表写「\(mine)」\(here)，项目表「\(project.name)」的「\(repeated.name)」写「\(theirs)」\(there)"))
            }
        }
        return findings
    }

    /// The project row of that name, preferring the project the 二级指标 names.
    private static func counterpart(named name: String, level2: String, in projects: [FilledForm]) -> (FilledForm, FilledForm.Row)? {
        let matches = projects.compactMap { project in project.rows.first { $0.name == name }.map { (project, $0) } }
        return matches.first { $0.0.name.contains(level2) || level2.contains($0.0.name) } ?? matches.first
    }

    /// `002:` of `002:4712–4908`: the document part of a source, to cite a line of it.
    private static func document(_ source: String) -> String {
        guard let colon = source.firstIndex(of: ":") else { return "" }
        return String(source[...colon])
    }

    /// Whether two cells say the same: the same sign and number in units that mean the
    /// same (「≤90万元」 and 「≤90万」, 「100.00%」 and 「100%」), or the same words.
    public static func sameValue(_ first: String, _ second: String) -> Bool {
        let (a, b) = (WrittenValue(first), WrittenValue(second))
        guard let x = a.number, let y = b.number else { return first.trimmed == second.trimmed }
        guard a.op == b.op, let factor = WrittenReading.factor(from: a.unit, to: b.unit, perPerson: true)
            ?? WrittenReading.factor(from: b.unit, to: a.unit, perPerson: true).map({ .one / $0 })
        else { return false }
        return Rational(x) * factor == Rational(y)
    }
}
