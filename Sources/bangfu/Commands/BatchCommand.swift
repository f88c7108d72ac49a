import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuImport
import BangfuPolicyFiles
import BangfuStore
import Foundation

extension BatchKind: ExpressibleByArgument {}

extension Bangfu {
    /// `bangfu batch …` (spec §1, §4, §6.1).
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "救助批次 (aid batches).", subcommands: [
                Create.self, Compute.self, Show.self, List.self, Review.self, Exclude.self, Approve.self, Pay.self, Export.self,
                Reconcile.self, Reissue.self, ApproveReissue.self, PayReissue.self, CancelTransfer.self,
            ])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "新建批次，打印批次编号 (create a batch; prints its id).")
            @Option(help: "living|education|medical|model-worker-living|model-worker-special|warmth") var kind: BatchKind
            @Option(help: "策略文件 (policy file)") var policy: String
            @Option(help: "批次日期 YYYY-MM-DD，决定适用的低保标准") var date: String
            @Option(help: "批次名称") var name: String
            @Option(help: "所属项目名称 (project name)") var project: String?
            @Option(help: "预算（元） (budget in yuan)") var budget: String?
            @Option(help: "项目文件目录，默认为策略文件旁的 projects/ (project files; default: projects/ beside the policy)") var projects: String?
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var actor: ActorOptions

            func run() throws {
                let day = try dateOption(date, "--date")
                var limit: Money?
                if let budget {
                    // A budget above `Plausible.budget` is a slip of the value as typed, like one
                    // that is no amount: the same usage error (exit 2).
                    guard let money = Money(yuanText: budget), money <= Plausible.budget else {
                        let most = Plausible.wholeYuanText(Plausible.budget)
                        throw CommandError(
                            "--budget 应为不超过\(most)元的金额（元），实为「\(budget.escapedForDisplay)」",
                            english: "--budget must be an amount in yuan of at most \(most), got \(budget.escapedForDisplay)", failure: .invalidValue)
                    }
                    limit = money
                }
                let request = BatchRequest(
                    kind: kind, policyPath: policy, date: day, name: try textOption(name, "--name", rule: .organisation),
                    project: try project.map { try textOption($0, "--project", rule: .organisation) }, budget: limit, projectsFolder: projects)
                let store = try database.open()
                let id = try Batches.create(request, in: store, context: try actor.context())
                // The id alone on stdout (scripts read it); a project without a file is said on
                // stderr, since its batches will not be checked against a budget.
                if let project = request.project, try store.batch(id).projectBudget == nil {
                    let folder = projects ?? ProjectDirectory.folder(besidePolicy: policy)
                    Terminal.error(
                        "注意 note：\(folder) 中没有\(day.year)年度的项目「\(project.escapedForDisplay)」，审批时不核对项目预算 "
                            + "(note: no project file for \(project.escapedForDisplay) in \(folder); its budget is not checked)")
                }
                print(id)
            }
        }

        struct Compute: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "选取对象、计算金额并记录理由 (select, compute, record reasons).")
            @Argument(help: "批次编号") var id: Int64
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var actor: ActorOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let store = try database.open()
                let (computation, dibao) = try Batches.compute(batch: id, in: store, context: try actor.context())
                let batch = try store.batch(id)
                var lines = ["批次 \(id)（\(batch.name)）已计算：\(computation.entries) 条，符合条件 \(computation.eligible) 条，合计 \(computation.total.formatted) 元（低保 \(dibao.plainYuan) 元）"]
                if batch.isOverBudget, let budget = batch.budget {
                    lines.append("超出预算：预算 \(budget.formatted) 元，超出 \((computation.total - budget).formatted) 元；超预算批次不能审批 (over budget)")
                }
                try BatchStepOutput.report(batch, lines, format: output.format)
            }
        }
    }
}
