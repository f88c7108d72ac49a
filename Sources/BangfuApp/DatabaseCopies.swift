import BangfuCore
import BangfuStore

/// `bangfu backup` and `bangfu restore` (issue 17): the administrator's tools on the server,
/// as the CLI is (spec §9's last paragraph); each is an audit line.
public enum DatabaseCopies {
    /// A copy of `store` at one moment in a new file at `path`, safe while the server runs.
    public static func backup(_ store: BangfuDatabase, to path: String, context: RequestContext) throws -> BackupSummary {
        try store.backup(to: path, actor: context.actor.name, at: context.timestamp)
    }

    /// The database at `target` replaced by the backup at `source` (see `BangfuDatabase.restore`).
    public static func restore(from source: String, into target: String, replace: Bool, context: RequestContext) throws -> (summary: BackupSummary, keptAs: String?) {
        try BangfuDatabase.restore(from: source, into: target, replace: replace, actor: context.actor.name, at: context.timestamp)
    }
}
