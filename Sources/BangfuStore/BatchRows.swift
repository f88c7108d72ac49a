import BangfuCore
import Foundation
import GRDB

/// The rows a batch reads, in read order, their cells copied out of SQLite as bytes: the
/// SQLite thread only copies, and the second core makes the strings, checks the 身份证号
/// and vocabularies and computes. Making records had taken a third of a batch on the
/// SQLite thread while the rules' core waited.
struct BatchRows: Sendable {
    enum Kind: UInt8 {
        case household
        /// A member of the household last added.
        case member
        /// A member of no candidate archive, read (and so checked) before being passed over.
        case skippedMember
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

    /// Calls `body` for each archive and its members, grouped as `forEachHousehold` groups
    /// them, each row made in read order and checked as `FastCursor`'s decoders check. One
    /// archive at a time in one reused array: building the chunk's records first and
    /// destroying them afterwards had cost a tenth of the second core.
    func forEachRecord(_ body: (BatchHousehold, [BatchMember]) throws -> Void) throws {
        var reader = Reader(rows: self)
        var household: BatchHousehold?
        var members: [BatchMember] = []
        for kind in kinds {
            switch kind {
            case .household:
                if let household { try body(household, members) }
                members.removeAll(keepingCapacity: true)
                household = try reader.household(BangfuDatabase.batchHouseholdColumns)
            case .member: members.append(try reader.member(BangfuDatabase.batchMemberColumns))
            case .skippedMember: _ = try reader.member(BangfuDatabase.batchMemberColumns)
            }
        }
        if let household { try body(household, members) }
    }

    /// Which columns of `batchHouseholdSQL` are integers.
    static let householdLayout = [false, false, false, false, true, true, true, false]
    /// Which columns of `batchMemberSQL` are integers.
    static let memberLayout = [false, false, false, false, false]

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

        /// The archive as the rules read it: only the columns a batch projects.
        mutating func household(_ names: [String]) throws -> BatchHousehold {
            load(BatchRows.householdLayout)
            return BatchHousehold(
                archiveNumber: ArchiveNumber(text(0)), headName: text(1), headIDNumber: try idNumber(2, names),
                category: try vocabulary(3, names), size: int(4), annualIncome: Money(fen: int(5)),
                medicalExpense: optionalInt(6).map(Money.init(fen:)), status: try vocabulary(7, names))
        }

        mutating func member(_ names: [String]) throws -> BatchMember {
            load(BatchRows.memberLayout)
            return BatchMember(name: text(1), idNumber: try idNumber(2, names), schoolStage: try vocabulary(3, names), note: optionalText(4))
        }
    }
}

extension BangfuDatabase {
    /// The columns a batch reads of an archive, which the rules and the entries use; by name
    /// too for a corrupt-row report, made away from the statement.
    static let batchHouseholdColumns = [
        "archive_no", "head_name", "head_id_number", "category", "size", "annual_income_fen", "medical_expense_fen", "status",
    ]
    static let batchMemberColumns = ["archive_no", "name", "id_number", "school_stage", "note"]
    static let batchHouseholdSQL =
        "SELECT \(batchHouseholdColumns.joined(separator: ", ")) FROM households WHERE status = 'active' ORDER BY archive_no"
    /// Members in 身份证号 order: the order of the members' key index, which spares a sort.
    static let batchMemberSQL = "SELECT \(batchMemberColumns.joined(separator: ", ")) FROM members ORDER BY archive_no, id_number"

    /// Reads the 在档 archives, the candidates of the household batches, and their members
    /// as raw rows in chunks of `chunkSize` archives, the same rows `forEachHousehold` would
    /// read and decode, grouped the same way.
    static func forEachBatchChunk(_ db: Database, chunkSize: Int, _ body: (BatchRows) throws -> Void) throws {
        let households = try FastCursor(db, sql: batchHouseholdSQL)
        let members = try FastCursor(db, sql: batchMemberSQL)
        var chunk = BatchRows()
        var hasMember = try members.next()
        while try households.next() {
            chunk.append(.household, households, BatchRows.householdLayout)
            let archive = households.bytes(0)
            while hasMember {
                let order = archiveOrder(members.bytes(0), archive)
                guard order <= 0 else { break }
                chunk.append(order == 0 ? .member : .skippedMember, members, BatchRows.memberLayout)
                hasMember = try members.next()
            }
            if chunk.households == chunkSize {
                try body(chunk)
                chunk.removeAll()
            }
        }
        // The member after the last archive was read, and so checked, as well.
        if hasMember { chunk.append(.skippedMember, members, BatchRows.memberLayout) }
        if !chunk.isEmpty { try body(chunk) }
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
