import BangfuCore
import GRDB

/// A transfer of a paid batch that did not reach its person and has not been re-issued:
/// failed (the bank's reason, waiting for a re-issue or a cancellation) or cancelled.
public struct UnsettledTransfer: Sendable, Equatable {
    public var batchID: Int64
    public var batchName: String
    /// 0 for the list as paid, 1, 2… for the re-issues.
    public var round: Int
    public var name: String
    public var amount: Money
    public var cancelled: Bool
    /// The bank's day and reason of the failure.
    public var bankDate: String?
    public var reason: String?
    public var cancelReason: String?
}

extension BangfuDatabase {
    /// The unsettled transfers to any of `idNumbers`, oldest batch first: a failed transfer
    /// whose entries a later round has not taken up, and every cancelled one.
    public func unsettledTransfers(to idNumbers: [IDNumber]) throws -> [UnsettledTransfer] {
        guard !idNumbers.isEmpty else { return [] }
        return try queue.read { db in
            try Row.fetchAll(
                db, sql: Self.unsettledTransfersSQL(people: idNumbers.count),
                arguments: StatementArguments(idNumbers.map(\.value))
            ).map { row in
                UnsettledTransfer(
                    batchID: row["batch_id"], batchName: row["batch_name"], round: row["round"], name: row["name"],
                    amount: Money(fen: row["amount_fen"]), cancelled: row["state"] == "cancelled", bankDate: row["bank_date"],
                    reason: row["reason"], cancelReason: row["cancel_reason"])
            }
        }
    }

    /// The query of `unsettledTransfers` for `people` 身份证号.
    static func unsettledTransfersSQL(people: Int) -> String {
        """
        SELECT t.batch_id, b.name AS batch_name, t.round, t.name, t.amount_fen, t.state, t.bank_date, t.reason, t.cancel_reason
        FROM batch_transfers t JOIN batches b ON b.id = t.batch_id
        WHERE t.id_number IN (\(Array(repeating: "?", count: people).joined(separator: ", "))) AND t.state IN ('failed', 'cancelled')
            AND NOT EXISTS (
                SELECT 1 FROM batch_transfer_entries mine JOIN batch_transfer_entries later
                    ON later.batch_id = mine.batch_id AND later.position = mine.position AND later.round > mine.round
                WHERE mine.transfer_id = t.id)
        ORDER BY b.date, t.batch_id, t.round, t.line
        """
    }
}
