import Foundation
import Testing

/// `bangfu backup FILE` and `bangfu restore FILE [--replace]` (issue 17), end to end.
@Suite(.serialized)
struct BackupCommandTests {
    @Test func aBackupRestoresIntoANewDatabaseAndARestoreOverRecordsNeedsReplace() throws {
        let runner = try CommandRunner.withSmallArchive()
        let backup = runner.folder.appendingPathComponent("backup.sqlite").path
        let made = try runner.run(["backup", backup])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("已备份到 \(backup)：档案 "))
        let again = try runner.run(["backup", backup])
        #expect(again.status == 1 && again.stderr.contains("备份不会覆盖任何文件"))

        let fresh = runner.folder.appendingPathComponent("restored.sqlite").path
        let restored = try runner.run(["restore", backup, "--db", fresh], withDatabase: false)
        #expect(restored.status == 0, "\(restored.stderr)")
        let households = { (database: String) throws -> Int in
            let listed = try runner.run(["households", "list", "--format", "json", "--db", database], withDatabase: false)
            return (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.count ?? -1
        }
        #expect(try households(fresh) == households(runner.database))

        let refused = try runner.run(["restore", backup])
        #expect(refused.status == 1 && refused.stderr.contains("--replace"))
        let replaced = try runner.run(["restore", backup, "--replace"])
        #expect(replaced.status == 0 && replaced.stdout.contains("原数据库已另存为"), "\(replaced.stderr)")
        let audit = try runner.run(["audit", "--format", "json"]).stdout
        #expect(audit.contains("database restore"))
    }

    @Test func aBackupOfNoDatabaseIsAnErrorAndLeavesNoFile() throws {
        let runner = try CommandRunner()
        let backup = runner.folder.appendingPathComponent("backup.sqlite").path
        let missing = runner.folder.appendingPathComponent("mistyped.sqlite").path
        let result = try runner.run(["backup", backup, "--db", missing], withDatabase: false)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: missing) && !FileManager.default.fileExists(atPath: backup))
    }
}
