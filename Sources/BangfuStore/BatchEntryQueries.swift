import BangfuCore
import Foundation
import GRDB

/// Which of a batch's entries a page of its table shows (the batch page's filters).
public enum BatchEntryFilter: String, CaseIterable, Sendable {
    /// Every entry.
    case all
    /// To be paid: eligible, an amount above zero, not excluded by a reviewer.
    case eligible
    /// To be paid, but less than the rule's amount: cut by an annual limit or the income cap.
    case cut
    /// Taken out by a reviewer, with the reason.
    case excluded

    /// The filter as a tab names it.
    public var chineseName: String {
        switch self {
        case .all: "全部"
        case .eligible: "符合"
        case .cut: "削减"
        case .excluded: "剔除"
        }
    }

    /// The entries the filter keeps, as SQL over `batch_entries e`.
    ///
    /// A cut is written in the entry's reasons by `BatchCalculator`, the only place it is
    /// known (`StoredReasons.cutMarks`). An entry without one was paid the rule's whole amount.
    var condition: String {
        let payable = "e.eligible = 1 AND e.amount_fen > 0 AND e.excluded_reason IS NULL"
        switch self {
        case .all: return "1"
        case .eligible: return payable
        case .cut: return "\(payable) AND \(StoredReasons.cutCondition)"
        case .excluded: return "e.excluded_reason IS NOT NULL"
        }
    }
}

/// How many entries of a batch each filter keeps.
public struct BatchEntryCounts: Sendable, Equatable {
    public var all = 0
    public var eligible = 0
    public var cut = 0
    public var excluded = 0

    public init() {}

    /// The count of `filter`.
    public subscript(filter: BatchEntryFilter) -> Int {
        switch filter {
        case .all: all
        case .eligible: eligible
        case .cut: cut
        case .excluded: excluded
        }
    }
}

/// One stored entry with its place in the batch.
public struct PositionedBatchEntry: Sendable, Equatable {
    /// 1-based, in computation order.
    public var position: Int
    public var entry: StoredBatchEntry
}

extension BangfuDatabase {
    /// The entries of batch `id` in `union`'s archives (every entry when nil) that `filter`
    /// keeps, `limit` of them after the first `offset`, in batch order.
    public func entryPage(ofBatch id: Int64, filter: BatchEntryFilter, union: String?, offset: Int, limit: Int) throws -> [PositionedBatchEntry] {
        try queue.read { db in
            _ = try Self.batch(db, id)
            let templates = try StoredReasons.templates(db, batch: id)
            let (join, scope, arguments) = Self.unionScope(union, batch: id)
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT e.* FROM batch_entries e \(join)
                    WHERE e.batch_id = ? \(scope) AND \(filter.condition)
                    ORDER BY e.position LIMIT ? OFFSET ?
                    """, arguments: arguments + [max(limit, 0), max(offset, 0)])
            var entries: [PositionedBatchEntry] = []
            while let row = try rows.next() {
                entries.append(PositionedBatchEntry(position: row["position"], entry: try row.storedBatchEntry(templates: templates)))
            }
            return entries
        }
    }

    /// Calls `body` with each entry of batch `id` in order (those in `window` only) and where
    /// its latest transfer stands (nil for an entry no list holds), one at a time: the
    /// transfers are read beside the entries in the same order, so that a paid province batch
    /// is never held in memory (issue 22).
    public func forEachEntryAndTransfer(
        ofBatch id: Int64, in window: RowWindow = .all, _ body: (StoredBatchEntry, EntryTransfer?) throws -> Void
    ) throws {
        try queue.read { db in try Self.forEachEntry(db, batch: id, union: nil, in: window, body) }
    }

    /// Batch `id` and, from the same snapshot, its entries of `union`'s archives (every entry
    /// when nil) with their transfers, as `forEachEntryAndTransfer` hands them over: `head` gets the
    /// batch and, for a union, what its entries pay (nil when it has none) before the first
    /// entry. An error thrown by `head` or `body` ends the read.
    public func readBatch(
        _ id: Int64, union: String?, head: (BatchRecord, _ unionTotal: Money?) throws -> Void,
        entries body: (StoredBatchEntry, EntryTransfer?) throws -> Void
    ) throws {
        try queue.read { db in
            let batch = try Self.batch(db, id)
            try head(batch, try union.flatMap { try Self.unionTotals(db, of: $0, batch: id)[id] })
            try Self.forEachEntry(db, batch: id, union: union, in: .all, body)
        }
    }

    /// The merge of the entries and their transfers, both ordered by position.
    private static func forEachEntry(
        _ db: Database, batch id: Int64, union: String?, in window: RowWindow, _ body: (StoredBatchEntry, EntryTransfer?) throws -> Void
    ) throws {
        let scope = union == nil ? "" : " AND archive_no IN (SELECT archive_no FROM households WHERE union_name = ?)"
        let entries = try FastCursor(
            db, sql: "SELECT \(FastCursor.batchEntryColumns) FROM batch_entries WHERE batch_id = ?\(scope) ORDER BY position\(window.sql)",
            arguments: ["\(id)"] + (union.map { [$0] } ?? []))
        let templates = try StoredReasons.templates(db, batch: id)
        let transfers = try entryTransferRows(db, batch: id)
        var pending = try transfers.next()
        while try entries.next() {
            let entry = try entries.storedBatchEntry(templates: templates)
            var latest: EntryTransfer?
            while let row = pending {
                let position: Int = row["entry_position"]
                guard position <= entry.position else { break }
                if position == entry.position { latest = try row.entryTransfer() }
                pending = try transfers.next()
            }
            try body(entry, latest)
        }
    }

    /// How many entries of batch `id` in `union`'s archives (every entry when nil) each
    /// filter keeps, in one pass.
    public func entryCounts(ofBatch id: Int64, union: String?) throws -> BatchEntryCounts {
        try queue.read { db in
            _ = try Self.batch(db, id)
            let (join, scope, arguments) = Self.unionScope(union, batch: id)
            let sums = BatchEntryFilter.allCases.map { "COALESCE(SUM(CASE WHEN \($0.condition) THEN 1 ELSE 0 END), 0)" }.joined(separator: ", ")
            guard let row = try Row.fetchOne(db, sql: "SELECT \(sums) FROM batch_entries e \(join) WHERE e.batch_id = ? \(scope)", arguments: arguments)
            else { return BatchEntryCounts() }
            var counts = BatchEntryCounts()
            (counts.all, counts.eligible, counts.cut, counts.excluded) = (row[0], row[1], row[2], row[3])
            return counts
        }
    }

    /// How many candidates a computation of `kind` reads: the 在档 archives and the
    /// model-worker roll, as `replaceEntries` hands them out (a progress bar's whole).
    public func candidateCount(for kind: BatchKind) throws -> Int {
        try queue.read { db in
            var count = 0
            if kind.takesHouseholds { count += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM households WHERE status = 'active'") ?? 0 }
            if kind.takesModelWorkers { count += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM model_workers") ?? 0 }
            return count
        }
    }

    /// A union account's entries are those of its archives (spec §8); a model worker's
    /// entry belongs to no union.
    private static func unionScope(_ union: String?, batch id: Int64) -> (join: String, scope: String, arguments: StatementArguments) {
        guard let union else { return ("", "", [id]) }
        return ("JOIN households h ON h.archive_no = e.archive_no", "AND h.union_name = ?", [id, union])
    }
}

extension Row {
    /// A `batch_entries` row as `forEachEntry` reads it; `templates` are its batch's.
    func storedBatchEntry(templates: ReasonTemplates?) throws -> StoredBatchEntry {
        let student: String? = self["student_id_number"]
        let archive: String? = self["archive_no"]
        let eligible: Bool = self["eligible"]
        let excluded: String? = self["excluded_reason"]
        let computed = BatchEntry(
            idNumber: try idNumber("id_number"), name: text("name"), archiveNumber: archive.map(ArchiveNumber.init),
            studentIDNumber: try student.map { _ in try idNumber("student_id_number") },
            outcome: eligible ? .eligible(money("amount_fen")) : .ineligible,
            reasons: try reasons(templates: templates))
        return StoredBatchEntry(
            position: self["position"], computed: computed, exclusion: excluded.map { StoredBatchEntry.Exclusion(reason: $0, by: text("excluded_by"), at: text("excluded_at")) })
    }
}

extension Row {
    /// The row's reasons as `StoredReasons.reasons` renders them.
    private func reasons(templates: ReasonTemplates?) throws -> EntryReasons {
        var text = text("reasons")
        let compact: Data? = self["reason_lines"]
        return try text.withUTF8 { text in
            guard let compact else { return try StoredReasons.reasons(text: text, compact: nil, templates: templates) }
            return try compact.withUnsafeBytes { try StoredReasons.reasons(text: text, compact: $0.bindMemory(to: UInt8.self), templates: templates) }
        }
    }
}
