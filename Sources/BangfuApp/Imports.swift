import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

/// The four files of spec §3, as `bangfu import KIND` names them.
public enum ImportKind: String, CaseIterable, Sendable {
    case households
    case members
    case modelWorkers = "model-workers"
    case aid

    /// The file's name in Chinese (`困难职工家庭档案`).
    public var title: String {
        switch self {
        case .households: RecordFormat.households.title
        case .members: RecordFormat.members.title
        case .modelWorkers: RecordFormat.modelWorkers.title
        case .aid: RecordFormat.aid.title
        }
    }

    /// The file's column headers (spec §3), in the order of a template.
    public var headers: [String] {
        switch self {
        case .households: HouseholdColumn.allCases.map(\.header)
        case .members: MemberColumn.allCases.map(\.header)
        case .modelWorkers: ModelWorkerColumn.allCases.map(\.header)
        case .aid: AidColumn.allCases.map(\.header)
        }
    }

    /// The table the file loads into.
    var table: String {
        switch self {
        case .households: "households"
        case .members: "members"
        case .modelWorkers: "model_workers"
        case .aid: "aid_records"
        }
    }
}

/// Importing a file of spec §3, the one path every front end, the demo and the tests take:
/// all or nothing, every bad row reported, an audit line with the import.
public enum Imports {
    /// Past this size (about 300,000 rows) rebuilding the secondary indexes once beats
    /// keeping them during the load (`BangfuDatabase.inBulkTransaction`).
    public static let bulkThreshold = 32 << 20

    /// Imports the file at `path` as `kind` into `store`, in one transaction; `progress`
    /// hears the count of rows read now and then.
    public static func run(
        _ kind: ImportKind, path: String, into store: some RecordStore & AccountStore, context: RequestContext,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        // A file may hold archives of any union, so a union's account imports none; it
        // registers its archives one by one (the web's 建档), where its scope is checked.
        if let account = try Authority.check(.editArchives, context: context, in: store), let union = account.union {
            throw AuthorityError.importNeedsCityAccount(login: account.login, union: union)
        }
        return switch kind {
        case .households: try run(.households, kind, path, store, context, progress, write: RecordSinks.household)
        case .members: try run(.members, kind, path, store, context, progress, write: RecordSinks.member)
        case .modelWorkers: try run(.modelWorkers, kind, path, store, context, progress, write: RecordSinks.modelWorker)
        case .aid: try run(.aid, kind, path, store, context, progress, write: RecordSinks.aid)
        }
    }

    private static func run<Column, Record>(
        _ format: RecordFormat<Column, Record>, _ kind: ImportKind, _ path: String, _ store: some RecordStore, _ context: RequestContext,
        _ progress: (@Sendable (Int) -> Void)?, write: @escaping (any RecordWriting, Record, Int) throws -> SinkOutcome
    ) throws -> ImportSummary {
        let started = Date()
        let importer = CSVImporter(format: format, progress: progress, today: context.today)
        let work = { (writer: any RecordWriting) throws -> ImportSummary in
            var summary = try importer.run(path: path) { record, row in try write(writer, record, row) }
            let repeats = try writer.finishLoad()
            summary.written -= repeats
            summary.skipped += repeats
            let file = (path as NSString).lastPathComponent
            try writer.appendAudit(
                actor: context.actor.name, action: .importFile(kind.rawValue), batchID: nil,
                detail: "\(file): \(summary.rows) rows, \(summary.written) written, \(summary.skipped) skipped",
                at: context.timestamp)
            try writer.recordImport(kind: kind.rawValue, file: file, actor: context.actor.name, at: context.timestamp, on: context.today)
            return summary
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var summary = size > bulkThreshold ? try store.writeRecords(bulkInto: kind.table, work) : try store.writeRecords(work)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}
