import GRDB

/// The index behind a search by part of a name (issue 15): every suffix of every head's and
/// member's name, folded to lower case as `LIKE` folds, beside its 档案编号. Any part of a
/// name is the start of one of its suffixes, so a part of any length — one character
/// included, which an FTS5 trigram index cannot look up — is one range of the key.
///
/// Triggers keep the table right whoever writes `households` or `members`; a bulk first
/// load goes without them and fills the table once, sorted (`deferredForBulkLoad`). The
/// trigger texts are part of the "v6 name search" migration: editing them edits a shipped
/// migration, which `MigrationFreezeTests` refuses.
enum NameSuffixes {
    /// The names of the triggers on `table`, for a bulk load to drop and remake.
    static let triggerPrefix = "name_suffixes_"

    /// The statements of the "v6 name search" migration, the filling of the table included.
    static var migrationSQL: String {
        """
        CREATE TABLE name_suffixes (
            suffix TEXT NOT NULL,
            archive_no TEXT NOT NULL,
            PRIMARY KEY (suffix, archive_no)
        ) WITHOUT ROWID;
        \(fillSQL(table: "households", name: "head_name"));
        \(fillSQL(table: "members", name: "name"));
        \(triggers(on: "households", name: "head_name", as: "household"))
        \(triggers(on: "members", name: "name", as: "member"))
        """
    }

    /// The triggers that keep the suffixes of column `name` of `table` as its rows come, change
    /// and go. A renumbered archive moves its members too (ON UPDATE CASCADE): each row's
    /// trigger moves its own name, in whichever order SQLite runs them.
    private static func triggers(on table: String, name: String, as row: String) -> String {
        """
        CREATE TRIGGER name_suffixes_\(row)_inserted AFTER INSERT ON \(table) BEGIN
            \(insert(name: "new.\(name)", archive: "new.archive_no"));
        END;
        CREATE TRIGGER name_suffixes_\(row)_updated AFTER UPDATE OF archive_no, \(name) ON \(table)
            WHEN old.archive_no IS NOT new.archive_no OR old.\(name) IS NOT new.\(name) BEGIN
            \(remove(name: "old.\(name)", archive: "old.archive_no"));
            \(insert(name: "new.\(name)", archive: "new.archive_no"));
        END;
        CREATE TRIGGER name_suffixes_\(row)_deleted AFTER DELETE ON \(table) BEGIN
            \(remove(name: "old.\(name)", archive: "old.archive_no"));
        END;
        """
    }

    /// The suffixes of the name `name` (an SQL expression), lower-cased, as rows of `rest`.
    private static func suffixes(of name: String) -> String {
        """
        WITH RECURSIVE s(rest) AS (SELECT lower(\(name)) UNION ALL SELECT substr(rest, 2) FROM s WHERE length(rest) > 1)
            SELECT rest FROM s WHERE rest <> ''
        """
    }

    private static func insert(name: String, archive: String) -> String {
        "INSERT INTO name_suffixes(suffix, archive_no) SELECT rest, \(archive) FROM (\(suffixes(of: name))) WHERE \(absent(archive))"
    }

    /// The condition that a suffix `rest` of `archive` is not stored yet. A trigger cannot
    /// skip a stored key with `INSERT OR IGNORE`: the statement that fires it imposes its
    /// own conflict policy (an import's upsert would fail on the key).
    private static func absent(_ archive: String) -> String {
        "NOT EXISTS (SELECT 1 FROM name_suffixes WHERE suffix = rest AND archive_no = \(archive))"
    }

    /// Removes the suffixes of a name that left `archive`, then puts back those another name
    /// of the archive still has (a father 王明 and his son 王小明 share 明), so that no
    /// count of owners is needed.
    private static func remove(name: String, archive: String) -> String {
        """
        DELETE FROM name_suffixes WHERE archive_no = \(archive) AND suffix IN (\(suffixes(of: name)));
            \(insertArchive(archive))
        """
    }

    /// The suffixes of every name `archive` holds now: its head's and its members'.
    private static func insertArchive(_ archive: String) -> String {
        """
        INSERT INTO name_suffixes(suffix, archive_no) SELECT rest, \(archive) FROM (
                WITH RECURSIVE s(rest) AS (
                    SELECT lower(head_name) FROM households WHERE archive_no = \(archive)
                    UNION SELECT lower(name) FROM members WHERE archive_no = \(archive)
                    UNION SELECT substr(rest, 2) FROM s WHERE length(rest) > 1)
                SELECT rest FROM s WHERE rest <> '')
            WHERE \(absent(archive))
        """
    }

    /// Adds the suffixes of the names in column `name` of every row of `table`, sorted, so
    /// that the table's B-tree is written in key order instead of at random.
    static func fillSQL(table: String, name: String) -> String {
        """
        INSERT OR IGNORE INTO name_suffixes(suffix, archive_no)
            SELECT rest, archive_no FROM (
                WITH RECURSIVE s(rest, archive_no) AS (
                    SELECT lower(\(name)), archive_no FROM \(table)
                    UNION ALL SELECT substr(rest, 2), archive_no FROM s WHERE length(rest) > 1)
                SELECT rest, archive_no FROM s WHERE rest <> '')
            ORDER BY 1, 2
        """
    }

    /// The name column whose suffixes the index keeps for `table`; nil for other tables.
    private static func nameColumn(of table: String) -> String? {
        switch table {
        case "households": "head_name"
        case "members": "name"
        default: nil
        }
    }

    /// For a bulk load into `table` while it is empty: drops the table's name-suffix
    /// triggers, which would insert at random, row by row (see bench/README.md, "Archive
    /// search"), and returns what remakes them and adds the suffixes of every row loaded,
    /// sorted, in the same transaction. Every row of a table that was empty comes from the
    /// load, so the rows' suffixes are exactly what the triggers would have added; a load
    /// into a table with rows keeps the triggers, which also see its updates. Returns nil
    /// when there is nothing to defer.
    static func deferredForBulkLoad(_ db: Database, into table: String, tableIsEmpty: Bool) throws -> (() throws -> Void)? {
        guard tableIsEmpty, let name = nameColumn(of: table) else { return nil }
        let triggers = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE ?",
            arguments: [table, triggerPrefix + "%"])
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
        return {
            try db.execute(sql: fillSQL(table: table, name: name))
            for trigger in triggers { try db.execute(sql: trigger["sql"]) }
        }
    }
}
