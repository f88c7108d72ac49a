import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// The household page (spec §9): the archive, its members with age and sex, the aid paid to
/// its people with the batch each came from, its change history and its lifecycle. The view
/// is an audit line (`Archives.household`).
func addHouseholdPage(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer) {
    pages.get("archives/:archive_no") { request, context -> Response in
        let account = try context.signedIn()
        let number = try context.archiveNumber()
        let now = try context.request()
        let (record, unsettled) = try await Blocking.run {
            (try Archives.household(number, viewer: account, in: store, context: now), try Archives.unsettledTransfers(of: number, viewer: account, in: store))
        }
        var values = PageFrame.values("档案 \(record.archiveNo)", account: account, token: context.token ?? "", current: "/archives")
        values.merge(HouseholdPageValues.of(record, today: now.today)) { _, new in new }
        values["unsettled"] = unsettled.map(HouseholdPageValues.unsettled)
        values["hasUnsettled"] = !unsettled.isEmpty
        let canEdit = Permissions.allows(account.roles, .editArchives)
        values["canEdit"] = canEdit
        values["editLink"] = "/archives/\(PageLinks.segment(record.archiveNo))/edit"
        values["statusAction"] = "/archives/\(PageLinks.segment(record.archiveNo))/status"
        let lifecycle = canEdit ? HouseholdPageValues.lifecycle(from: ArchiveStatus(rawValue: record.status) ?? .active) : []
        values["lifecycle"] = lifecycle
        values["hasLifecycle"] = !lifecycle.isEmpty
        switch request.uri.queryParameters["done"] {
        case "registered": values["success"] = "已建档。"
        case "edited": values["success"] = "修改已保存，见下方变更记录。"
        case "status": values["success"] = "档案状态已更改。"
        default: break
        }
        return try renderer.page("household", values)
    }
}

/// A household record as the page's template reads it: labels and words in Chinese, money
/// in yuan with separators, members' age and sex from their 身份证号 (before masking).
enum HouseholdPageValues {
    /// A transfer that did not reach its person, as a row of the page: which batch, to whom,
    /// how much, and where it stands in words.
    static func unsettled(_ transfer: UnsettledTransfer) -> [String: Any] {
        let list = transfer.round == 0 ? "转账" : "第\(transfer.round)次补发"
        let state = transfer.cancelled
            ? "\(list)失败后已取消" + (transfer.cancelReason.map { "：\($0)" } ?? "")
            : "\(list)失败" + ([transfer.bankDate, transfer.reason].compactMap { $0 }.isEmpty ? "" : "（" + [transfer.bankDate, transfer.reason].compactMap { $0 }.joined(separator: "，") + "）") + "，待补发或取消"
        return [
            "batch": "批次 #\(transfer.batchID) \(transfer.batchName)", "batchLink": "/batches/\(transfer.batchID)", "name": transfer.name,
            "amount": transfer.amount.formatted, "state": state,
        ]
    }

    static func of(_ record: HouseholdRecordJSON, today: CalendarDate) -> [String: Any] {
        let fields: [(String, String?)] = [
            ("户主姓名", record.headName), ("户主身份证号", record.headIDNumber), ("工作单位", record.workUnit),
            ("所属工会", record.union), ("困难类别", HardshipCategory(rawValue: record.category)?.chineseName),
            ("建档日期", record.registeredOn), ("家庭人口", "\(record.size) 人"),
            ("家庭年纯收入", Money(fen: record.annualIncomeFen).formatted + " 元"),
            ("人均月收入", (try? HardshipClassification.perCapitaMonthly(annualIncome: Money(fen: record.annualIncomeFen), size: record.size))
                .map { $0.formatted + " 元" }),
            ("自付医疗费用", record.medicalExpenseFen.map { Money(fen: $0).formatted + " 元" }), ("致困原因", record.cause),
            ("联系电话", record.phone), ("开户银行", record.bankName), ("银行账号", record.bankAccount),
            ("最近变更", record.lastChangedOn),
        ]
        return [
            "archiveNo": record.archiveNo, "headName": record.headName,
            "status": ArchiveStatus(rawValue: record.status)?.chineseName ?? record.status, "statusClass": record.status,
            "fields": fields.map { ["label": $0.0, "value": ($0.1?.isEmpty ?? true) ? "—" : $0.1!] },
            "members": record.members.map { member -> [String: Any] in
                [
                    "name": member.name, "idNumber": member.idNumber, "relation": member.relation.isEmpty ? "—" : member.relation,
                    "sex": member.sex == "male" ? "男" : "女", "age": member.age.map { "\($0) 岁" } ?? "—",
                    "school": SchoolStage(rawValue: member.schoolStage).map { $0 == .none ? "—" : $0.chineseName + (member.school.map { "（\($0)）" } ?? "") } ?? "—",
                ]
            },
            "hasMembers": !record.members.isEmpty,
            "aid": record.aid.map { aid -> [String: Any] in
                [
                    "kind": AidKind(rawValue: aid.kind)?.chineseName ?? aid.kind, "amount": Money(fen: aid.amountFen).formatted,
                    "paidOn": aid.paidOn, "payer": aid.payer, "name": aid.name,
                    "batch": aid.batchID.map { "批次 #\($0)" } ?? "导入记录",
                ]
            },
            "hasAid": !record.aid.isEmpty,
            "aidTotal": Money(fen: record.aid.reduce(0) { $0 + $1.amountFen }).formatted,
            "history": record.history.reversed().map { ["at": $0.at.replacingOccurrences(of: "T", with: " "), "by": $0.by, "change": $0.change] },
            "hasHistory": !record.history.isEmpty,
        ]
    }

    /// The lifecycle steps open from `status`, as buttons with their reason field.
    static func lifecycle(from status: ArchiveStatus) -> [[String: Any]] {
        let steps: [(ArchiveStatus, String)] = [(.exited, "脱困"), (.closed, "销档"), (.active, "恢复在档")]
        return steps.filter { ArchiveLifecycle.allows(from: status, to: $0.0) }.map { ["value": $0.0.rawValue, "label": $0.1] }
    }
}
