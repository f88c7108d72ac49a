import BangfuApp
import ArgumentParser
import BangfuCore
import BangfuImport

extension Bangfu {
    /// `bangfu indicators`: the project self-evaluation (绩效自评, spec §7).
    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators", abstract: "绩效自评 (project self-evaluation, spec §7).", subcommands: [Evaluate.self, Check.self],
            defaultSubcommand: Evaluate.self)

        /// `bangfu indicators check FILE.csv`: recomputes the scores of a form filled by hand
        /// and lists the rows whose written score the rules do not give. Exit 0 whatever it
        /// finds (the findings are the result); 1 when the file cannot be read or a cell is bad.
        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "核对已填自评表的得分 (recompute the scores of a filled 自评表).",
                discussion: """
                    CSV 列（UTF-8 或 GB18030）：指标名称, 指标值, 实际完成值, 分值, 得分。
                    指标值写比较符：≥1500、≤3万元/人；不写比较符的数值（100%）按"="计。
                    正向指标 实际÷指标×分值，反向指标 指标÷实际×分值，不超过分值；与表中得分相差超过 0.01 即列出。
                    定性指标和不是实测数值的实际值（是、≥98%）无法按公式核对，只检查得分不超过分值。
                    退出码：0 核对完成（无论是否发现不一致），1 文件或单元格有误。
                    """)

            @Argument(help: "自评表 CSV 文件 (the filled form as CSV)")
            var file: String
            @OptionGroup var output: FormatOptions

            func run() throws {
                let rows = try readRows()
                let outcomes = rows.map { ($0, FilledFormCheck.check($0)) }
                let findings = FilledFormCheck.findings(in: rows)
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
