import GRDB
import Testing

@testable import BangfuStore

/// A shipped migration is never edited (Schema.swift): databases in the field have run it
/// as it was, and an edit would give new files a schema old files never get. The schema
/// each migration leaves is recorded here as a digest; a failure means a migration was
/// changed. Add a new migration instead, and a line for it below.
struct MigrationFreezeTests {
    /// The digest of `sqlite_master` after each migration, oldest first.
    static let recorded: [(migration: String, digest: String)] = [
        ("v1 records", "47055b1ac0a1389c"),
        ("v2 batches", "dd0833c67fdee871"),
        ("v3 aid by batch", "9082cd064d3b425e"),
        ("v4 archives in key order", "629982dd0f7f87a6"),
        ("v5 accounts", "2b07329d87163251"),
        ("v6 name search", "e152c6d71f93f68c"),
        ("v7 archive history", "74c9abe8a3d25f0f"),
        ("v8 aid by student", "84b5b29047b0912c"),
        ("v9 project budgets", "a551c5e752aac888"),
        ("v10 duplicate decisions", "6f489bb21fd66ef0"),
        ("v11 audit filters", "5b03164432d7c7fe"),
        ("v12 bank returns", "5908701f4638e554"),
        ("v13 compact reasons", "378a76f030ecc973"),
        ("v14 unsettled transfers by person", "14d5d430e5e2656c"),
    ]

    /// FNV-1a, 64 bits, over the text's UTF-8: stable across runs and platforms (Swift's
    /// `Hasher` is seeded per process), and enough to notice any change.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Every table, index and trigger with its SQL, in name order.
    static func schemaText(_ db: Database) throws -> String {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'grdb_migrations' ORDER BY type, name")
            .map { "\($0["type"] as String) \($0["name"] as String) \($0["tbl_name"] as String) \(($0["sql"] as String?) ?? "")" }
            .joined(separator: "\n")
    }

    @Test func everyShippedMigrationLeavesTheSchemaItAlwaysLeft() throws {
        let migrator = Schema.migrator
        #expect(migrator.migrations == Self.recorded.map(\.migration), "a migration was added, removed or renamed: record it here")
        let queue = try DatabaseQueue()
        for (migration, digest) in Self.recorded {
            try migrator.migrate(queue, upTo: migration)
            let text = try queue.read { try Self.schemaText($0) }
            #expect(Self.digest(text) == digest, "migration «\(migration)» was edited (its schema digest is now \(Self.digest(text))): a shipped migration must stay as it was")
        }
    }
}
