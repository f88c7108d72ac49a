import BangfuCore
import GRDB

/// spec §5's duplicate-aid check, set-based: each finding code is one GROUP BY query over
/// the year's records (never a loop over pairs). The records behind a finding come back
/// packed in `group_concat`, fields split by U+001F and records by U+001E.
extension BangfuDatabase {
    public func duplicateReport(year: Int, limits: AnnualLimits?) throws -> DuplicateReport {
        let range = ["\(year)-01-01", "\(year)-12-31"]
        // The check sorts and groups millions of rows in temporary tables: in memory that is
        // twice as fast as in temporary files (1M households: 14 s → 7 s for the person table).
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        defer { try? queue.inDatabase { db in try db.execute(sql: "PRAGMA temp_store = DEFAULT") } }
        // Temp tables are written, so this runs in a write transaction (nothing else is).
        return try queue.write { db in
            try Self.preparePeople(db)
            var findings: [DuplicateFinding] = []
            findings += try Self.sameBatch(db, range)
            if let limits { findings += try Self.overAnnualLimit(db, range, limits) }
            findings += try Self.twoHouseholds(db, range)
            findings += try Self.crossAgency(db, range)
            findings += try Self.sharedAccount(db)
            findings += try Self.idNameMismatch(db, range)
            let union = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM aid_records WHERE payer = '工会' AND paid_on BETWEEN ? AND ?", arguments: StatementArguments(range)) ?? 0
            try db.execute(sql: "DROP TABLE temp.person_archive")
            return DuplicateReport(year: year, findings: findings, unionAidRecords: union, limitsChecked: limits != nil)
        }
    }

    /// Every person with the archives that list them (heads and members), indexed both ways.
    private static func preparePeople(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.person_archive;
            CREATE TEMP TABLE person_archive AS
                SELECT id_number, archive_no, name FROM members
                UNION ALL SELECT head_id_number, archive_no, head_name FROM households h
                    WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.archive_no = h.archive_no AND m.id_number = h.head_id_number);
            CREATE INDEX temp.person_archive_by_person ON person_archive(id_number, archive_no);
            """)
    }

    // MARK: - same_batch

    private static func sameBatch(_ db: Database, _ range: [String]) throws -> [DuplicateFinding] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.batch_id, b.name AS batch_name, coalesce(e.student_id_number, e.id_number) AS person,
                   max(s.name) AS student_name,
                   group_concat(e.position || char(31) || e.name || char(31) || e.amount_fen || char(31) || coalesce(e.archive_no, ''), char(30)) AS entries
            FROM batch_entries e JOIN batches b ON b.id = e.batch_id
            LEFT JOIN members s ON e.student_id_number IS NOT NULL AND s.archive_no = e.archive_no AND s.id_number = e.student_id_number
            WHERE b.date BETWEEN ? AND ? AND e.eligible = 1 AND e.excluded_reason IS NULL
            GROUP BY e.batch_id, person HAVING count(*) > 1
            """, arguments: StatementArguments(range))
        return try rows.map { row in
            let person: String = row["person"]
            let batch: Int64 = row["batch_id"]
            let entries = packed(row["entries"]).map { SameBatchEntry(position: Int($0[0]) ?? 0, name: $0[1], amount: Money(fen: Int($0[2]) ?? 0), archive: $0[3]) }
            let records = try Int64.fetchAll(
                db, sql: "SELECT id FROM aid_records WHERE batch_id = ? AND (CASE WHEN student_id_number <> '' THEN student_id_number ELSE id_number END) = ?",
                arguments: [batch, person])
            return DuplicateFinding(
                code: .sameBatch, idNumbers: [person],
                detail: FindingText.sameBatch(batch: batch, batchName: row["batch_name"], person: person, student: row["student_name"], entries: entries),
                aidRecordIDs: records)
        }
    }

    // MARK: - over_annual_limit

    private static func overAnnualLimit(_ db: Database, _ range: [String], _ limits: AnnualLimits) throws -> [DuplicateFinding] {
        var findings: [DuplicateFinding] = []
        // Only the ids are gathered per group: SQLite builds every group's aggregate before
        // HAVING keeps a few, and full texts for a million groups cost more than the check.
        let aidList = "group_concat(a.id)"
        // 生活 and 医疗: per household, whoever of it was paid.
        let householdLimits = HardshipCategory.allCases.map { category in
            "('living', '\(category.rawValue)', \(limits.living[category]?.fen ?? 0)), ('medical', '\(category.rawValue)', \(limits.medical.fen))"
        }.joined(separator: ", ")
        let households = try Row.fetchAll(db, sql: """
            WITH limits(kind, category, fen) AS (VALUES \(householdLimits))
            SELECT h.archive_no, h.head_name, h.head_id_number, h.category, a.kind, sum(a.amount_fen) AS total, l.fen AS limit_fen, \(aidList) AS aid
            FROM aid_records a
            JOIN person_archive p ON p.id_number = a.id_number
            JOIN households h ON h.archive_no = p.archive_no
            JOIN limits l ON l.kind = a.kind AND l.category = h.category
            WHERE a.payer = '工会' AND a.paid_on BETWEEN ? AND ? AND a.kind IN ('living', 'medical')
            GROUP BY h.archive_no, a.kind HAVING sum(a.amount_fen) > l.fen
            """, arguments: StatementArguments(range))
        for row in households {
            let aid = try paidAid(db, ids: row["aid"])
            let kind = AidKind(rawValue: row["kind"]) ?? .other
            let category = HardshipCategory(rawValue: row["category"]) ?? .relative
            findings.append(DuplicateFinding(
                code: .overAnnualLimit, idNumbers: Array(Set(aid.map(\.idNumber).filter { !$0.isEmpty })).sorted().nonEmpty(or: [row["head_id_number"]]),
                detail: FindingText.householdOverLimit(
                    archive: row["archive_no"], head: row["head_name"], category: category, kind: kind, year: limits.year,
                    total: Money(fen: row["total"]), limit: Money(fen: row["limit_fen"]), dibao: limits.dibao, aid: aid),
                aidRecordIDs: aid.map(\.id)))
        }
        // 助学: per student, by stage and category.
        let studentLimits = limits.education.flatMap { stage, byCategory in
            byCategory.map { "('\(stage.rawValue)', '\($0.key.rawValue)', \($0.value.fen))" }
        }.joined(separator: ", ")
        if !studentLimits.isEmpty {
            let students = try Row.fetchAll(db, sql: """
                WITH limits(stage, category, fen) AS (VALUES \(studentLimits)),
                -- One archive per student, so a student listed twice is counted once.
                students AS (SELECT id_number, min(archive_no) AS archive_no FROM members WHERE school_stage <> 'none' GROUP BY id_number)
                SELECT a.student_id_number AS student, m.name AS student_name, m.school_stage, h.archive_no, h.category,
                       sum(a.amount_fen) AS total, l.fen AS limit_fen, \(aidList) AS aid
                FROM aid_records a
                JOIN students st ON st.id_number = a.student_id_number
                JOIN members m ON m.archive_no = st.archive_no AND m.id_number = st.id_number
                JOIN households h ON h.archive_no = st.archive_no
                JOIN limits l ON l.stage = m.school_stage AND l.category = h.category
                WHERE a.payer = '工会' AND a.paid_on BETWEEN ? AND ? AND a.kind = 'education' AND a.student_id_number <> ''
                GROUP BY a.student_id_number HAVING sum(a.amount_fen) > l.fen
                """, arguments: StatementArguments(range))
            for row in students {
                let aid = try paidAid(db, ids: row["aid"])
                findings.append(DuplicateFinding(
                    code: .overAnnualLimit, idNumbers: [row["student"]],
                    detail: FindingText.studentOverLimit(
                        student: row["student_name"], studentID: row["student"], archive: row["archive_no"],
                        stage: SchoolStage(rawValue: row["school_stage"]) ?? .none, year: limits.year,
                        total: Money(fen: row["total"]), limit: Money(fen: row["limit_fen"]), aid: aid),
                    aidRecordIDs: aid.map(\.id)))
            }
        }
        // 劳模: all 劳模 aid per person.
        let workers = try Row.fetchAll(db, sql: """
            SELECT a.id_number, sum(a.amount_fen) AS total, \(aidList) AS aid
            FROM aid_records a
            WHERE a.payer = '工会' AND a.paid_on BETWEEN ? AND ? AND a.kind IN ('model-worker-living', 'model-worker-special')
            GROUP BY a.id_number HAVING sum(a.amount_fen) > ?
            """, arguments: [range[0], range[1], limits.modelWorker.fen])
        for row in workers {
            let aid = try paidAid(db, ids: row["aid"])
            findings.append(DuplicateFinding(
                code: .overAnnualLimit, idNumbers: [row["id_number"]],
                detail: FindingText.modelWorkerOverLimit(
                    idNumber: row["id_number"], year: limits.year, total: Money(fen: row["total"]), limit: limits.modelWorker, aid: aid),
                aidRecordIDs: aid.map(\.id)))
        }
        return findings
    }

    // MARK: - two_households

    private static func twoHouseholds(_ db: Database, _ range: [String]) throws -> [DuplicateFinding] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id_number, group_concat(archive_no || char(31) || name, char(30)) AS places
            FROM person_archive GROUP BY id_number HAVING count(DISTINCT archive_no) > 1
            """)
        return try rows.map { row in
            let person: String = row["id_number"]
            let records = try Int64.fetchAll(
                db, sql: """
                    SELECT id FROM aid_records WHERE payer = '工会' AND paid_on BETWEEN ? AND ? AND (id_number = ? OR student_id_number = ?)
                    """, arguments: StatementArguments(range + [person, person]))
            return DuplicateFinding(
                code: .twoHouseholds, idNumbers: [person],
                detail: FindingText.twoHouseholds(person: person, places: packed(row["places"]).map { ($0[0], $0[1]) }), aidRecordIDs: records)
        }
    }

    // MARK: - cross_agency

    /// The same purpose is compared where it is paid: 助学 per student, 生活 and 医疗 per
    /// household (any member), the other kinds per person. 其他 has no purpose to compare.
    private static func crossAgency(_ db: Database, _ range: [String]) throws -> [DuplicateFinding] {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.keyed_aid;
            CREATE TEMP TABLE keyed_aid AS
                WITH aid AS (
                    SELECT a.id, a.kind, a.payer,
                           CASE WHEN a.kind = 'education' AND a.student_id_number <> '' THEN a.student_id_number ELSE a.id_number END AS person
                    FROM aid_records a WHERE a.paid_on BETWEEN ? AND ? AND a.kind <> 'other'
                )
                SELECT id, kind, payer = '工会' AS is_union, person,
                       CASE WHEN kind IN ('living', 'medical')
                           THEN coalesce((SELECT min(p.archive_no) FROM person_archive p WHERE p.id_number = aid.person), aid.person)
                           ELSE aid.person END AS target
                FROM aid;
            """, arguments: StatementArguments(range))
        let rows = try Row.fetchAll(db, sql: """
            SELECT target, kind, group_concat(DISTINCT person) AS people, group_concat(id) AS aid,
                   (SELECT min(p.name) FROM person_archive p WHERE p.id_number = keyed_aid.target) AS target_name
            FROM keyed_aid GROUP BY target, kind HAVING max(is_union) = 1 AND min(is_union) = 0
            """)
        let findings = try rows.map { row in
            let aid = try paidAid(db, ids: row["aid"])
            let kind = AidKind(rawValue: row["kind"]) ?? .other
            return DuplicateFinding(
                code: .crossAgency, idNumbers: (row["people"] as String).split(separator: ",").map(String.init).sorted(),
                detail: FindingText.crossAgency(kind: kind, target: row["target"], targetName: row["target_name"], aid: aid),
                aidRecordIDs: aid.filter { $0.payer == "工会" }.map(\.id))
        }
        try db.execute(sql: "DROP TABLE temp.keyed_aid")
        return findings
    }

    // MARK: - shared_account

    private static func sharedAccount(_ db: Database) throws -> [DuplicateFinding] {
        let rows = try Row.fetchAll(db, sql: """
            WITH accounts AS (
                SELECT bank_account, head_id_number AS id_number, head_name AS name, '档案' || archive_no AS place FROM households WHERE bank_account <> ''
                UNION ALL SELECT bank_account, id_number, name, '劳模' FROM model_workers WHERE bank_account <> ''
            )
            SELECT bank_account, group_concat(DISTINCT id_number) AS people, group_concat(name || char(31) || place || char(31) || id_number, char(30)) AS holders
            FROM accounts GROUP BY bank_account HAVING count(DISTINCT id_number) > 1
            """)
        return rows.map { row in
            DuplicateFinding(
                code: .sharedAccount, idNumbers: (row["people"] as String).split(separator: ",").map(String.init).sorted(),
                detail: FindingText.sharedAccount(account: row["bank_account"], holders: packed(row["holders"]).map { ($0[0], $0[1], $0[2]) }))
        }
    }

    // MARK: - id_name_mismatch

    private static func idNameMismatch(_ db: Database, _ range: [String]) throws -> [DuplicateFinding] {
        let sources = """
            SELECT head_id_number AS id_number, head_name AS name, '户主 档案' || archive_no AS place FROM households
            UNION ALL SELECT id_number, name, '成员 档案' || archive_no FROM members
            UNION ALL SELECT id_number, name, '劳模名册' FROM model_workers
            UNION ALL SELECT id_number, name, '救助记录 ' || paid_on || ' ' || payer FROM aid_records WHERE paid_on BETWEEN ? AND ?
            """
        let namesOnly = """
            SELECT head_id_number AS id_number, head_name AS name FROM households
            UNION ALL SELECT id_number, name FROM members
            UNION ALL SELECT id_number, name FROM model_workers
            UNION ALL SELECT id_number, name FROM aid_records WHERE paid_on BETWEEN ? AND ?
            """
        // First the numbers alone, then where each was seen, for those few.
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.mismatched;
            CREATE TEMP TABLE mismatched(id_number TEXT PRIMARY KEY);
            INSERT INTO mismatched SELECT id_number FROM (\(namesOnly)) GROUP BY id_number HAVING count(DISTINCT name) > 1;
            """, arguments: StatementArguments(range))
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.id_number, group_concat(s.name || char(31) || s.place, char(30)) AS seen
            FROM (\(sources)) s JOIN mismatched USING (id_number)
            GROUP BY s.id_number
            """, arguments: StatementArguments(range))
        try db.execute(sql: "DROP TABLE temp.mismatched")
        return rows.map { row in
            DuplicateFinding(
                code: .idNameMismatch, idNumbers: [row["id_number"]],
                detail: FindingText.idNameMismatch(idNumber: row["id_number"], seen: packed(row["seen"]).map { ($0[0], $0[1]) }))
        }
    }

    /// The aid records of a comma-separated id list, by date.
    private static func paidAid(_ db: Database, ids: String?) throws -> [PaidAid] {
        let list = (ids ?? "").split(separator: ",").compactMap { Int64($0) }
        guard !list.isEmpty else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM aid_records WHERE id IN (\(list.map(String.init).joined(separator: ","))) ORDER BY paid_on, id"
        ).map { row in
            PaidAid(
                id: row["id"], paidOn: row["paid_on"], amount: Money(fen: row["amount_fen"]), name: row["name"], batch: row["batch_id"],
                payer: row["payer"], idNumber: row["id_number"])
        }
    }

    /// Splits a `group_concat` of records (U+001E) of fields (U+001F).
    private static func packed(_ text: String?) -> [[String]] {
        (text ?? "").split(separator: "\u{1E}").map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
    }
}

extension Array {
    fileprivate func nonEmpty(or fallback: [Element]) -> [Element] { isEmpty ? fallback : self }
}
