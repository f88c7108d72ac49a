import BangfuApp
import ArgumentParser
import BangfuCore
import BangfuImport
import BangfuPolicyFiles

extension Bangfu {
    /// `bangfu policy check|show`: validate a policy file, and print the standards it sets on a day (spec §4).
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy", abstract: "策略文件 (policy files, spec §4).", subcommands: [Check.self, Show.self])

        /// `bangfu policy check FILE`: exit 0 when the file is valid, else the error with its line.
        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "检查策略文件 (validate a policy file).")
            @Argument(help: "策略文件 (policy file, TOML)") var file: String

            func run() throws {
                let policy = try PolicyFile.load(path: file)
                print("策略文件有效：\(policy.name)（\(policy.id)）")
            }
        }

        /// `bangfu policy show FILE --date YYYY-MM-DD`: the amounts a batch on that day would use.
        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "显示某日适用的标准 (the standards in force on a date).")
            @Argument(help: "策略文件 (policy file, TOML)") var file: String
            @Option(help: "日期 YYYY-MM-DD，决定适用的低保标准 (the date)") var date: String
            @OptionGroup var output: FormatOptions

            func run() throws {
                let day = try dateOption(date, "--date")
                let standards = try StandardsInForce(policy: try PolicyFile.load(path: file), on: day)
                switch output.format {
                case .table: print(standards.table)
                case .json: print(standards.json.text)
                case .csv: for row in [StandardsInForce.headers] + standards.rows { print(csvLine(row)) }
                }
            }
        }
    }
}

extension StandardsInForce {

    /// The Chinese table: the policy, the date, then `rows`.
    var table: String {
        var table = TextTable(headers: Self.headers, rightAligned: [2])
        for row in rows { table.append(row) }
        return [
            "策略：\(policy.name)（\(policy.id)）",
            "依据：\(policy.basis.isEmpty ? "—" : policy.basis.joined(separator: "、"))",
            "日期：\(date)",
            "",
            table.render(),
        ].joined(separator: "\n")
    }

}
