import GRDB

/// The schema, one migration per shipped change. A shipped migration is never edited:
/// add a new one (`MigrationFreezeTests` holds the digest of the schema each one leaves,
/// and fails when one changes). Table and column names are strings here, not app types, so that
/// renaming a Swift property can never rewrite history.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Values are checked in the domain types before they reach SQL (an enum cannot hold
        // an unknown category); CHECK constraints on these tables measured 2.2× slower
        // bulk inserts on SQLite 3.40, so the schema keeps NOT NULL, UNIQUE and FOREIGN KEY.
        migrator.registerMigration("v1 records") { db in
            try db.execute(sql: """
                CREATE TABLE households (
                    id INTEGER PRIMARY KEY,
                    archive_no TEXT NOT NULL UNIQUE,
                    head_name TEXT NOT NULL,
                    head_id_number TEXT NOT NULL,
                    work_unit TEXT NOT NULL DEFAULT '',
                    union_name TEXT NOT NULL DEFAULT '',
                    category TEXT NOT NULL,
                    registered_on TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    annual_income_fen INTEGER NOT NULL,
                    medical_expense_fen INTEGER,
                    cause TEXT,
                    phone TEXT NOT NULL DEFAULT '',
                    bank_name TEXT NOT NULL DEFAULT '',
                    bank_account TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL DEFAULT 'active',
                    -- Which import wrote the row last, and from which row of its file: a key
                    -- written twice by one import is a key repeated within one file.
                    import_stamp INTEGER NOT NULL DEFAULT 0,
                    import_row INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE members (
                    id INTEGER PRIMARY KEY,
                    archive_no TEXT NOT NULL REFERENCES households(archive_no) ON UPDATE CASCADE,
                    name TEXT NOT NULL,
                    id_number TEXT NOT NULL,
                    relation TEXT NOT NULL DEFAULT '',
                    school_stage TEXT NOT NULL DEFAULT 'none',
                    school TEXT,
                    note TEXT,
                    -- Which import wrote the row last, and from which row of its file: a key
                    -- written twice by one import is a key repeated within one file.
                    import_stamp INTEGER NOT NULL DEFAULT 0,
                    import_row INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (archive_no, id_number)
                );
                CREATE INDEX members_by_id_number ON members(id_number);

                CREATE TABLE model_workers (
                    id INTEGER PRIMARY KEY,
                    id_number TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    level TEXT NOT NULL,
                    title TEXT NOT NULL DEFAULT '',
                    work_unit TEXT NOT NULL DEFAULT '',
                    annual_income_fen INTEGER NOT NULL,
                    hardship TEXT NOT NULL,
                    special_cause TEXT,
                    phone TEXT NOT NULL DEFAULT '',
                    bank_name TEXT NOT NULL DEFAULT '',
                    bank_account TEXT NOT NULL DEFAULT '',
                    -- Which import wrote the row last, and from which row of its file: a key
                    -- written twice by one import is a key repeated within one file.
                    import_stamp INTEGER NOT NULL DEFAULT 0,
                    import_row INTEGER NOT NULL DEFAULT 0
                );

                -- Aid paid to a person: imported lists (batch_id NULL) and, later, paid batches.
                CREATE TABLE aid_records (
                    id INTEGER PRIMARY KEY,
                    id_number TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    amount_fen INTEGER NOT NULL,
                    paid_on TEXT NOT NULL,
                    payer TEXT NOT NULL,
                    student_id_number TEXT NOT NULL DEFAULT '',
                    batch_id INTEGER
                );
                CREATE INDEX aid_records_by_person ON aid_records(id_number, paid_on);
                CREATE INDEX aid_records_by_date ON aid_records(paid_on, kind);
                -- spec §3.4: a row identical to one already stored is skipped.
                CREATE UNIQUE INDEX aid_records_imported_once ON aid_records(
                    id_number, kind, paid_on, amount_fen, payer, student_id_number, name)
                    WHERE batch_id IS NULL;

                -- Append-only: the application never updates or deletes an audit row.
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    batch_id INTEGER,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE TRIGGER audit_rows_are_never_updated BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
                CREATE TRIGGER audit_rows_are_never_deleted BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
                """)
        }
        migrator.registerMigration("v2 batches") { db in
            try db.execute(sql: """
                CREATE TABLE batches (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'draft',
                    date TEXT NOT NULL,
                    project TEXT,
                    budget_fen INTEGER,
                    policy_id TEXT NOT NULL,
                    policy_path TEXT NOT NULL,
                    -- The policy file as it was at creation: a recompute uses the same standards.
                    policy_text TEXT NOT NULL,
                    dibao_monthly_fen INTEGER,
                    total_fen INTEGER NOT NULL DEFAULT 0,
                    -- The policy's [workflow] reviews at creation, e.g. 'first,second'.
                    required_reviews TEXT NOT NULL DEFAULT '',
                    created_at TEXT NOT NULL,
                    computed_at TEXT,
                    first_reviewed_by TEXT,
                    first_reviewed_at TEXT,
                    second_reviewed_by TEXT,
                    second_reviewed_at TEXT,
                    approved_by TEXT,
                    approved_at TEXT,
                    paid_on TEXT,
                    paid_by TEXT,
                    paid_at TEXT
                );
                -- Keyed by batch and position: entries are written in position order, so the
                -- key grows at its end; no index by person (it cost a third of a batch's
                -- write time; the duplicate check sorts instead).
                CREATE TABLE batch_entries (
                    batch_id INTEGER NOT NULL REFERENCES batches(id),
                    position INTEGER NOT NULL,
                    id_number TEXT NOT NULL,
                    name TEXT NOT NULL,
                    archive_no TEXT,
                    student_id_number TEXT,
                    eligible INTEGER NOT NULL,
                    amount_fen INTEGER NOT NULL,
                    reasons TEXT NOT NULL,
                    -- Set when a reviewer takes the entry out (batch exclude); amount_fen keeps
                    -- what was computed, the batch total leaves it out.
                    excluded_reason TEXT,
                    excluded_by TEXT,
                    excluded_at TEXT,
                    PRIMARY KEY (batch_id, position)
                ) WITHOUT ROWID;
                -- What an audit line is about beyond its batch: a 身份证号, or aid record ids.
                ALTER TABLE audit ADD COLUMN subject TEXT NOT NULL DEFAULT '';
                """)
        }
        migrator.registerMigration("v3 aid by batch") { db in
            // The records a batch paid, for a same_batch finding. Partial: imported records
            // (no batch) cost the index nothing.
            try db.execute(sql: "CREATE INDEX aid_records_by_batch ON aid_records(batch_id) WHERE batch_id IS NOT NULL")
        }
        migrator.registerMigration("v4 archives in key order") { db in
            // Archives and members stored in the order of their keys (档案编号; 档案编号 and
            // 身份证号), WITHOUT ROWID. A batch reads every 在档 archive and every member in
            // that order, which through separate key indexes cost a table look-up per row
            // (the sqlite3 shell, 3 million members: 3.45 s, now 1.9 s), and an import
            // writes one B-tree less (the same member inserts: 10.3 s, now 9.3 s). Listings
            // keep the file order of members through import_stamp and import_row. Nothing
            // referred to the rowids dropped. (GRDB runs a migration with foreign keys off
            // and checks them after, as SQLite's way of remaking a table asks.)
            try db.execute(sql: """
                CREATE TABLE households_in_key_order (
                    archive_no TEXT NOT NULL PRIMARY KEY,
                    head_name TEXT NOT NULL,
                    head_id_number TEXT NOT NULL,
                    work_unit TEXT NOT NULL DEFAULT '',
                    union_name TEXT NOT NULL DEFAULT '',
                    category TEXT NOT NULL,
                    registered_on TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    annual_income_fen INTEGER NOT NULL,
                    medical_expense_fen INTEGER,
                    cause TEXT,
                    phone TEXT NOT NULL DEFAULT '',
                    bank_name TEXT NOT NULL DEFAULT '',
                    bank_account TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL DEFAULT 'active',
                    -- Which import wrote the row last, and from which row of its file: a key
                    -- written twice by one import is a key repeated within one file.
                    import_stamp INTEGER NOT NULL DEFAULT 0,
                    import_row INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                INSERT INTO households_in_key_order
                    SELECT archive_no, head_name, head_id_number, work_unit, union_name, category, registered_on, size,
                        annual_income_fen, medical_expense_fen, cause, phone, bank_name, bank_account, status,
                        import_stamp, import_row
                    FROM households ORDER BY archive_no;

                CREATE TABLE members_in_key_order (
                    archive_no TEXT NOT NULL REFERENCES households(archive_no) ON UPDATE CASCADE,
                    name TEXT NOT NULL,
                    id_number TEXT NOT NULL,
                    relation TEXT NOT NULL DEFAULT '',
                    school_stage TEXT NOT NULL DEFAULT 'none',
                    school TEXT,
                    note TEXT,
                    -- Which import wrote the row last, and from which row of its file: a key
                    -- written twice by one import is a key repeated within one file.
                    import_stamp INTEGER NOT NULL DEFAULT 0,
                    import_row INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (archive_no, id_number)
                ) WITHOUT ROWID;
                INSERT INTO members_in_key_order
                    SELECT archive_no, name, id_number, relation, school_stage, school, note, import_stamp, import_row
                    FROM members ORDER BY archive_no, id_number;

                DROP TABLE members;
                DROP TABLE households;
                ALTER TABLE households_in_key_order RENAME TO households;
                ALTER TABLE members_in_key_order RENAME TO members;
                CREATE INDEX members_by_id_number ON members(id_number);
                """)
        }
        migrator.registerMigration("v5 accounts") { db in
            // spec §8: people act through accounts. Roles as their spec words, comma
            // separated; union_name NULL for an account of the whole city. Only a bcrypt hash
            // of the password is kept. Sessions are kept by the SHA-256 of their token, so the
            // file holds nothing a stolen copy could sign in with; times in Unix seconds, for
            // the idle and lock-out arithmetic. Login failures are kept for the lock (5 in 15
            // minutes); nothing here is ever deleted by the program but ended sessions' rows.
            try db.execute(sql: """
                CREATE TABLE accounts (
                    login TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    union_name TEXT,
                    active INTEGER NOT NULL DEFAULT 1,
                    password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    password_changed_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE sessions (
                    token_sha256 TEXT NOT NULL PRIMARY KEY,
                    login TEXT NOT NULL REFERENCES accounts(login),
                    started_at INTEGER NOT NULL,
                    last_used_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE login_failures (
                    id INTEGER PRIMARY KEY,
                    login TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX login_failures_by_login ON login_failures(login, at);
                -- Who created and who last computed a batch: neither may approve it (spec §8).
                ALTER TABLE batches ADD COLUMN created_by TEXT;
                ALTER TABLE batches ADD COLUMN computed_by TEXT;
                """)
        }
        migrator.registerMigration("v6 name search") { db in
            // Issue 15: archive search on a million archives. A part of a name is looked up
            // in the suffixes of the names (NameSuffixes, kept by triggers); a head's 身份证号
            // and an account's union by index, not by reading every archive.
            try db.execute(sql: NameSuffixes.migrationSQL)
            try db.execute(sql: """
                CREATE INDEX households_by_head_id_number ON households(head_id_number);
                CREATE INDEX households_by_union ON households(union_name);
                """)
        }
        migrator.registerMigration("v7 archive history") { db in
            // Each archive's change history (建档, edits old → new, members added, removed or
            // changed, 脱困 / 销档 with the reason), append-only as the audit trail is. Values
            // are kept as people read them then, so a later change of wording rewrites nothing.
            // Imports write no line per archive (a province's file is millions of rows): each
            // import is one row of import_runs under the stamp its rows carry (import_stamp),
            // and an archive's history names the imports that last wrote it and its members.
            // changed_on is the day an archive last changed, imports included, for the
            // 工作台's "archives not updated for a year"; archives written before this version
            // take the day of their last import (from its stamp, UTC), else their 建档日期.
            try db.execute(sql: """
                CREATE TABLE archive_history (
                    id INTEGER PRIMARY KEY,
                    archive_no TEXT NOT NULL REFERENCES households(archive_no) ON UPDATE CASCADE,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    what TEXT NOT NULL,
                    field TEXT NOT NULL DEFAULT '',
                    member TEXT NOT NULL DEFAULT '',
                    old_value TEXT,
                    new_value TEXT,
                    reason TEXT
                );
                CREATE INDEX archive_history_by_archive ON archive_history(archive_no, id);
                CREATE TRIGGER archive_history_is_never_updated BEFORE UPDATE ON archive_history
                    BEGIN SELECT RAISE(ABORT, 'archive history is append-only'); END;
                CREATE TRIGGER archive_history_is_never_deleted BEFORE DELETE ON archive_history
                    BEGIN SELECT RAISE(ABORT, 'archive history is append-only'); END;

                CREATE TABLE import_runs (
                    stamp INTEGER NOT NULL PRIMARY KEY,
                    kind TEXT NOT NULL,
                    file TEXT NOT NULL,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL
                );

                ALTER TABLE households ADD COLUMN changed_on TEXT NOT NULL DEFAULT '';
                UPDATE households SET changed_on = max(
                    CASE WHEN import_stamp > 0 THEN date(import_stamp / 1000000, 'unixepoch') ELSE registered_on END,
                    coalesce((SELECT date(max(m.import_stamp) / 1000000, 'unixepoch') FROM members m
                              WHERE m.archive_no = households.archive_no AND m.import_stamp > 0), ''));
                CREATE INDEX households_by_change ON households(status, changed_on);
                """)
        }
        migrator.registerMigration("v8 aid by student") { db in
            // A household's page lists the 助学 paid for its children to whoever received it;
            // without this index that look-up read every aid record (a million: seconds per
            // page). Only the records that name a student are in it.
            try db.execute(sql: "CREATE INDEX aid_records_by_student ON aid_records(student_id_number) WHERE student_id_number <> ''")
        }
        migrator.registerMigration("v9 project budgets") { db in
            // A batch keeps its project's 全年预算数 as the project file gave it at creation
            // (as it keeps its policy's text), so that approval can refuse a batch that takes
            // the project past its budget; null: no project, or no file for it. The approval
            // sums the project's other batches by name and year, hence the index.
            try db.execute(sql: """
                ALTER TABLE batches ADD COLUMN project_budget_fen INTEGER;
                CREATE INDEX batches_by_project ON batches(project, date) WHERE project IS NOT NULL;
                """)
        }
        migrator.registerMigration("v10 duplicate decisions") { db in
            // Issue 16: duplicate-aid findings as a review queue. A finding is named by a
            // keyed digest of its identity (year, code, subject, full 身份证号s), so that pages
            // and the API name it without the numbers a masked viewer may not see, and nobody
            // recovers them by hashing guesses: the key is this database's own, made here.
            // Decisions are append-only, as the audit trail is: a later one replaces an
            // earlier one and both stay. id_numbers keeps the people (sorted, comma
            // separated) for whoever reads the table itself.
            try db.execute(sql: """
                CREATE TABLE duplicate_finding_key (key TEXT NOT NULL);
                INSERT INTO duplicate_finding_key(key) VALUES (lower(hex(randomblob(32))));
                CREATE TABLE duplicate_decisions (
                    id INTEGER PRIMARY KEY,
                    finding_id TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    id_numbers TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    action TEXT,
                    note TEXT NOT NULL,
                    decided_by TEXT NOT NULL,
                    decided_at TEXT NOT NULL
                );
                CREATE INDEX duplicate_decisions_by_year ON duplicate_decisions(year, finding_id, id);
                CREATE TRIGGER duplicate_decisions_are_never_updated BEFORE UPDATE ON duplicate_decisions
                    BEGIN SELECT RAISE(ABORT, 'duplicate decisions are append-only'); END;
                CREATE TRIGGER duplicate_decisions_are_never_deleted BEFORE DELETE ON duplicate_decisions
                    BEGIN SELECT RAISE(ABORT, 'duplicate decisions are append-only'); END;
                """)
        }
        migrator.registerMigration("v11 audit filters") { db in
            // The audit page (issue 16) filters by account, action and time, newest first, 50
            // a page. On 2 million lines each filter scanned the table (1–3 s a page); these
            // indexes keep each one's lines in time order, so a page reads 50 of them. The
            // last is the sign-ins alone, for each account's last sign-in.
            try db.execute(sql: """
                CREATE INDEX audit_by_actor ON audit(actor, at);
                CREATE INDEX audit_by_action ON audit(action, at);
                CREATE INDEX audit_by_time ON audit(at);
                CREATE INDEX audit_sign_ins ON audit(actor, at) WHERE action = 'sign in';
                """)
        }
        migrator.registerMigration("v12 bank returns") { db in
            // Issue 19: the bank's return file (回盘). A paid batch's bank list is kept as it
            // was paid, one transfer per person and account (round 0), and so is each re-issue
            // (补发) of its failed transfers (round 1, 2…), each transfer with what the bank
            // reported: not yet, transferred on a day, failed on a day for a reason, or given
            // up (cancelled, with the reason). batch_transfer_entries says which entries a
            // transfer pays. An entry's aid record carries its position, so that a failure
            // removes exactly its record and the unique index refuses a second record for one
            // entry: the schema itself never pays an entry twice. Records of batches paid
            // before this version get their positions here: `batch pay` wrote them in entry
            // order, one per payable entry, so the n-th record of a batch is its n-th payable
            // entry.
            try db.execute(sql: """
                CREATE TABLE batch_transfers (
                    id INTEGER PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES batches(id),
                    round INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    id_number TEXT NOT NULL,
                    name TEXT NOT NULL,
                    bank_name TEXT NOT NULL,
                    bank_account TEXT NOT NULL,
                    amount_fen INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'not_reported',
                    bank_date TEXT,
                    reason TEXT,
                    reported_by TEXT,
                    reported_at TEXT,
                    cancel_reason TEXT,
                    cancelled_by TEXT,
                    cancelled_at TEXT,
                    UNIQUE (batch_id, round, line)
                );
                CREATE TABLE batch_transfer_entries (
                    transfer_id INTEGER NOT NULL REFERENCES batch_transfers(id),
                    batch_id INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    round INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, position, round)
                ) WITHOUT ROWID;
                CREATE INDEX batch_transfer_entries_by_transfer ON batch_transfer_entries(transfer_id);
                CREATE TABLE batch_reissues (
                    batch_id INTEGER NOT NULL REFERENCES batches(id),
                    round INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    prepared_by TEXT NOT NULL,
                    prepared_at TEXT NOT NULL,
                    approved_by TEXT,
                    approved_at TEXT,
                    paid_on TEXT,
                    paid_by TEXT,
                    paid_at TEXT,
                    PRIMARY KEY (batch_id, round)
                ) WITHOUT ROWID;

                ALTER TABLE aid_records ADD COLUMN batch_position INTEGER;
                CREATE TEMP TABLE numbered_records AS
                    SELECT id, batch_id, row_number() OVER (PARTITION BY batch_id ORDER BY id) AS n
                    FROM aid_records WHERE batch_id IS NOT NULL;
                CREATE TEMP TABLE numbered_entries AS
                    SELECT batch_id, position, row_number() OVER (PARTITION BY batch_id ORDER BY position) AS n
                    FROM batch_entries WHERE eligible = 1 AND excluded_reason IS NULL AND amount_fen > 0
                        AND batch_id IN (SELECT id FROM batches WHERE status = 'paid');
                CREATE INDEX temp.numbered_records_by_id ON numbered_records(id);
                CREATE INDEX temp.numbered_entries_by_n ON numbered_entries(batch_id, n);
                UPDATE aid_records SET batch_position = (
                    SELECT e.position FROM numbered_records r JOIN numbered_entries e ON e.batch_id = r.batch_id AND e.n = r.n
                    WHERE r.id = aid_records.id)
                WHERE batch_id IS NOT NULL;
                DROP TABLE temp.numbered_records;
                DROP TABLE temp.numbered_entries;
                CREATE UNIQUE INDEX aid_records_once_per_entry ON aid_records(batch_id, batch_position) WHERE batch_position IS NOT NULL;
                """)
        }
        migrator.registerMigration("v13 compact reasons") { db in
            // Issue 20: an entry's reasons as template numbers and its own numbers
            // (`EntryReasons`, ~20 bytes where the text took ~230), the templates once per
            // batch, printed when shown. reasons_cut says whether the lines say a cut
            // (`StoredReasons.cutMarks`), which the text was searched for. Entries computed
            // before keep their text in `reasons` and are shown from it: converting them
            // would mean parsing Chinese sentences back into numbers, and a paid batch's
            // reasons are a record that must not change; a new computation of the batch
            // writes it compactly. New entries store '' in `reasons`.
            try db.execute(sql: """
                ALTER TABLE batch_entries ADD COLUMN reason_lines BLOB;
                ALTER TABLE batch_entries ADD COLUMN reasons_cut INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE batch_reason_templates (
                    batch_id INTEGER NOT NULL REFERENCES batches(id),
                    number INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (batch_id, number)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v14 unsettled transfers by person") { db in
            // A household's page shows its people's transfers that failed or were cancelled: they
            // are no aid record, and the clerk who is asked about the money must see why. Few
            // transfers fail, so a partial index costs the payment nothing.
            try db.execute(sql: """
                CREATE INDEX batch_transfers_unsettled_by_person ON batch_transfers(id_number) WHERE state IN ('failed', 'cancelled')
                """)
        }
        return migrator
    }
}
