import BangfuCore
import Foundation
import GRDB

/// A stored batch (批次), without its entries.
public struct BatchRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: BatchKind
    public var status: String
    public var date: CalendarDate
    public var project: String?
    public var budget: Money?
    public var policyID: String
    public var policyPath: String
    public var policyText: String
    public var dibaoMonthly: Money?
    public var total: Money

    /// spec §4: a batch whose total exceeds its budget may be computed but not approved.
    public var isOverBudget: Bool { budget.map { total > $0 } ?? false }
}

/// What a new batch is made of.
public struct NewBatch: Sendable {
    public var name: String
    public var kind: BatchKind
    public var date: CalendarDate
    public var project: String?
    public var budget: Money?
    public var policyID: String
    public var policyPath: String
    public var policyText: String

    public init(name: String, kind: BatchKind, date: CalendarDate, project: String?, budget: Money?, policyID: String, policyPath: String, policyText: String) {
        self.name = name
        self.kind = kind
        self.date = date
        self.project = project
        self.budget = budget
        self.policyID = policyID
        self.policyPath = policyPath
        self.policyText = policyText
    }
}

/// Refusals about batches, in Chinese and English.
public enum BatchStoreError: Error, Equatable, Sendable {
    case noSuchBatch(Int64)
    /// The batch's state forbids the change (spec §4: approved batches are immutable).
    case frozen(id: Int64, status: String, action: String)

    public var message: String {
        switch self {
        case .noSuchBatch(let id): "没有编号为 \(id) 的批次 (no batch \(id))"
        case .frozen(let id, let status, let action):
            "批次 \(id) 状态为「\(BatchStatusNames.chinese(status))」，不能\(action) (batch \(id) is \(status): \(action) refused)"
        }
    }
}

/// Chinese names of the batch states of spec §6.1.
public enum BatchStatusNames {
    public static func chinese(_ status: String) -> String {
        switch status {
        case "draft": "草稿"
        case "computed": "已计算"
        case "first_reviewed": "已初审"
        case "second_reviewed": "已复审"
        case "approved": "已审批"
        case "paid": "已发放"
        default: status
        }
    }
}

extension BangfuDatabase {
    /// Stores a new draft batch and returns its id.
    public func createBatch(_ batch: NewBatch, actor: String, at: String) throws -> Int64 {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO batches(name, kind, date, project, budget_fen, policy_id, policy_path, policy_text, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [batch.name, batch.kind.rawValue, batch.date.description, batch.project, batch.budget?.fen,
                            batch.policyID, batch.policyPath, batch.policyText, at])
            let id = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO audit(at, actor, action, batch_id, detail) VALUES (?, ?, 'batch create', ?, ?)",
                arguments: [at, actor, id, "\(batch.kind.rawValue) \(batch.name) \(batch.date)"])
            return id
        }
    }

    /// The batch with `id`.
    public func batch(_ id: Int64) throws -> BatchRecord {
        guard let batch = try queue.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM batches WHERE id = ?", arguments: [id]) })
        else { throw BatchStoreError.noSuchBatch(id) }
        return try batch.batchRecord()
    }

    /// Every batch, oldest first.
    public func batches() throws -> [BatchRecord] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM batches ORDER BY id").map { try $0.batchRecord() } }
    }

    /// The batch's entries in order.
    public func entries(ofBatch id: Int64) throws -> [BatchEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM batch_entries WHERE batch_id = ? ORDER BY position", arguments: [id]).map { row in
                let student: String? = row["student_id_number"]
                let archive: String? = row["archive_no"]
                let eligible: Bool = row["eligible"]
                return BatchEntry(
                    idNumber: try row.idNumber("id_number"), name: row.text("name"), archiveNumber: archive.map(ArchiveNumber.init),
                    studentIDNumber: try student.map { _ in try row.idNumber("student_id_number") },
                    outcome: eligible ? .eligible(row.money("amount_fen")) : .ineligible,
                    reasons: row.text("reasons").split(separator: "\n").map(String.init))
            }
        }
    }

    /// Union aid paid in `year` (发放单位 工会), summed per person and per student: what the
    /// annual limits and the income cap count.
    public func earlierUnionAid(year: Int) throws -> EarlierAid {
        try queue.read { db in
            var earlier = EarlierAid()
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT id_number, kind, student_id_number, sum(amount_fen) AS total FROM aid_records
                    WHERE payer = '工会' AND paid_on BETWEEN ? AND ?
                    GROUP BY id_number, kind, student_id_number
                    """, arguments: ["\(year)-01-01", "\(year)-12-31"])
            while let row = try rows.next() {
                let kind: AidKind = try row.vocabulary("kind")
                let amount = row.money("total")
                let student = row.text("student_id_number")
                earlier.add(to: try row.idNumber("id_number"), kind: kind, amount: amount,
                            student: student.isEmpty ? nil : try row.idNumber("student_id_number"))
            }
            return earlier
        }
    }

    /// Replaces the entries of a draft or computed batch with those `calculator` gives for
    /// every candidate archive and model worker, in one transaction.
    public func recompute(batch id: Int64, with calculator: BatchCalculator, actor: String, at: String) throws -> BatchComputation {
        try queue.write { db in
            guard let status = try String.fetchOne(db, sql: "SELECT status FROM batches WHERE id = ?", arguments: [id]) else {
                throw BatchStoreError.noSuchBatch(id)
            }
            guard status == "draft" || status == "computed" else { throw BatchStoreError.frozen(id: id, status: status, action: "重新计算") }
            try db.execute(sql: "DELETE FROM batch_entries WHERE batch_id = ?", arguments: [id])
            let insert = try FastStatement(db, sql: """
                INSERT INTO batch_entries(batch_id, position, id_number, name, archive_no, student_id_number, eligible, amount_fen, reasons)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var computation = BatchComputation()
            func write(_ entries: [(entry: BatchEntry, reasons: String)]) throws {
                for (entry, reasons) in entries {
                    computation.count(entry)
                    insert.bind(Int(id))
                    insert.bind(computation.entries)
                    insert.bind(entry.idNumber.value)
                    insert.bind(entry.name)
                    insert.bind(entry.archiveNumber?.value)
                    insert.bind(entry.studentIDNumber?.value)
                    insert.bind(entry.isEligible ? 1 : 0)
                    insert.bind(entry.amount.fen)
                    insert.bind(reasons)
                    if let code = try insert.run() { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
                }
            }
            // This thread reads and writes SQLite; the rules and their reason texts run on
            // the second core, in chunks, in order.
            let chunkSize = 512
            if calculator.kind.takesHouseholds {
                let offload = OrderedOffload<[(Household, [Member])], [(entry: BatchEntry, reasons: String)]> { chunk in
                    chunk.flatMap { calculator.entries(for: $0.0, members: $0.1) }.map { ($0, $0.reasons.joined(separator: "\n")) }
                }
                var chunk: [(Household, [Member])] = []
                chunk.reserveCapacity(chunkSize)
                try BangfuDatabase.forEachHousehold(db, forBatch: true) { household, members in
                    chunk.append((household, members))
                    if chunk.count == chunkSize {
                        try offload.submit(chunk, consume: write)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                try offload.submit(chunk, consume: write)
                try offload.finish(consume: write)
            }
            if calculator.kind.takesModelWorkers {
                try BangfuDatabase.forEachModelWorker(db) { worker in
                    try write(calculator.entries(for: worker).map { ($0, $0.reasons.joined(separator: "\n")) })
                }
            }
            try db.execute(
                sql: "UPDATE batches SET status = 'computed', total_fen = ?, dibao_monthly_fen = ?, computed_at = ? WHERE id = ?",
                arguments: [computation.total.fen, calculator.dibao.fen, at, id])
            try db.execute(
                sql: "INSERT INTO audit(at, actor, action, batch_id, detail) VALUES (?, ?, 'batch compute', ?, ?)",
                arguments: [at, actor, id, "\(computation.entries) entries, total \(computation.total.yuanText)"])
            return computation
        }
    }
}

/// What a computation wrote: entries, how many are eligible, and their total.
public struct BatchComputation: Sendable, Equatable {
    public private(set) var entries = 0
    public private(set) var eligible = 0
    public private(set) var total = Money.zero

    mutating func count(_ entry: BatchEntry) {
        entries += 1
        if entry.isEligible { eligible += 1 }
        total += entry.amount
    }
}

extension Row {
    func batchRecord() throws -> BatchRecord {
        let kindText = text("kind")
        guard let kind = BatchKind(rawValue: kindText) else { throw StoreError.corruptRow(column: "kind", value: kindText) }
        return BatchRecord(
            id: self["id"], name: text("name"), kind: kind, status: text("status"), date: try date("date"),
            project: self["project"], budget: optionalMoney("budget_fen"), policyID: text("policy_id"),
            policyPath: text("policy_path"), policyText: text("policy_text"), dibaoMonthly: optionalMoney("dibao_monthly_fen"),
            total: money("total_fen"))
    }
}
