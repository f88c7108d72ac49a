import BangfuCore
import BangfuPolicyFiles
import BangfuStore
import Foundation

/// A policy of `--policies` a new batch may be made with.
public struct PolicyChoice: Sendable, Equatable {
    /// `[policy] id`, what a form and the API name it by.
    public var id: String
    public var name: String
    /// The file, whose text the batch keeps.
    public var path: String
}

/// What a batch may be made with on this server: the policies of `--policies DIR` and the
/// projects of `DIR/projects/`.
public enum BatchChoices {
    /// Every `*.toml` directly in `directory` that reads as a policy, by file name; one
    /// that does not is left out (the server refused to start with it anyway).
    public static func policies(in directory: String) -> [PolicyChoice] {
        tomlFiles(in: directory).compactMap { path in
            (try? PolicyFile.load(path: path)).map { PolicyChoice(id: $0.id, name: $0.name, path: path) }
        }
    }

    /// The `[project] name` of every project file in `directory/projects`, in file order.
    public static func projects(in directory: String) -> [String] {
        tomlFiles(in: (directory as NSString).appendingPathComponent("projects")).compactMap { try? ProjectFile.load(path: $0).name }
    }

    private static func tomlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}

/// A new batch as a form or the API sends it: text to be checked, every problem at once.
public struct BatchForm: Sendable {
    /// The budget as sent: nothing, yuan typed in a form, or fen in JSON.
    public enum Budget: Sendable {
        case none
        case yuanText(String)
        case fen(Int)
    }

    /// `BatchKind` raw value.
    public var kind: String
    /// `[policy] id` of a policy of `--policies`.
    public var policy: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var name: String
    /// A project's `[project] name`, or empty for none.
    public var project: String
    public var budget: Budget

    public init(kind: String, policy: String, date: String, name: String, project: String, budget: Budget) {
        self.kind = kind
        self.policy = policy
        self.date = date
        self.name = name
        self.project = project
        self.budget = budget
    }
}

/// A batch form with something wrong: every problem, by field.
public struct BatchFormRefusal: Error, Equatable, UserFacingError {
    public var problems: [FieldProblem]

    public var chinese: String { "批次信息有误：" + problems.map(\.reason).joined(separator: "；") }
    public var english: String { "invalid batch: " + problems.map { "\($0.field): \($0.english)" }.joined(separator: "; ") }
    public var failure: Failure { .badInput }
}

extension Batches {
    /// Refuses `account` the new-batch form unless its roles may prepare a batch.
    public static func requirePreparer(_ account: Account) throws {
        try Authority.require(.prepareBatch, by: account)
    }

    /// Creates a draft batch from `form`, its policy chosen by id among `policiesDirectory`'s;
    /// every field's problem is refused at once (`BatchFormRefusal`), after the role. Answers
    /// the new batch as spec §6.1 shows it (a draft has no entries yet).
    public static func create(
        _ form: BatchForm, policiesDirectory: String, in store: some BatchStore & AuditStore & AccountStore, context: RequestContext
    ) throws -> BatchJSON {
        try Authority.check(.prepareBatch, context: context, in: store)
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ value: String, _ reason: String, _ english: String) {
            problems.append(FieldProblem(field: field, value: value, reason: reason, english: english))
        }
        let kind = BatchKind(rawValue: form.kind)
        if kind == nil { problem("kind", form.kind, "请选择救助类别", "unknown kind") }
        let policy = BatchChoices.policies(in: policiesDirectory).first { $0.id == form.policy }
        if policy == nil { problem("policy", form.policy, "请选择策略文件（服务器 --policies 目录中的策略）", "no policy with this id") }
        let date = CalendarDate(form.date.trimmed)
        if date == nil { problem("date", form.date, "日期须为 YYYY-MM-DD 格式的有效日期", "not a YYYY-MM-DD date") }
        if form.name.trimmed.isEmpty { problem("name", form.name, "批次名称不能为空", "empty name") }
        let project = form.project.trimmed.isEmpty ? nil : form.project.trimmed
        if let project, !BatchChoices.projects(in: policiesDirectory).contains(project) {
            problem("project", form.project, "没有这个项目（项目须为 --policies 目录 projects/ 中的项目）", "no such project")
        }
        var budget: Money?
        switch form.budget {
        case .none: budget = nil
        case .yuanText(let text) where text.trimmed.isEmpty: budget = nil
        case .yuanText(let text):
            budget = Money(yuanText: text.trimmed).flatMap { $0 < .zero ? nil : $0 }
            if budget == nil { problem("budget", text, "预算须为不小于 0 的金额（元，最多两位小数）", "not an amount of yuan") }
        case .fen(let fen):
            budget = Money(fen: fen)
            if fen < 0 { problem("budget_fen", String(fen), "预算不能为负数", "negative budget") }
        }
        guard problems.isEmpty, let kind, let policy, let date else { throw BatchFormRefusal(problems: problems) }
        let request = BatchRequest(kind: kind, policyPath: policy.path, date: date, name: form.name.trimmed, project: project, budget: budget)
        do {
            return BatchJSON(try store.batch(try create(request, in: store, context: context)), entries: [])
        } catch let error as AppError {
            guard case .batchNotComputable = error else { throw error }
            throw BatchFormRefusal(problems: [FieldProblem(field: "date", value: form.date, reason: error.chinese, english: error.english)])
        }
    }
}
