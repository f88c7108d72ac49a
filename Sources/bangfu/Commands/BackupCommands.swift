import ArgumentParser
import BangfuApp
import BangfuStore

extension Bangfu {
    /// `bangfu backup FILE`: a copy of the database at one moment, safe while the server runs.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "备份数据库到新文件，服务运行时也可备份 (back the database up to a new file).")
        @Argument(help: "备份文件（不能已存在） (the new backup file)") var file: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            // A mistyped --db is an error, not a new empty database to back up.
            _ = try database.openForReading()
            let summary = try DatabaseCopies.backup(try database.open(), to: file, context: try actor.context())
            print("已备份到 \(file)：\(Self.describe(summary)) (backup written)")
        }

        static func describe(_ summary: BackupSummary) -> String {
            "档案 \(summary.households) 户，救助记录 \(summary.aidRecords) 条，批次 \(summary.batches) 个，操作记录 \(summary.auditLines) 条，结构版本 \(summary.schema)"
        }
    }

    /// `bangfu restore FILE [--replace]`: the database replaced by a backup, with the server stopped.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "用备份恢复数据库，请先停止 bangfu serve (restore the database from a backup).")
        @Argument(help: "备份文件 (the backup)") var file: String
        @Flag(help: "数据库中已有数据时仍以备份替换（原库先另存） (replace a database that holds records; it is kept beside first)") var replace = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let (summary, keptAs) = try DatabaseCopies.restore(from: file, into: database.path, replace: replace, context: try actor.context())
            if let keptAs { print("原数据库已另存为 \(keptAs) (the replaced database is kept)") }
            print("已从 \(file) 恢复到 \(database.path)：\(Backup.describe(summary)) (restored)")
        }
    }
}
