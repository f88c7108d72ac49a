import BangfuApp
import ArgumentParser
import BangfuCore
import BangfuImport

extension Bangfu {
    /// `bangfu indicators`: the project self-evaluation (绩效自评, spec §7).
    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators", abstract: "绩效自评 (project self-evaluation, spec §7).", subcommands: [Evaluate.self, Check.self, Report.self],
            defaultSubcommand: Evaluate.self)

        /// `bangfu indicators check FILE.csv`: recomputes the scores of a form filled by hand
        /// and lists the rows whose written score the rules do not give. Exit 0 whatever it
        /// finds (the findings are the result); 1 when the file cannot be read or a cell is bad.
        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "核对已填自评表 (audit a filled 自评表: its scores, or the whole form).",
                discussion: """
                    FILE.csv：指标行（UTF-8 或 GB18030），列 指标名称, 指标值, 实际完成值, 分值, 得分。
                    FILE.toml：整张表的抄录（[form]：预算执行、各指标行及偏差原因分析、小计、总分、报告的得分率），
                    逐格核对并指出单元格与规则；--projects 给出部门各项目表的抄录时，核对部门整体表与项目表是否一致。
                    指标值写比较符：≥1500、≤3万元/人；不写比较符的数值按指标名称中的"以上/不少于"(≥)、"以下/不超过"(≤)读，否则按"="计。
                    万与万元、人均指标的元与元/人按同一单位；期限文字（3月底前完成、春节前）按期限比较；范围实际值（≥95%）按最不利值计。
                    定性指标的得分须在其档次的区间内（--scale project 100–80–60%，department 100–80–50%）。
                    退出码：0 核对完成（无论是否发现不一致），1 文件或单元格有误。
                    """)

            @Argument(help: "自评表：CSV（指标行）或 TOML（整张表的抄录）")
            var file: String
            @Option(parsing: .upToNextOption, help: "部门整体表对照的项目表抄录（TOML）")
            var projects: [String] = []
            @Option(help: "CSV 的定性指标分档：project | department")
            var scale: String = TierScale.project.rawValue
            @Option(help: "CSV 的年度（读“春节前”等期限）")
            var year: Int?
            @OptionGroup var output: FormatOptions

            func validate() throws {
                guard TierScale(rawValue: scale) != nil else { throw ValidationError("--scale 应为 project 或 department (got \(scale))") }
                if !projects.isEmpty, !FilledForms.isTranscript(file) {
                    throw ValidationError("--projects 只用于整张表的抄录（.toml） (--projects needs a .toml transcript)")
                }
            }

            func run() throws {
                if FilledForms.isTranscript(file) {
                    audit(try FilledForms.audit(file, against: projects))
                    return
                }
                let scale = TierScale(rawValue: scale) ?? .project
                let rows = try readRows()
                let outcomes = rows.map { ($0, FilledFormCheck.check($0, scale: scale, year: year)) }
                let findings = FilledFormCheck.findings(in: outcomes)
                switch output.format {
                case .table: print(table(outcomes, findings: findings))
                case .json: print(JSONText.array(findings.map(\.json)).text)
                case .csv:
                    print(csvLine(["行", "指标名称", "指标值", "实际完成值", "分值", "表中得分", "应得分", "说明"]))
                    for finding in findings {
                        let row = finding.row
                        print(csvLine([
                            row.line.map(String.init) ?? "", row.name, row.target.text, row.actual.text, row.weight.description,
                            row.reportedScore.description, finding.score?.description ?? "", finding.explanation,
                        ]))
                    }
                }
            }

            /// A whole form's audit: each finding with its cell, line and rule, then the readings.
            private func audit(_ audit: FormTranscriptAudit) {
                let findings = audit.findings
                switch output.format {
                case .json: print(audit.json.text)
                case .csv:
                    print(csvLine(["行", "单元格", "规则", "说明"]))
                    for finding in findings { print(csvLine([finding.line.map(String.init) ?? "", finding.cell, finding.rule, finding.detail])) }
                case .table:
                    let form = audit.form
                    var lines = [
                        "核对 \(file)：\(form.kind.title)「\(form.name)」\(form.year)年度" + (form.source.map { "（\($0)）" } ?? "")
                            + "，\(findings.count) 处不一致 (\(findings.count) findings)",
                        "表中各项得分合计 \(audit.report.writtenSum)，按规则重算 \(audit.report.recomputedTotal)",
                    ]
                    if findings.isEmpty {
                        lines += ["", "各单元格均与规则一致。"]
                    } else {
                        var table = TextTable(headers: ["行", "单元格", "规则", "说明"], rightAligned: [0])
                        for finding in findings { table.append([finding.line.map(String.init) ?? "", finding.cell, finding.rule, finding.detail]) }
                        lines += ["", "不一致：", table.render()]
                    }
                    if !audit.report.readings.isEmpty { lines += ["", "读法：" ] + audit.report.readings.map { "  " + $0 } }
                    print(lines.joined(separator: "\n"))
                }
            }

            /// The rows of the file (`FilledForms.read`), its warnings on stderr.
            private func readRows() throws -> [FilledFormCheck.Row] {
                let (rows, warnings) = try FilledForms.read(file)
                for warning in warnings { Terminal.error("警告 warning: \(file) \(warning)") }
                return rows
            }

            /// The findings, then the rows that cannot be recomputed, under a one-line summary.
            private func table(_ outcomes: [(FilledFormCheck.Row, FilledFormCheck.Outcome)], findings: [FilledFormCheck.Finding]) -> String {
                var agreeing = 0
                var unchecked: [(FilledFormCheck.Row, String)] = []
                for (row, outcome) in outcomes {
                    switch outcome {
                    case .agrees: agreeing += 1
                    case .differs: break
                    case .unchecked(let reason): unchecked.append((row, reason))
                    }
                }
                var lines = [
                    "核对 \(file)：共 \(outcomes.count) 行，\(findings.count) 行得分与规则不符，\(agreeing) 行一致，\(unchecked.count) 行无法按公式核对"
                        + " (\(outcomes.count) rows: \(findings.count) differ, \(agreeing) agree, \(unchecked.count) not recomputable)"
                ]
                if findings.isEmpty {
                    lines += ["", "可按公式核对的行，表中得分均与规则一致。"]
                } else {
                    var rows = TextTable(headers: ["行", "指标名称", "指标值", "实际完成值", "分值", "表中得分", "应得分", "说明"], rightAligned: [0, 4, 5, 6])
                    for finding in findings {
                        let row = finding.row
                        rows.append([
                            row.line.map(String.init) ?? "", row.name, row.target.text, row.actual.text, row.weight.description,
                            row.reportedScore.description, finding.score?.description ?? "—", finding.explanation,
                        ])
                    }
                    lines += ["", "得分与规则不符：", rows.render()]
                }
                let readings = outcomes.flatMap { row, _ in FilledFormCheck.readings(of: row).map { "  第\(row.line.map(String.init) ?? "")行「\(row.name)」：\($0)" } }
                if !readings.isEmpty { lines += ["", "读法："] + readings }
                if !unchecked.isEmpty {
                    var rows = TextTable(headers: ["行", "指标名称", "原因"], rightAligned: [0])
                    for (row, reason) in unchecked { rows.append([row.line.map(String.init) ?? "", row.name, reason]) }
                    lines += ["", "无法按公式核对：", rows.render()]
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}

extension FilledFormCheck.Finding {
    /// `{"name", "target", "actual", "weight", "reported_score", "score", "explanation"}`;
    /// target and actual as written, points as exact decimals, score null when only the
    /// weight could be checked.
    var json: JSONText {
        .object([
            ("name", .string(row.name)), ("target", .string(row.target.text)), ("actual", .string(row.actual.text)),
            ("weight", .decimal(row.weight)), ("reported_score", .decimal(row.reportedScore)),
            ("score", score.map(JSONText.decimal) ?? .null), ("explanation", .string(explanation)),
        ])
    }
}
