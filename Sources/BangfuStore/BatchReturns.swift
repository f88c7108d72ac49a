import BangfuCore
import GRDB

/// What recording a return file did.
public struct ReturnSummary: Sendable, Equatable {
    public var transferred = 0
    public var failed = 0
    /// Rows already recorded, the same, by an earlier file.
    public var unchanged = 0
    /// What the failed transfers would have paid: no longer aid received.
    public var failedAmount = Money.zero

    /// What was recorded, after `subject` (「批次 8 已登记回盘」, 「已登记回盘「回盘.csv」」), for the
    /// command line and the page alike.
    public func chinese(_ subject: String) -> String {
        var text = "\(subject)：到账 \(transferred) 笔，失败 \(failed) 笔"
        if failed > 0 { text += "（\(failedAmount.formatted) 元未到账，不再计为已受助）" }
        if unchanged > 0 { text += "，此前已登记 \(unchanged) 笔（未变）" }
        return text
    }
}

/// A re-issue (补发) of a batch's failed transfers, and where it stands.
public struct Reissue: Sendable, Equatable {
    public enum Status: String, Sendable {
        case prepared, approved, paid

        public var chineseName: String {
            switch self {
            case .prepared: "待审批"
            case .approved: "已审批，待发放"
            case .paid: "已发放"
            }
        }
    }

    public var round: Int
    public var status: Status
    public var preparedBy: String
    public var approvedBy: String?
    public var paidOn: CalendarDate?
    public var paidBy: String?
}

/// Refusals of the bank-return steps, in Chinese and English.
public enum TransferStoreError: Error, Equatable, Sendable, UserFacingError {
    /// Returns, re-issues and cancellations are about a paid batch.
    case notPaid(batch: Int64, BatchStatus)
    /// A transfer's state changed while the file was read (two clerks at once).
    case changedMeanwhile(batch: Int64)
    case noFailedTransfers(batch: Int64)
    /// One re-issue at a time: the last one is not paid yet.
    case reissueOpen(batch: Int64, round: Int, Reissue.Status)
    /// No re-issue in the state the step needs.
    case noReissue(batch: Int64, needed: Reissue.Status)
    /// Segregation of duties (spec §8): who prepared a re-issue does not approve it, and who
    /// approved it does not pay it.
    case sameAccount(batch: Int64, person: String, earlier: String)
    case paymentBeforeList(batch: Int64, paidOn: CalendarDate, listPaidOn: CalendarDate)
    /// `cancel` named nobody with a failed transfer.
    case noFailedTransferOf(batch: Int64, idNumber: String)

    public var chinese: String {
        switch self {
        case .notPaid(let id, let status): "批次 \(id) 为「\(status.chineseName)」，尚未发放：没有可回盘、补发或取消的转账"
        case .changedMeanwhile(let id): "批次 \(id) 的转账状态在读取回盘文件期间已被他人登记，未作任何修改，请重新上传"
        case .noFailedTransfers(let id): "批次 \(id) 没有待补发的失败转账"
        case .reissueOpen(let id, let round, let status): "批次 \(id) 的第 \(round) 次补发「\(status.chineseName)」，办结后才能再编制补发"
        case .noReissue(let id, let needed): "批次 \(id) 没有「\(needed.chineseName)」的补发"
        case .sameAccount(let id, let person, let earlier): "批次 \(id) 的补发已由 \(person) 办理\(earlier)，同一人不能再办理此步骤"
        case .paymentBeforeList(let id, let paidOn, let listPaidOn): "批次 \(id) 的补发日期 \(paidOn) 早于原发放日期 \(listPaidOn)"
        case .noFailedTransferOf(let id, let number): "批次 \(id) 中没有身份证号为 \(number) 的失败转账"
        }
    }

    public var english: String {
        switch self {
        case .notPaid(let id, let status): "batch \(id) is \(status.rawValue), not paid: no transfers to report, re-issue or cancel"
        case .changedMeanwhile(let id): "batch \(id): a transfer was recorded by someone else meanwhile; nothing changed, upload again"
        case .noFailedTransfers(let id): "batch \(id) has no failed transfer to re-issue"
        case .reissueOpen(let id, let round, let status): "batch \(id): re-issue \(round) is \(status.rawValue); finish it first"
        case .noReissue(let id, let needed): "batch \(id) has no re-issue that is \(needed.rawValue)"
        case .sameAccount(let id, let person, let earlier): "batch \(id): \(person) already did the re-issue's \(earlier)"
        case .paymentBeforeList(let id, let paidOn, let listPaidOn): "batch \(id): re-issue date \(paidOn) is before the payment on \(listPaidOn)"
        case .noFailedTransferOf(let id, let number): "batch \(id) has no failed transfer of \(number)"
        }
    }

    public var failure: Failure {
        switch self {
        case .noFailedTransferOf: .notFound
        default: .refused
        }
    }
}

extension BangfuDatabase {
    /// The transfers a return file of batch `id` is matched against, all its lists; a
    /// batch paid before lists were kept gets its list now.
    public func transfersToReconcile(batch id: Int64) throws -> [TransferOnList] {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            guard batch.status == .paid else { throw TransferStoreError.notPaid(batch: id, batch.status) }
            try Self.keepListOfOlderBatch(db, batch)
            return try Self.storedTransfers(db, batch: id, round: nil).map(\.onList)
        }
    }

    /// Records a return file's outcomes in one transaction: a transferred one dates its aid
    /// records by the bank's day (spec §3.4: the transfer's date, not the pay date); a
    /// failed one removes them — the money never arrived, so no limit, cap, duplicate check
    /// or form counts it — and keeps the reason on the transfer. Each transfer recorded must
    /// still be unreported; otherwise nothing is recorded.
    public func recordReturn(batch id: Int64, _ actions: [ReturnAction], file: String, actor: String, at: String) throws -> ReturnSummary {
        try queue.write { db in
            _ = try Self.batch(db, id)
            var summary = ReturnSummary()
            // The file's outcomes go into a table of this connection, and each step below is one
            // statement over all of them: a province's return (863,098 rows) was 3–6 statements
            // a row, each compiled anew, for minutes while every edit waited for the writer.
            try db.execute(sql: Self.returnTablesSQL)
            defer { try? db.execute(sql: "DELETE FROM temp.return_outcomes; DELETE FROM temp.return_positions") }
            let insert = try db.makeStatement(sql: "INSERT INTO temp.return_outcomes VALUES (?, ?, ?, ?)")
            for action in actions {
                guard case .record(let transfer, let outcome) = action else {
                    summary.unchanged += 1
                    continue
                }
                switch outcome {
                case .transferred(let day):
                    summary.transferred += 1
                    try insert.execute(arguments: [transfer, "transferred", day.description, nil])
                case .failed(let day, let reason):
                    summary.failed += 1
                    try insert.execute(arguments: [transfer, "failed", day.description, reason])
                }
            }
            try db.execute(
                sql: """
                    UPDATE batch_transfers SET state = r.state, bank_date = r.bank_date, reason = r.reason, reported_by = ?, reported_at = ?
                    FROM temp.return_outcomes r
                    WHERE batch_transfers.id = r.transfer_id AND batch_transfers.batch_id = ? AND batch_transfers.state = 'not_reported'
                    """,
                arguments: [actor, at, id])
            // Each transfer recorded must still have been unreported: another return recorded meanwhile.
            guard db.changesCount == summary.transferred + summary.failed else { throw TransferStoreError.changedMeanwhile(batch: id) }
            summary.failedAmount = Money(fen: try Int.fetchOne(db, sql: """
                SELECT coalesce(sum(t.amount_fen), 0) FROM temp.return_outcomes r JOIN batch_transfers t ON t.id = r.transfer_id
                WHERE r.state = 'failed'
                """) ?? 0)
            // The entries each reported transfer pays, keyed by position, so that the aid records
            // are reached through their (batch, position) index whatever the planner guesses
            // of a temporary table (a join here was planned as a scan per row: minutes).
            try db.execute(sql: """
                INSERT INTO temp.return_positions
                SELECT te.position, r.state, r.bank_date FROM temp.return_outcomes r JOIN batch_transfer_entries te ON te.transfer_id = r.transfer_id
                """)
            try db.execute(sql: Self.datingSQL, arguments: [id])
            let removed = try Int64.fetchAll(db, sql: "SELECT id FROM aid_records WHERE \(Self.failedRecords) ORDER BY id", arguments: [id])
            try db.execute(sql: "DELETE FROM aid_records WHERE \(Self.failedRecords)", arguments: [id])
            try Self.appendAudit(
                db, at: at, actor: actor, action: .batchReconcile, batch: id,
                subject: removed.isEmpty ? "" : "aid_records removed " + removed.map(String.init).joined(separator: ","),
                detail: "return \(file): \(summary.transferred) transferred, \(summary.failed) failed (\(summary.failedAmount.yuanText) yuan), "
                    + "\(summary.unchanged) already recorded")
            return summary
        }
    }
}

extension BangfuDatabase {
    /// A return's outcomes by transfer, and by the position of each entry they pay.
    static let returnTablesSQL = """
        CREATE TEMP TABLE IF NOT EXISTS return_outcomes (
            transfer_id INTEGER PRIMARY KEY, state TEXT NOT NULL, bank_date TEXT NOT NULL, reason TEXT);
        CREATE TEMP TABLE IF NOT EXISTS return_positions (position INTEGER PRIMARY KEY, state TEXT NOT NULL, bank_date TEXT NOT NULL);
        DELETE FROM temp.return_outcomes;
        DELETE FROM temp.return_positions;
        """

    /// Dates the aid records of batch `?` whose transfer arrived by the bank's day.
    static let datingSQL = """
        UPDATE aid_records SET paid_on = (SELECT p.bank_date FROM temp.return_positions p WHERE p.position = aid_records.batch_position)
        WHERE batch_id = ? AND batch_position IN (SELECT position FROM temp.return_positions WHERE state = 'transferred')
        """

    /// The aid records of batch `?` whose transfer failed.
    static let failedRecords = "batch_id = ? AND batch_position IN (SELECT position FROM temp.return_positions WHERE state = 'failed')"
}

extension BangfuDatabase {
    /// The re-issues of batch `id`, oldest first.
    public func reissues(ofBatch id: Int64) throws -> [Reissue] {
        try queue.read { db in try Self.reissues(db, batch: id) }
    }

    static func reissues(_ db: Database, batch id: Int64) throws -> [Reissue] {
        try Row.fetchAll(db, sql: "SELECT * FROM batch_reissues WHERE batch_id = ? ORDER BY round", arguments: [id]).map { row in
            let status = row.text("status")
            let paidOn: String? = row["paid_on"]
            return Reissue(
                round: row["round"], status: try StoreError.parse(status, column: "status", Reissue.Status.init(rawValue:)),
                preparedBy: row.text("prepared_by"), approvedBy: row["approved_by"], paidOn: try paidOn.map { _ in try row.date("paid_on") },
                paidBy: row["paid_by"])
        }
    }

    /// Puts every failed transfer of paid batch `id` not yet re-issued or cancelled into a new
    /// list (补发), with each archive's account as it is now (the clerk corrects it first, an
    /// edit with history); the list waits for approval. Returns its round and transfers.
    public func prepareReissue(batch id: Int64, by person: String, at: String) throws -> (round: Int, transfers: [BankTransfer]) {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            guard batch.status == .paid else { throw TransferStoreError.notPaid(batch: id, batch.status) }
            if let last = try Self.reissues(db, batch: id).last, last.status != .paid {
                throw TransferStoreError.reissueOpen(batch: id, round: last.round, last.status)
            }
            let failed = Set(try Self.latestPositions(db, batch: id, state: "failed"))
            guard !failed.isEmpty else { throw TransferStoreError.noFailedTransfers(batch: id) }
            let round = (try Int.fetchOne(db, sql: "SELECT max(round) FROM batch_transfers WHERE batch_id = ?", arguments: [id]) ?? 0) + 1
            let transfers = try BankTransfer.grouping(try Self.payableEntries(db, id).filter { failed.contains($0.position) })
            try Self.insertTransfers(db, batch: id, round: round, transfers)
            try db.execute(
                sql: "INSERT INTO batch_reissues(batch_id, round, status, prepared_by, prepared_at) VALUES (?, ?, 'prepared', ?, ?)",
                arguments: [id, round, person, at])
            let total = transfers.reduce(Money.zero) { $0 + $1.amount }
            try Self.appendAudit(
                db, at: at, actor: person, action: .reissuePrepare, batch: id,
                detail: "re-issue \(round): \(transfers.count) transfers, \(failed.count) entries, total \(total.yuanText)")
            return (round, transfers)
        }
    }

    /// Approves the prepared re-issue of batch `id`; not by who prepared it.
    public func approveReissue(batch id: Int64, by person: String, at: String) throws -> Int {
        try queue.write { db in
            guard let reissue = try Self.reissues(db, batch: id).last, reissue.status == .prepared else {
                throw TransferStoreError.noReissue(batch: id, needed: .prepared)
            }
            if PersonName.same(person, reissue.preparedBy) { throw TransferStoreError.sameAccount(batch: id, person: person, earlier: "编制") }
            try db.execute(
                sql: "UPDATE batch_reissues SET status = 'approved', approved_by = ?, approved_at = ? WHERE batch_id = ? AND round = ?",
                arguments: [person, at, id, reissue.round])
            try Self.appendAudit(db, at: at, actor: person, action: .reissueApprove, batch: id, detail: "re-issue \(reissue.round) approved")
            return reissue.round
        }
    }

    /// Pays the approved re-issue of batch `id` on `paidOn`: its entries become aid records
    /// again (the unique index refuses a second record of an entry: never paid twice), dated
    /// `paidOn` until its return file dates them. Not by who approved it.
    public func payReissue(batch id: Int64, on paidOn: CalendarDate, by person: String, at: String) throws -> (round: Int, records: Int, total: Money) {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            guard let reissue = try Self.reissues(db, batch: id).last, reissue.status == .approved else {
                throw TransferStoreError.noReissue(batch: id, needed: .approved)
            }
            if let approver = reissue.approvedBy, PersonName.same(person, approver) {
                throw TransferStoreError.sameAccount(batch: id, person: person, earlier: "审批")
            }
            if let listPaidOn = batch.paidOn, paidOn < listPaidOn {
                throw TransferStoreError.paymentBeforeList(batch: id, paidOn: paidOn, listPaidOn: listPaidOn)
            }
            try db.execute(
                sql: """
                    INSERT INTO aid_records(id_number, name, kind, amount_fen, paid_on, payer, student_id_number, batch_id, batch_position)
                    SELECT e.id_number, e.name, ?, e.amount_fen, ?, ?, coalesce(e.student_id_number, ''), e.batch_id, e.position
                    FROM batch_transfer_entries te JOIN batch_entries e ON e.batch_id = te.batch_id AND e.position = te.position
                    WHERE te.batch_id = ? AND te.round = ? ORDER BY e.position
                    """,
                arguments: [batch.kind.aidKind.rawValue, paidOn.description, Payer.union.description, id, reissue.round])
            let records = db.changesCount
            let total = Money(fen: try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(amount_fen), 0) FROM batch_transfers WHERE batch_id = ? AND round = ?", arguments: [id, reissue.round]) ?? 0)
            try db.execute(
                sql: "UPDATE batch_reissues SET status = 'paid', paid_on = ?, paid_by = ?, paid_at = ? WHERE batch_id = ? AND round = ?",
                arguments: [paidOn.description, person, at, id, reissue.round])
            try Self.appendAudit(
                db, at: at, actor: person, action: .reissuePay, batch: id,
                detail: "re-issue \(reissue.round) paid on \(paidOn): \(records) aid records, total \(total.yuanText)")
            return (reissue.round, records, total)
        }
    }

    /// Gives up the failed transfers of `idNumber` in batch `id` — or the one transfer
    /// `transfer`, as a page names it without the full 身份证号 — so that no re-issue pays
    /// them, with the reason; returns how many transfers.
    public func cancelFailedTransfers(
        batch id: Int64, idNumber: IDNumber? = nil, transfer: Int64? = nil, reason: String, by person: String, at: String
    ) throws -> Int {
        try queue.write { db in
            let batch = try Self.batch(db, id)
            guard batch.status == .paid else { throw TransferStoreError.notPaid(batch: id, batch.status) }
            let latestFailed = """
                batch_id = ? AND (id_number = ? OR id = ?) AND state = 'failed'
                AND round = (SELECT max(round) FROM batch_transfers t WHERE t.batch_id = batch_transfers.batch_id AND t.id_number = batch_transfers.id_number)
                """
            let arguments: StatementArguments = [id, idNumber?.value, transfer]
            let subjects = Set(try String.fetchAll(db, sql: "SELECT id_number FROM batch_transfers WHERE \(latestFailed)", arguments: arguments))
            try db.execute(
                sql: "UPDATE batch_transfers SET state = 'cancelled', cancel_reason = ?, cancelled_by = ?, cancelled_at = ? WHERE \(latestFailed)",
                arguments: [reason, person, at] + arguments)
            let count = db.changesCount
            guard count > 0 else { throw TransferStoreError.noFailedTransferOf(batch: id, idNumber: idNumber?.value ?? "#\(transfer ?? 0)") }
            try Self.appendAudit(
                db, at: at, actor: person, action: .transferCancel, batch: id, subject: subjects.sorted().joined(separator: ","),
                detail: "\(count) transfers: \(reason)")
            return count
        }
    }

    /// The positions of the entries whose latest transfer is in `state`.
    static func latestPositions(_ db: Database, batch id: Int64, state: String) throws -> [Int] {
        try Int.fetchAll(
            db, sql: """
                SELECT te.position FROM batch_transfer_entries te JOIN batch_transfers t ON t.id = te.transfer_id
                WHERE te.batch_id = ? AND t.state = ?
                    AND te.round = (SELECT max(x.round) FROM batch_transfer_entries x WHERE x.batch_id = te.batch_id AND x.position = te.position)
                ORDER BY te.position
                """, arguments: [id, state])
    }
}
