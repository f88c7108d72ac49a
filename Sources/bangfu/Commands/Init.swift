import ArgumentParser

extension Bangfu {
    /// `bangfu init`: create or migrate the database; idempotent.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "创建或升级数据库 (create or migrate the database).")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let migrations = try store.appliedMigrations()
            print("数据库已就绪：\(database.path)（结构版本 \(migrations.count)：\(migrations.last ?? "")）")
        }
    }
}
