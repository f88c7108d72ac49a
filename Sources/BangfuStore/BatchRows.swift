import BangfuCore
import Foundation
import GRDB

/// The rows a batch reads, in read order, their cells copied out of SQLite as bytes: the
/// SQLite thread only copies, and the second core makes the strings, checks the 身份证号
/// and vocabularies and computes. Making records had taken a third of a batch on the
/// SQLite thread while the rules' core waited.
struct BatchRows: Sendable {
    enum Kind: UInt8 {
        /// An archive's columns, then its people's union aid of the year on file.
        case household
        /// A member of the household last added.
        case member
    }

    private(set) var kinds: [Kind] = []
    /// Two words a cell: a NULL flag, then a text's end in `bytes` or an integer.
    private(set) var words: [Int] = []
    private(set) var bytes: [UInt8] = []
    private(set) var households = 0

    var isEmpty: Bool { kinds.isEmpty }

    mutating func removeAll() {
        kinds.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        households = 0
    }

    /// Copies the current row of `cursor`, whose columns `layout` describes.
    mutating func append(_ kind: Kind, _ cursor: FastCursor, _ layout: [Bool]) {
        kinds.append(kind)
        if kind == .household { households += 1 }
        for (column, isInteger) in layout.enumerated() {
            let column = Int32(column)
            let isNull = cursor.isNull(column)
            words.append(isNull ? 1 : 0)
            if isInteger {
                words.append(cursor.int(column))
            } else {
                bytes.append(contentsOf: cursor.bytes(column))
                words.append(bytes.count)
            }
        }
    }

    /// Copies an archive and the 生活, 助学 and 医疗 of its people on file (fen).
    mutating func appendHousehold(_ cursor: FastCursor, onFile: (living: Int, education: Int, medical: Int)) {
        append(.household, cursor, Self.householdLayout)
        words.append(contentsOf: [0, onFile.living, 0, onFile.education, 0, onFile.medical])
    }

    /// Calls `body` for each archive, its members and its people's aid on file, grouped as
    /// `forEachHousehold` groups them, each row made in read order and checked as
    /// `FastCursor`'s decoders check. One archive at a time in one reused array: building
    /// the chunk's records first and destroying them afterwards had cost a tenth of the
    /// second core.
    func forEachRecord(_ body: (BatchHousehold, [BatchMember], ArchiveAidOnFile) throws -> Void) throws {
        var reader = Reader(rows: self)
        var household: (BatchHousehold, ArchiveAidOnFile)?
        var members: [BatchMember] = []
        for kind in kinds {
            switch kind {
            case .household:
                if let household { try body(household.0, members, household.1) }
                members.removeAll(keepingCapacity: true)
                household = try reader.household(BangfuDatabase.batchHouseholdColumns)
            case .member:
                let (member, education) = try reader.member(BangfuDatabase.batchMemberColumns)
                members.append(member)
                if education > .zero { household?.1.students.append(.init(student: member.idNumber, amount: education)) }
            }
        }
        if let household { try body(household.0, members, household.1) }
    }

    /// Which columns of `batchHouseholdSQL` are integers.
    static let householdLayout = [false, false, false, false, true, true, true, false]
    /// Which columns of a batch's member statement are integers (the last: 助学 on file).
    static let memberLayout = [false, false, false, false, false, true]

    private struct Reader {
        let rows: BatchRows
        var word = 0
        var start = 0
        /// The cells of the row being read: NULL flag, text bytes or integer.
        var cells: [(isNull: Bool, start: Int, end: Int)] = []

        init(rows: BatchRows) { self.rows = rows }

        mutating func load(_ layout: [Bool]) {
            cells.removeAll(keepingCapacity: true)
            for isInteger in layout {
                let isNull = rows.words[word] != 0
                let payload = rows.words[word + 1]
                word += 2
                if isInteger {
                    cells.append((isNull, payload, 0))
                } else {
                    cells.append((isNull, start, payload))
                    start = payload
                }
            }
        }

        func text(_ column: Int) -> String {
            let cell = cells[column]
            return rows.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[cell.start..<cell.end]), as: UTF8.self) }
        }

        func optionalText(_ column: Int) -> String? { cells[column].isNull ? nil : text(column) }
        func int(_ column: Int) -> Int { cells[column].start }
        func optionalInt(_ column: Int) -> Int? { cells[column].isNull ? nil : int(column) }

        func idNumber(_ column: Int, _ names: [String]) throws -> IDNumber {
            try StoreError.parse(text(column), column: names[column], IDNumber.init)
        }

        func vocabulary<V: ChineseVocabulary>(_ column: Int, _ names: [String], as type: V.Type = V.self) throws -> V {
            try StoreError.parse(text(column), column: names[column], V.init(rawValue:))
        }

        /// The archive as the rules read it (only the columns a batch projects), and its
        /// people's aid on file.
        mutating func household(_ names: [String]) throws -> (BatchHousehold, ArchiveAidOnFile) {
            load(BatchRows.householdLayout)
            let household = BatchHousehold(
                archiveNumber: ArchiveNumber(text(0)), headName: text(1), headIDNumber: try idNumber(2, names),
                category: try vocabulary(3, names), size: int(4), annualIncome: Money(fen: int(5)),
                medicalExpense: optionalInt(6).map(Money.init(fen:)), status: try vocabulary(7, names))
            load([true, true, true])
            var people = AidByKind()
            people[.living] = Money(fen: int(0))
            people[.education] = Money(fen: int(1))
            people[.medical] = Money(fen: int(2))
            return (household, ArchiveAidOnFile(people: people))
        }

        /// The member, and the 助学 on file for them as a student.
        mutating func member(_ names: [String]) throws -> (BatchMember, Money) {
            load(BatchRows.memberLayout)
            let member = BatchMember(name: text(1), idNumber: try idNumber(2, names), schoolStage: try vocabulary(3, names), note: optionalText(4))
            return (member, Money(fen: int(5)))
        }
    }
}

/// How many rows a computation read besides the archives: what tests observe of "reads
/// only what its rules need".
struct BatchReadCount: Equatable {
    var households = 0
    var members = 0
    /// Archives whose people have union aid of the year on file.
    var archivesWithAid = 0
}

extension BangfuDatabase {
    /// The columns a batch reads of an archive, which the rules and the entries use; by name
    /// too for a corrupt-row report, made away from the statement.
    static let batchHouseholdColumns = [
        "archive_no", "head_name", "head_id_number", "category", "size", "annual_income_fen", "medical_expense_fen", "status",
    ]
    static let batchMemberColumns = ["archive_no", "name", "id_number", "school_stage", "note", "education_on_file_fen"]
    static let batchHouseholdSQL =
        "SELECT \(batchHouseholdColumns.joined(separator: ", ")) FROM households WHERE status = 'active' ORDER BY archive_no"

    /// Whether any union aid is on file for the days `range` (the year's first and last).
    static let unionAidOnFileSQL = "SELECT EXISTS (SELECT 1 FROM aid_records WHERE paid_on BETWEEN ? AND ? AND payer = '工会')"

    /// The union 生活, 助学 and 医疗 of the year per archive, each of its people (head and
    /// members) once, in archive order: found from the year's records through the people's
    /// indexes, so that a batch reads no member without aid, and keeps no per-person table.
    /// Whether a head is among their archive's members is asked of `members_by_id_number`,
    /// whose pages the people's probes visit in order: SQLite's own choice, the primary key
    /// (archive first), took a random page for each of 643,325 people, 1.8 s of the later
    /// batch at a million archives (issue 20).
    static let archiveAidSQL = """
        WITH paid(id_number, living, education, medical) AS (
            SELECT id_number, sum(CASE kind WHEN 'living' THEN amount_fen ELSE 0 END),
                sum(CASE kind WHEN 'education' THEN amount_fen ELSE 0 END), sum(CASE kind WHEN 'medical' THEN amount_fen ELSE 0 END)
            FROM aid_records WHERE paid_on BETWEEN ? AND ? AND payer = '工会' AND kind IN ('living', 'education', 'medical')
            GROUP BY id_number)
        SELECT archive_no, sum(living), sum(education), sum(medical) FROM (
            SELECT m.archive_no, p.living, p.education, p.medical FROM paid p JOIN members m ON m.id_number = p.id_number
            UNION ALL
            SELECT h.archive_no, p.living, p.education, p.medical FROM paid p JOIN households h ON h.head_id_number = p.id_number
            WHERE NOT EXISTS (
                SELECT 1 FROM members m INDEXED BY members_by_id_number WHERE m.id_number = h.head_id_number AND m.archive_no = h.archive_no))
        GROUP BY archive_no ORDER BY archive_no
        """

    /// Heads who are listed in another archive, or head two: a batch may pay them in one
    /// archive before it meets them in the other. Inactive archives count too (a superset
    /// is exact, and the probes stay on the two covering indexes).
    static let headsMetAgainSQL = """
        SELECT h.head_id_number FROM households h
        WHERE EXISTS (SELECT 1 FROM members m WHERE m.id_number = h.head_id_number AND m.archive_no <> h.archive_no)
            OR EXISTS (SELECT 1 FROM households o WHERE o.head_id_number = h.head_id_number AND o.archive_no <> h.archive_no)
        """
    /// People listed in two archives: a student paid in the first is met again in the second.
    static let membersMetAgainSQL = "SELECT id_number FROM members GROUP BY id_number HAVING count(*) > 1"

    /// The people a batch of `kind` may pay before it meets them again (`PeopleMetAgain`):
    /// nobody for the kinds whose rules count no earlier aid of an archive's people.
    static func peopleMetAgain(_ db: Database, for kind: BatchKind) throws -> PeopleMetAgain {
        guard kind.countsArchivesEarlierAid else { return PeopleMetAgain([]) }
        let rows = try FastCursor(db, sql: headsMetAgainSQL + (kind.paysStudents ? " UNION " + membersMetAgainSQL : ""))
        var numbers: [Int] = []
        while try rows.next() { numbers.append(rows.idNumber(0)) }
        return PeopleMetAgain(numbers: numbers)
    }

    /// The members a batch of `kind` reads, in archive order: the students of 助学 with the
    /// 助学 on file for each (when `onFile`), and the people of `metAgain`; nil when there
    /// are none to read. Members of other archives are passed over unread.
    private static func batchMembers(_ db: Database, for kind: BatchKind, metAgain: PeopleMetAgain, onFile: Bool, year: [String]) throws -> FastCursor? {
        let people = metAgain.idNumberTexts
        let inMetAgain = "id_number IN (SELECT value FROM json_each(?))"
        let peopleArgument = "[" + people.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let columns = "archive_no, name, id_number, school_stage, note"
        if kind.paysStudents {
            let education = onFile
                ? """
                  (SELECT coalesce(sum(a.amount_fen), 0) FROM aid_records a WHERE a.student_id_number = members.id_number
                      AND a.student_id_number <> '' AND a.kind = 'education' AND a.payer = '工会' AND a.paid_on BETWEEN ? AND ?)
                  """
                : "0"
            return try FastCursor(
                db, sql: "SELECT \(columns), \(education) FROM members WHERE school_stage <> 'none'\(people.isEmpty ? "" : " OR " + inMetAgain) ORDER BY archive_no, id_number",
                arguments: (onFile ? year : []) + (people.isEmpty ? [] : [peopleArgument]))
        }
        guard !people.isEmpty else { return nil }
        return try FastCursor(db, sql: "SELECT \(columns), 0 FROM members WHERE \(inMetAgain) ORDER BY archive_no, id_number", arguments: [peopleArgument])
    }

    /// Reads the 在档 archives, the candidates of the household batches, in chunks of
    /// `chunkSize`, each with what a batch of `kind` in `year` needs beside it: its people's
    /// union aid on file (the kinds that count it, in a year that has any) and the members
    /// `batchMembers` names. The first 生活 batch of a year reads no member at all.
    @discardableResult
    static func forEachBatchChunk(
        _ db: Database, for kind: BatchKind, year: Int, metAgain: PeopleMetAgain, chunkSize: Int, _ body: (BatchRows) throws -> Void
    ) throws -> BatchReadCount {
        let days = ["\(year)-01-01", "\(year)-12-31"]
        let onFile = try kind.countsArchivesEarlierAid && Bool.fetchOne(db, sql: unionAidOnFileSQL, arguments: StatementArguments(days)) == true
        let households = try FastCursor(db, sql: batchHouseholdSQL)
        let aid = onFile ? try FastCursor(db, sql: archiveAidSQL, arguments: days) : nil
        let members = try batchMembers(db, for: kind, metAgain: metAgain, onFile: onFile, year: days)
        var count = BatchReadCount()
        var chunk = BatchRows()
        // SQLite's sum() fails on amounts too large to add (a file edited by hand); the person
        // is named as the calculator named them when it added the year's aid itself.
        func step(_ cursor: FastCursor) throws -> Bool {
            do { return try cursor.next() } catch { throw overflowNamed(error, db, days: days) }
        }
        var hasAid = try aid.map(step) ?? false
        var hasMember = try members.map(step) ?? false
        while try households.next() {
            let archive = households.bytes(0)
            var onFile = (living: 0, education: 0, medical: 0)
            while hasAid, let aid {
                let order = archiveOrder(aid.bytes(0), archive)
                guard order <= 0 else { break }
                if order == 0 {
                    onFile = (aid.int(1), aid.int(2), aid.int(3))
                    count.archivesWithAid += 1
                }
                hasAid = try step(aid)
            }
            chunk.appendHousehold(households, onFile: onFile)
            count.households += 1
            while hasMember, let members {
                let order = archiveOrder(members.bytes(0), archive)
                guard order <= 0 else { break }
                if order == 0 {
                    chunk.append(.member, members, BatchRows.memberLayout)
                    count.members += 1
                }
                hasMember = try step(members)
            }
            if chunk.households == chunkSize {
                try body(chunk)
                chunk.removeAll()
            }
        }
        if !chunk.isEmpty { try body(chunk) }
        return count
    }

    /// `error` as an `AmountOverflow` naming the person whose union aid of the year holds an
    /// implausible amount, when it is SQLite's sum() overflowing; otherwise `error` itself.
    private static func overflowNamed(_ error: any Error, _ db: Database, days: [String]) -> any Error {
        guard let error = error as? DatabaseError, DatabaseProblem(error) == .amountOverflow else { return error }
        let person = try? String.fetchOne(
            db,
            sql: """
                SELECT id_number FROM aid_records WHERE paid_on BETWEEN ? AND ? AND payer = '工会' AND abs(amount_fen) > ?
                ORDER BY abs(amount_fen) DESC LIMIT 1
                """,
            arguments: [days[0], days[1], Plausible.amount.fen])
        return AmountOverflow(record: person.map { "身份证号\($0)" } ?? "")
    }

    /// The page cache of a connection while it computes a batch, KiB. Its reads are scans
    /// in key order and probes the OS keeps in its own cache; the 64 MiB an import wants
    /// were most of a batch's memory at a million archives (issue 20: peak < 100 MB).
    static let computationCacheKiB = 8192

    /// Lowers `db`'s page cache for a computation; returns what restores it.
    static func useComputationCache(_ db: Database) throws -> () -> Void {
        let size = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -65536
        try db.execute(sql: "PRAGMA cache_size = -\(computationCacheKiB)")
        return { try? db.execute(sql: "PRAGMA cache_size = \(size)") }
    }

    /// How two archive numbers compare as `ArchiveNumber`s: by bytes when both are ASCII,
    /// where that is the same order; as `String`s otherwise, whose order and equality
    /// follow canonical equivalence.
    private static func archiveOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) {
            let common = min(a.count, b.count)
            if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                let c = memcmp(x, y, common)
                if c != 0 { return c < 0 ? -1 : 1 }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }
        let x = ArchiveNumber(String(decoding: a, as: UTF8.self))
        let y = ArchiveNumber(String(decoding: b, as: UTF8.self))
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}
