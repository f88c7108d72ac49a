import BangfuCore
import GRDB

/// One transfer of a bank list (银行发放清单): a person and an account, and the entries it
/// pays — a household with three students is paid once.
public struct BankTransfer: Sendable, Equatable {
    /// 序号 in its list, from 1.
    public var line: Int
    public var name: String
    public var idNumber: IDNumber
    public var bankName: String
    public var bankAccount: String
    public var amount: Money
    /// The positions of the entries it pays, in its batch.
    public var positions: [Int]
    /// 所属工会 of the household; nil for a model worker (spec §8 scope).
    public var union: String?

    /// The transfers of `entries`: one per recipient and account, in the order of each one's
    /// first entry, numbered from 1.
    public static func grouping(_ entries: [PayableEntry]) throws(AmountOverflow) -> [BankTransfer] {
        var transfers: [BankTransfer] = []
        var index: [String: Int] = [:]
        for entry in entries {
            let key = entry.idNumber.value + "|" + entry.bankAccount
            if let at = index[key] {
                try transfers[at].amount.add(entry.amount)
                transfers[at].positions.append(entry.position)
            } else {
                index[key] = transfers.count
                transfers.append(BankTransfer(
                    line: transfers.count + 1, name: entry.name, idNumber: entry.idNumber, bankName: entry.bankName,
                    bankAccount: entry.bankAccount, amount: entry.amount, positions: [entry.position], union: entry.union))
            }
        }
        return transfers
    }
}

/// A transfer as stored, with the list it belongs to and what the bank reported.
public struct StoredTransfer: Sendable, Equatable {
    public var id: Int64
    /// 0: the batch's own list; 1, 2…: its re-issues (补发).
    public var round: Int
    public var transfer: BankTransfer
    public var state: TransferState
    /// When its list was paid; nil for a re-issue not yet paid.
    public var paidOn: CalendarDate?

    /// As the return file's matcher sees it.
    public var onList: TransferOnList {
        TransferOnList(
            id: id, round: round, name: transfer.name, bankAccount: transfer.bankAccount, amount: transfer.amount, state: state, paidOn: paidOn)
    }
}

/// Where one entry of a paid batch stands: its latest transfer's round and state.
public struct EntryTransfer: Sendable, Equatable {
    public var round: Int
    public var state: TransferState
    /// Whether its list was paid: a transfer of a re-issue awaiting approval or payment is not.
    public var isPaid: Bool
}

extension BangfuDatabase {
    /// The transfers of batch `id`'s list `round` (0: the batch's own): as paid when that
    /// list was paid (kept then, so that a later correction of an account changes no paid
    /// list), else as the batch's entries and their archives give them now.
    public func bankTransfers(ofBatch id: Int64, round: Int = 0) throws -> [BankTransfer] {
        try queue.read { db in
            _ = try Self.batch(db, id)
            let stored = try Self.storedTransfers(db, batch: id, round: round).map(\.transfer)
            guard stored.isEmpty, round == 0 else { return stored }
            return try BankTransfer.grouping(try Self.payableEntries(db, id))
        }
    }

    /// The failed transfers of batch `id` that are still the latest transfer of one of their
    /// entries (neither re-issued nor cancelled since), in list and line order: found by SQL,
    /// so that a paid province batch's page does not read its million transfers to show the
    /// few that failed.
    public func openFailedTransfers(ofBatch id: Int64) throws -> [StoredTransfer] {
        try queue.read { db in
            _ = try Self.batch(db, id)
            return try Self.storedTransfers(
                db, batch: id, round: nil,
                where: """
                    t.state = 'failed' AND EXISTS (SELECT 1 FROM batch_transfer_entries te WHERE te.transfer_id = t.id AND NOT EXISTS (
                        SELECT 1 FROM batch_transfer_entries later WHERE later.batch_id = te.batch_id AND later.position = te.position AND later.round > te.round))
                    """)
        }
    }

    /// How many of batch `id`'s entries stand where by their latest transfer, as `label`
    /// names the places: one pass over the entries' transfers, keeping none of them.
    public func latestTransferCounts<Label: Hashable>(ofBatch id: Int64, by label: (EntryTransfer) -> Label) throws -> [Label: Int] {
        try queue.read { db in
            var counts: [Label: Int] = [:]
            var latest: (position: Int, transfer: EntryTransfer)?
            let rows = try Self.entryTransferRows(db, batch: id)
            while let row = try rows.next() {
                let position: Int = row["entry_position"]
                if let last = latest, last.position != position { counts[label(last.transfer), default: 0] += 1 }
                latest = (position, try row.entryTransfer())
            }
            if let last = latest { counts[label(last.transfer), default: 0] += 1 }
            return counts
        }
    }

    /// Each paid entry's latest transfer, by position (of `positions` only, when given: a
    /// page's); empty for a batch not paid.
    public func entryTransfers(ofBatch id: Int64, positions: [Int]? = nil) throws -> [Int: EntryTransfer] {
        try queue.read { db in
            // One pass over the entries' transfers with only what a state needs: not the
            // lists' names and unions (`storedTransfers`), which a paid province batch would
            // read a million times over.
            var states: [Int: EntryTransfer] = [:]
            let rows = try Self.entryTransferRows(db, batch: id, positions: positions)
            while let row = try rows.next() { states[row["entry_position"]] = try row.entryTransfer() }
            return states
        }
    }

    /// Every transfer of batch `id`'s entries (of `positions` only, when given), ordered by
    /// entry and then list, so that an entry's last row is its latest transfer.
    static func entryTransferRows(_ db: Database, batch id: Int64, positions: [Int]? = nil) throws -> RowCursor {
        let only = positions.map { " AND te.position IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
        return try Row.fetchCursor(
            db, sql: """
                SELECT te.position AS entry_position, t.round, t.state, t.bank_date, t.reason, t.cancel_reason,
                    CASE WHEN t.round = 0 THEN b.paid_on ELSE r.paid_on END AS list_paid_on
                FROM batch_transfer_entries te JOIN batch_transfers t ON t.id = te.transfer_id JOIN batches b ON b.id = t.batch_id
                LEFT JOIN batch_reissues r ON r.batch_id = t.batch_id AND r.round = t.round
                WHERE te.batch_id = ?\(only) ORDER BY te.position, te.round
                """,
            arguments: [id])
    }

    static func hasTransfers(_ db: Database, batch id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM batch_transfers WHERE batch_id = ?)", arguments: [id]) ?? false
    }

    /// The transfers of one list (`round`) or of all (those `condition` keeps, over
    /// `batch_transfers t`), with the day each list was paid.
    static func storedTransfers(_ db: Database, batch id: Int64, round: Int?, where condition: String = "1") throws -> [StoredTransfer] {
        let rows = try Row.fetchAll(
            db, sql: """
                SELECT t.*, CASE WHEN t.round = 0 THEN b.paid_on ELSE r.paid_on END AS list_paid_on,
                    (SELECT group_concat(te.position) FROM batch_transfer_entries te WHERE te.transfer_id = t.id) AS positions,
                    (SELECT h.union_name FROM batch_transfer_entries te JOIN batch_entries e ON e.batch_id = te.batch_id AND e.position = te.position
                        JOIN households h ON h.archive_no = e.archive_no WHERE te.transfer_id = t.id LIMIT 1) AS union_name
                FROM batch_transfers t JOIN batches b ON b.id = t.batch_id
                LEFT JOIN batch_reissues r ON r.batch_id = t.batch_id AND r.round = t.round
                WHERE t.batch_id = ?\(round == nil ? "" : " AND t.round = ?") AND (\(condition)) ORDER BY t.round, t.line
                """, arguments: StatementArguments([id] + (round.map { [Int64($0)] } ?? [])))
        return try rows.map { row in
            let paidOn: String? = row["list_paid_on"]
            return StoredTransfer(
                id: row["id"], round: row["round"],
                transfer: BankTransfer(
                    line: row["line"], name: row.text("name"), idNumber: try row.idNumber("id_number"), bankName: row.text("bank_name"),
                    bankAccount: row.text("bank_account"), amount: row.money("amount_fen"),
                    positions: row.text("positions").split(separator: ",").compactMap { Int($0) }, union: row["union_name"]),
                state: try row.transferState(), paidOn: try paidOn.map { _ in try row.date("list_paid_on") })
        }
    }

    /// Keeps `transfers` as list `round` of batch `id`.
    static func insertTransfers(_ db: Database, batch id: Int64, round: Int, _ transfers: [BankTransfer]) throws {
        let insertTransfer = try db.cachedStatement(sql: """
            INSERT INTO batch_transfers(batch_id, round, line, id_number, name, bank_name, bank_account, amount_fen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertEntry = try db.cachedStatement(sql: "INSERT INTO batch_transfer_entries(transfer_id, batch_id, position, round) VALUES (?, ?, ?, ?)")
        for transfer in transfers {
            try insertTransfer.execute(
                arguments: [id, round, transfer.line, transfer.idNumber.value, transfer.name, transfer.bankName, transfer.bankAccount, transfer.amount.fen])
            let transferID = db.lastInsertedRowID
            for position in transfer.positions {
                try insertEntry.execute(arguments: [transferID, id, position, round])
            }
        }
    }

    /// The list of a batch paid before this version kept its lists: made from its entries
    /// and their archives' accounts as they are now, the best there is.
    static func keepListOfOlderBatch(_ db: Database, _ batch: BatchRecord) throws {
        guard batch.status == .paid, !(try hasTransfers(db, batch: batch.id)) else { return }
        try insertTransfers(db, batch: batch.id, round: 0, try BankTransfer.grouping(try payableEntries(db, batch.id)))
    }
}

extension Row {
    /// A row of `entryTransferRows` as the entry's transfer.
    func entryTransfer() throws -> EntryTransfer {
        let paidOn: String? = self["list_paid_on"]
        return EntryTransfer(round: self["round"], state: try transferState(), isPaid: paidOn != nil)
    }

    func transferState() throws -> TransferState {
        let word = text("state")
        switch word {
        case "not_reported": return .sent
        case "transferred": return .reported(.transferred(on: try date("bank_date")))
        case "failed": return .reported(.failed(on: try date("bank_date"), reason: text("reason")))
        case "cancelled": return .cancelled(failure: text("reason"), reason: text("cancel_reason"))
        default: throw StoreError.corruptRow(column: "state", value: word)
        }
    }
}
