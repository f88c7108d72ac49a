import BangfuCore
import Foundation
import GRDB

/// What a backup or a restore holds, for the person to check.
public struct BackupSummary: Sendable, Equatable {
    public var households: Int
    public var aidRecords: Int
    public var batches: Int
    public var auditLines: Int
    /// The last migration of the copy's schema.
    public var schema: String
}

/// Why a backup or a restore is refused; nothing was written.
public enum BackupError: Error, Equatable, Sendable, UserFacingError {
    /// The backup would overwrite a file: a backup never replaces anything.
    case targetExists(path: String)
    /// The file to restore is not there.
    case noSuchBackup(path: String)
    /// Not SQLite, or SQLite without Bangfu's tables.
    case notABangfuDatabase(path: String)
    /// Made by a newer Bangfu, whose schema this one does not know.
    case newerSchema(path: String)
    /// SQLite's integrity check found damage.
    case damaged(path: String, detail: String)
    /// The database to restore into holds records: replacing them needs `--replace`.
    case targetHoldsRecords(path: String)

    public var chinese: String {
        switch self {
        case .targetExists(let path): "备份文件 \(path.escapedForDisplay) 已存在；备份不会覆盖任何文件，请换一个文件名"
        case .noSuchBackup(let path): "找不到备份文件 \(path.escapedForDisplay)"
        case .notABangfuDatabase(let path): "\(path.escapedForDisplay) 不是帮扶系统的数据库，未恢复"
        case .newerSchema(let path): "\(path.escapedForDisplay) 由更新版本的 bangfu 创建，请升级 bangfu 后再恢复"
        case .damaged(let path, let detail): "\(path.escapedForDisplay) 未通过完整性检查（\(detail.escapedForDisplay)），未恢复"
        case .targetHoldsRecords(let path):
            "数据库 \(path.escapedForDisplay) 中已有数据；确需以备份替换时请加 --replace（原数据库会先另存一份）"
        }
    }

    public var english: String {
        switch self {
        case .targetExists(let path): "\(path.escapedForDisplay) exists: a backup never overwrites a file"
        case .noSuchBackup(let path): "no backup at \(path.escapedForDisplay)"
        case .notABangfuDatabase(let path): "\(path.escapedForDisplay) is not a Bangfu database"
        case .newerSchema(let path): "\(path.escapedForDisplay) was made by a newer bangfu"
        case .damaged(let path, let detail): "\(path.escapedForDisplay) fails the integrity check: \(detail.escapedForDisplay)"
        case .targetHoldsRecords(let path): "\(path.escapedForDisplay) holds records: pass --replace to replace them"
        }
    }

    public var failure: Failure {
        switch self {
        case .noSuchBackup: .notFound
        case .targetExists, .targetHoldsRecords: .refused
        case .notABangfuDatabase, .newerSchema, .damaged: .badInput
        }
    }
}

extension BangfuDatabase {
    /// Copies the database as it is at one moment to a new file at `path`, with SQLite's
    /// online backup: others go on reading and writing meanwhile, and the copy holds every
    /// transaction committed before it began and none after. The copy is written beside
    /// `path` under another name, checked, and renamed only when whole, so that a crash or a
    /// full disk leaves no file that looks like a backup. The audit line goes into the
    /// database first, so that the backup records it was taken.
    public func backup(to path: String, actor: String, at: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.targetExists(path: path) }
        try appendAudit(actor: actor, action: .databaseBackup, detail: "→ \(path)", at: at)
        let partial = (path as NSString).deletingLastPathComponent.isEmpty
            ? ".\(UUID().uuidString).partial" : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".\(UUID().uuidString).partial")
        do {
            let copy = try DatabaseQueue(path: partial)
            try queue.backup(to: copy)
            let summary = try Self.check(copy, path: path)
            try copy.close()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            return summary
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
            if let refusal = error as? BackupError { throw refusal }
            throw StoreError(error) ?? error
        }
    }

    /// Replaces the database at `target` with the backup at `source`, brought up to this
    /// version's schema. The backup is checked first — SQLite, Bangfu's tables, a schema
    /// this version knows, the integrity check — and a target that holds records is replaced
    /// only when `replace` says so, after it is itself backed up beside it (its path is
    /// returned). Run with the server stopped: its connections would read the new file's
    /// pages under the old one's caches.
    public static func restore(
        from source: String, into target: String, replace: Bool, actor: String, at: String
    ) throws -> (summary: BackupSummary, keptAs: String?) {
        guard FileManager.default.fileExists(atPath: source) else { throw BackupError.noSuchBackup(path: source) }
        var configuration = Configuration()
        configuration.readonly = true
        let backup: DatabaseQueue
        do {
            backup = try DatabaseQueue(path: source, configuration: configuration)
            _ = try backup.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") }
        } catch {
            throw BackupError.notABangfuDatabase(path: source)
        }
        let (tables, superseded) = try backup.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")), try Schema.migrator.hasBeenSuperseded(db))
        }
        guard tables.isSuperset(of: ["grdb_migrations", "households", "audit"]) else { throw BackupError.notABangfuDatabase(path: source) }
        if superseded { throw BackupError.newerSchema(path: source) }
        _ = try check(backup, path: source)

        var keptAs: String?
        if !isUnused(path: target) {
            guard replace else { throw BackupError.targetHoldsRecords(path: target) }
            let kept = target + ".before-restore-" + at.filter { $0.isNumber }.prefix(14) + ".sqlite"
            _ = try BangfuDatabase(path: target).backup(to: kept, actor: actor, at: at)
            keptAs = kept
        }
        let destination = try DatabaseQueue(path: target)
        try backup.backup(to: destination)
        try destination.close()
        let restored = try BangfuDatabase(path: target)
        try restored.appendAudit(actor: actor, action: .databaseRestore, detail: "← \(source)" + (keptAs.map { "; replaced database kept as \($0)" } ?? ""), at: at)
        let summary = try restored.queue.read { db in try summarise(db) }
        return (summary, keptAs)
    }

    /// SQLite's integrity check of `copy`, then what it holds.
    private static func check(_ copy: DatabaseQueue, path: String) throws -> BackupSummary {
        try copy.read { db in
            let verdict = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard verdict == ["ok"] else { throw BackupError.damaged(path: path, detail: verdict.prefix(3).joined(separator: "; ")) }
            return try summarise(db)
        }
    }

    private static func summarise(_ db: Database) throws -> BackupSummary {
        func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        return BackupSummary(
            households: try count("households"), aidRecords: try count("aid_records"), batches: try count("batches"),
            auditLines: try count("audit"), schema: try Schema.migrator.appliedMigrations(db).last ?? "")
    }
}
