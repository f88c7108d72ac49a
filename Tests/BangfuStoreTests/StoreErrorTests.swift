import Foundation
import GRDB
import Testing

@testable import BangfuStore

/// What a clerk reads when SQLite refuses: a sentence in Chinese and English, never the SQL
/// statement or the library's wording (issue 21: `CREATE TABLE grdb_issue_102` was shown).
struct StoreErrorTests {
    @Test func aSumBeyondSixtyFourBitsIsSaidAsAnAmountOverflow() throws {
        let queue = try DatabaseQueue()
        do {
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT sum(x) FROM (SELECT 9223372036854775807 AS x UNION ALL SELECT 5)") }
            Issue.record("SQLite added past 64 bits")
        } catch {
            let said = try #require(StoreError(error))
            #expect(said == .failed(.amountOverflow))
            #expect(said.chinese.contains("金额合计超出可计算的范围"))
            #expect(!said.message.contains("SELECT"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsSaidSoWithoutSQL() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        try Data("档案编号,户主姓名\n".utf8).write(to: URL(fileURLWithPath: path))
        for access in [BangfuDatabase.Access.readWrite, .readOnly] {
            #expect(throws: StoreError.cannotOpen(path: path, .notADatabase)) {
                try BangfuDatabase(path: path, access: access)
            }
        }
    }

    @Test func aReadOnlyOpenOfAMissingFileIsRefusedAndCreatesNothing() throws {
        let path = temporaryStorePath()
        #expect(throws: StoreError.noSuchDatabase(path: path)) { try BangfuDatabase(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aDatabaseOfANewerBangfuIsRefusedUnchanged() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        _ = try BangfuDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99 from the future')") }
        try queue.close()
        for access in [BangfuDatabase.Access.readWrite, .readOnly] {
            #expect(throws: StoreError.newerSchema(path: path)) { try BangfuDatabase(path: path, access: access) }
        }
    }

    @Test func aReadOnlyOpenOfAnOlderSchemaBringsItUpToDate() throws {
        let path = temporaryStorePath()
        defer { removeStore(at: path) }
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v2 batches")
        try queue.close()
        let store = try BangfuDatabase(path: path, access: .readOnly)
        #expect(try store.appliedMigrations() == Schema.migrator.migrations)
    }
}
