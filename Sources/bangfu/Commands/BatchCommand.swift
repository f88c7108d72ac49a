import ArgumentParser
import BangfuCore
import BangfuImport
import BangfuPolicyFiles
import BangfuStore
import Foundation

extension BatchKind: ExpressibleByArgument {}

extension BatchStoreError: UserFacingError {}

extension BatchRuleError: UserFacingError {
    var message: String { "\(chinese) (\(english))" }
}

extension Bangfu {
    /// `bangfu batch …` (spec §1, §4, §6.1).
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "救助批次 (aid batches).", subcommands: [Create.self, Compute.self, Show.self, List.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "新建批次，打印批次编号 (create a batch; prints its id).")
            @Option(help: "living|education|medical|model-worker-living|model-worker-special|warmth") var kind: BatchKind
            @Option(help: "策略文件 (policy file)") var policy: String
            @Option(help: "批次日期 YYYY-MM-DD，决定适用的低保标准") var date: String
            @Option(help: "批次名称") var name: String
            @Option(help: "所属项目名称 (project name)") var project: String?
            @Option(help: "预算（元） (budget in yuan)") var budget: String?
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var actor: ActorOptions

            func run() throws {
                guard let day = CalendarDate(date) else { throw ValidationError("--date must be YYYY-MM-DD, got \(date)") }
                var limit: Money?
                if let budget {
                    guard let money = Money(yuanText: budget) else { throw ValidationError("--budget must be an amount in yuan, got \(budget)") }
                    limit = money
                }
                let text: String
                do { text = try String(contentsOfFile: policy, encoding: .utf8) } catch {
                    throw CommandError("无法读取策略文件 \(policy)", english: "cannot read policy file: \(error.localizedDescription)")
                }
                let parsed = try PolicyFile.parse(text, file: policy)
                let store = try database.open()
                let id = try store.createBatch(
                    NewBatch(name: name, kind: kind, date: day, project: project, budget: limit, policyID: parsed.id, policyPath: policy, policyText: text),
                    actor: actor.actor, at: timestampNow())
                print(id)
            }
        }

        struct Compute: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "选取对象、计算金额并记录理由 (select, compute, record reasons).")
            @Argument(help: "批次编号") var id: Int64
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var actor: ActorOptions

            func run() throws {
                let store = try database.open()
                let batch = try store.batch(id)
                let policy = try PolicyFile.parse(batch.policyText, file: batch.policyPath)
                let calculator = try BatchCalculator(kind: batch.kind, date: batch.date, policy: policy, earlier: try store.earlierUnionAid(year: batch.date.year))
                let computation = try store.recompute(batch: id, with: calculator, actor: actor.actor, at: timestampNow())
                let computed = try store.batch(id)
                print("批次 \(id)（\(batch.name)）已计算：\(computation.entries) 条，符合条件 \(computation.eligible) 条，合计 \(computation.total.formatted) 元（低保 \(calculator.dibao.plainYuan) 元）")
                if computed.isOverBudget, let budget = computed.budget {
                    print("超出预算：预算 \(budget.formatted) 元，超出 \((computation.total - budget).formatted) 元；超预算批次不能审批 (over budget)")
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "批次明细、金额与理由 (entries with amounts and reasons).")
            @Argument(help: "批次编号") var id: Int64
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let store = try database.open()
                let batch = try store.batch(id)
                let entries = try store.entries(ofBatch: id)
                switch output.format {
                case .json:
                    let object: [(String, JSONText)] = [
                        ("id", .number(Int(batch.id))), ("name", .string(batch.name)), ("kind", .string(batch.kind.rawValue)),
                        ("status", .string(batch.status)), ("date", .string(batch.date.description)), ("policy_id", .string(batch.policyID)),
                        ("dibao_monthly_fen", batch.dibaoMonthly.map { .number($0.fen) } ?? .null),
                        ("budget_fen", batch.budget.map { .number($0.fen) } ?? .null), ("total_fen", .number(batch.total.fen)),
                        ("over_budget", .bool(batch.isOverBudget)),
                        ("entries", .array(entries.map { entry in
                            .object([
                                ("id_number", .string(entry.idNumber.value)), ("name", .string(entry.name)),
                                ("archive_no", entry.archiveNumber.map { .string($0.value) } ?? .null),
                                ("student_id_number", entry.studentIDNumber.map { .string($0.value) } ?? .null),
                                ("eligible", .bool(entry.isEligible)), ("amount_fen", .number(entry.amount.fen)),
                                ("reasons", .array(entry.reasons.map(JSONText.string))),
                            ])
                        })),
                    ]
                    print(JSONText.object(object).text)
                case .csv:
                    print(csvLine(["身份证号", "姓名", "档案编号", "受助学生身份证号", "是否符合", "金额", "理由"]))
                    for entry in entries {
                        print(csvLine([entry.idNumber.value, entry.name, entry.archiveNumber?.value ?? "", entry.studentIDNumber?.value ?? "",
                                       entry.isEligible ? "是" : "否", entry.amount.yuanText, entry.reasons.joined(separator: "；")]))
                    }
                case .table:
                    print("批次 \(batch.id)：\(batch.name)（\(batch.kind.chineseName)，\(batch.date)，\(BatchStatusNames.chinese(batch.status))）")
                    print("策略 \(batch.policyID)，低保 \(batch.dibaoMonthly?.plainYuan ?? "—") 元，合计 \(batch.total.formatted) 元"
                          + (batch.budget.map { "，预算 \($0.formatted) 元" + (batch.isOverBudget ? "（超出预算）" : "") } ?? ""))
                    var table = TextTable(headers: ["身份证号", "姓名", "档案编号", "学生", "金额(元)", "理由"], rightAligned: [4])
                    for entry in entries {
                        table.append([entry.idNumber.value, entry.name, entry.archiveNumber?.value ?? "", entry.studentIDNumber?.value ?? "",
                                      entry.isEligible ? entry.amount.formatted : "不予救助", entry.reasons.joined(separator: "；")])
                    }
                    print(table.render())
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "列出批次 (list batches).")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let batches = try database.open().batches()
                switch output.format {
                case .json:
                    let out = OutputStream()
                    defer { out.flush() }
                    out.jsonArray { element in
                        for batch in batches {
                            element([
                                ("id", .number(Int(batch.id))), ("name", .string(batch.name)), ("kind", .string(batch.kind.rawValue)),
                                ("status", .string(batch.status)), ("date", .string(batch.date.description)), ("total_fen", .number(batch.total.fen)),
                            ])
                        }
                    }
                case .csv:
                    print(csvLine(["编号", "名称", "类型", "状态", "日期", "合计"]))
                    for batch in batches {
                        print(csvLine(["\(batch.id)", batch.name, batch.kind.chineseName, BatchStatusNames.chinese(batch.status), batch.date.description, batch.total.yuanText]))
                    }
                case .table:
                    var table = TextTable(headers: ["编号", "名称", "类型", "状态", "日期", "合计(元)"], rightAligned: [0, 5])
                    for batch in batches {
                        table.append(["\(batch.id)", batch.name, batch.kind.chineseName, BatchStatusNames.chinese(batch.status), batch.date.description, batch.total.formatted])
                    }
                    print(table.render())
                }
            }
        }
    }
}
