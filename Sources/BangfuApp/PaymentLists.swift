import BangfuCore
import BangfuExport
import BangfuStore

/// The two lists a batch is exported as. The notice is public: 身份证号 masked, no bank
/// account. The bank list is for finance only: full account, a total row.
public enum PaymentLists {
    /// The 公示 list: every payable entry, 身份证号 masked, the notice period stated.
    public static func notice(_ batch: BatchRecord, _ entries: [PayableEntry], from start: CalendarDate, days: Int) throws(AmountOverflow) -> Sheet {
        let end = start.adding(days: days - 1)
        let total = try total(of: entries)
        let student = batch.kind == .education
        return Sheet(
            name: "公示名单",
            title: "\(batch.name)公示名单",
            subtitle: [
                "救助类型：\(batch.kind.chineseName)　共 \(entries.count) 人次，合计 \(total.formatted) 元",
                "公示期：\(start) 至 \(end)（\(days) 天）。如有异议，请在公示期内向职工服务中心反映。",
            ],
            headers: ["序号", "姓名", "身份证号"] + (student ? ["受助学生"] : []) + ["工作单位", "困难类别", "救助类型", "金额（元）"],
            rows: entries.enumerated().map { index, entry in
                [.integer(index + 1), .text(entry.name), .text(entry.idNumber.masked)] + (student ? [.text(entry.studentName ?? "")] : [])
                    + [.text(entry.workUnit), .text(entry.category), .text(batch.kind.chineseName), .money(entry.amount)]
            },
            footer: nil,
            notes: ["身份证号仅显示前6位和后4位。"],
            merges: [])
    }

    /// The bank list: one row per transfer (`BankTransfer`, one per recipient and account: a
    /// household with three students is paid once); `round` 1, 2… is a re-issue (补发) of
    /// the batch's failed transfers.
    public static func bank(_ batch: BatchRecord, _ transfers: [BankTransfer], round: Int = 0) throws(AmountOverflow) -> Sheet {
        var total = Money.zero
        for transfer in transfers { try total.add(transfer.amount) }
        let list = round == 0 ? "银行发放清单" : "补发清单（第\(round)次）"
        return Sheet(
            name: round == 0 ? "银行发放清单" : "补发清单",
            title: "\(batch.name)\(list)",
            subtitle: ["批次 \(batch.id)，\(batch.kind.chineseName)，\(batch.status.chineseName)" + (round == 0 ? batch.paidOn.map { "，发放日期 \($0)" } ?? "" : "")],
            headers: ["序号", "姓名", "开户银行", "银行账号", "金额（元）"],
            rows: transfers.map { transfer in
                [.integer(transfer.line), .text(transfer.name), .text(transfer.bankName), .text(transfer.bankAccount), .money(transfer.amount)]
            },
            footer: [.text("合计"), .text("\(transfers.count) 人"), .empty, .empty, .money(total)],
            notes: [],
            merges: [],
            csvIsTableOnly: true)
    }

    /// The entries' amounts added up, in checked arithmetic: a database edited by hand may
    /// hold amounts no batch computes.
    public static func total(of entries: [PayableEntry]) throws(AmountOverflow) -> Money {
        var total = Money.zero
        for entry in entries { try total.add(entry.amount) }
        return total
    }
}
