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
    /// keeping them during the load (`BangfuDatabase.inBulkTransaction`). A file into an
    /// empty table goes the bulk way at any size: there is nothing to rebuild but its own
    /// rows, and the name search is filled once, sorted, instead of by triggers that
    /// insert at random, row by row (bench/README.md, "Plain Python peers").
    public static let bulkThreshold = 32 << 20

    /// Imports the file at `path` (CSV or xlsx, told apart by content) as `kind` into
    /// `store`, in one transaction; `progress` hears the count of rows read now and then.
    /// `name` is the file as the person knows it (an upload's own name), for messages and
    /// the audit line; by default the path.
    public static func run(
        _ kind: ImportKind, path: String, named name: String? = nil, into store: some RecordStore & AccountStore,
        context: RequestContext, progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try perform(kind, path: path, name: name, store: store, context: context, progress: progress, storing: true)
    }

    /// Runs the whole import of `path` as `run` would, in its transaction, and rolls it
    /// back: the same summary, or the same problems — a key repeated in the file or a member
    /// of an unknown archive included — and nothing stored, no audit line. The import
    /// wizard's preview.
    public static func check(
        _ kind: ImportKind, path: String, named name: String? = nil, in store: some RecordStore & AccountStore,
        context: RequestContext, progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try perform(kind, path: path, name: name, store: store, context: context, progress: progress, storing: false)
    }

    /// Refuses `account` the import of files: a role that may not edit archives, or an
    /// account of one union (a file may hold any union's archives). The wizard asks before
    /// anyone uploads; every import asks again.
    public static func requireImporter(_ account: Account) throws {
        try Authority.require(.editArchives, by: account)
        if let union = account.union { throw AuthorityError.importNeedsCityAccount(login: account.login, union: union) }
    }

    private static func perform(
        _ kind: ImportKind, path: String, name: String?, store: some RecordStore & AccountStore, context: RequestContext,
        progress: (@Sendable (Int) -> Void)?, storing: Bool
    ) throws -> ImportSummary {
        // A file may hold archives of any union, so a union's account imports none; it
        // registers its archives one by one (the web's 建档), where its scope is checked.
        if let account = try Authority.check(.editArchives, context: context, in: store) { try requireImporter(account) }
        let job = ImportRun(kind: kind, path: path, name: name ?? path, context: context, progress: progress, storing: storing)
        do {
            return switch kind {
            case .households: try job.run(.households, store, write: RecordSinks.household)
            case .members: try job.run(.members, store, write: RecordSinks.member)
            case .modelWorkers: try job.run(.modelWorkers, store, write: RecordSinks.modelWorker)
            case .aid: try job.run(.aid, store, write: RecordSinks.aid)
            }
        } catch let error as ImportError {
            throw error.naming(name ?? path)
        }
    }
}

/// One import or check of one file.
private struct ImportRun {
    let kind: ImportKind
    let path: String
    let name: String
    let context: RequestContext
    let progress: (@Sendable (Int) -> Void)?
    let storing: Bool

    /// How a check ends its transaction: thrown out of it after the whole import, so that
    /// the store rolls everything back, and caught outside with the summary.
    private struct RolledBack: Error { let summary: ImportSummary }

    func run<Column, Record>(
        _ format: RecordFormat<Column, Record>, _ store: some RecordStore,
        write: @escaping (any RecordWriting, Record, Int) throws -> SinkOutcome
    ) throws -> ImportSummary {
        let started = Date()
        let importer = CSVImporter(format: format, progress: progress, today: context.today)
        let work = { (writer: any RecordWriting) throws -> ImportSummary in
            var summary = try importer.run(path: path) { record, row in try write(writer, record, row) }
            let repeats = try writer.finishLoad()
            summary.written -= repeats
            summary.skipped += repeats
            summary.file = name
            guard storing else { throw RolledBack(summary: summary) }
            try writer.appendAudit(
                actor: context.actor.name, action: .importFile(kind.rawValue), batchID: nil,
                detail: "\((name as NSString).lastPathComponent): \(summary.rows) rows, \(summary.written) written, \(summary.skipped) skipped",
                at: context.timestamp)
            try writer.recordImport(
                kind: kind.rawValue, file: (name as NSString).lastPathComponent, actor: context.actor.name, at: context.timestamp, on: context.today)
            return summary
        }
        var summary: ImportSummary
        do {
            summary = try isBulk || store.isEmpty(table: kind.table)
                ? store.writeRecords(bulkInto: kind.table, work) : store.writeRecords(work)
        } catch let checked as RolledBack {
            summary = checked.summary
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Whether the file is large enough for the bulk load (`Imports.bulkThreshold`); an
    /// xlsx holds about five times the rows of a CSV of its size, being compressed.
    private var isBulk: Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let format = try? ImportFileFormat.of(path: path)
        return size * (format == .xlsx ? 5 : 1) > Imports.bulkThreshold
    }
}
