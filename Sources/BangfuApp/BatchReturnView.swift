import BangfuCore
import BangfuStore

/// A paid batch's transfers as its page shows them (issue 19): how many entries stand
/// where, its re-issues, its failed transfers, and what the viewer may do about them.
public struct BatchReturnView: Sendable {
    /// Entries by their latest transfer's state: `已到账` 86, `转账失败` 2, ….
    public var counts: [(label: String, count: Int)]
    public var reissues: [Reissue]
    /// The failed transfers not yet re-issued or cancelled: name, account as the viewer may
    /// see it, amount, the bank's reason.
    public var failed: [(transfer: Int64, name: String, account: String, amount: Money, reason: String)]
    /// Upload a return file, prepare a re-issue, cancel a failed transfer (finance).
    public var reconcile = false
    public var reissue = false
    public var cancel = false
    public var approveReissue = false
    public var payReissue = false
    /// Download the re-issues' bank lists (finance: full accounts).
    public var bankLists = false
}

extension Batches {
    /// What the page of paid batch `id` shows of its transfers to `viewer`; nil before
    /// payment, and for an account of one union (a return covers the whole list).
    static func returnView(of batch: BatchRecord, viewer: Account, in store: BangfuDatabase) throws -> BatchReturnView? {
        guard batch.status == .paid, viewer.union == nil else { return nil }
        // Counted and found by the store: a province's paid batch has a million transfers.
        let counts = try store.latestTransferCounts(ofBatch: batch.id, by: label)
        let order = ["已到账", "待回盘", "转账失败", "补发待审批或待发放", "已取消"]
        let failed = try store.openFailedTransfers(ofBatch: batch.id)
        let reissues = try store.reissues(ofBatch: batch.id)
        let open = reissues.last.flatMap { $0.status == .paid ? nil : $0 }
        let roles = viewer.roles
        var view = BatchReturnView(
            counts: order.compactMap { label in counts[label].map { (label, $0) } }, reissues: reissues,
            failed: failed.map { transfer in
                let reason: String
                if case .reported(.failed(_, let text)) = transfer.state { reason = text } else { reason = "" }
                return (transfer.id, transfer.transfer.name, Masking.bankAccount(transfer.transfer.bankAccount, for: roles),
                        transfer.transfer.amount, reason)
            })
        let finance = Permissions.allows(roles, .reconcile)
        view.reconcile = finance
        view.bankLists = Permissions.allows(roles, .exportBank)
        view.reissue = finance && !failed.isEmpty && open == nil
        view.cancel = finance && !failed.isEmpty
        view.approveReissue = Permissions.allows(roles, .approve) && open?.status == .prepared && !PersonName.same(open?.preparedBy ?? "", viewer.login)
        view.payReissue = Permissions.allows(roles, .pay) && open?.status == .approved && !PersonName.same(open?.approvedBy ?? "", viewer.login)
        return view
    }

    /// An entry's transfer state as the page's counts group it.
    private static func label(_ transfer: EntryTransfer) -> String {
        guard transfer.isPaid else { return "补发待审批或待发放" }
        return transfer.state.chineseName
    }
}
