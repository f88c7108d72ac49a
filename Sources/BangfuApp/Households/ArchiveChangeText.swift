import BangfuCore
import BangfuImport

extension ArchiveField {
    /// The label people read: the header of households.csv (`家庭年纯收入`), so that a form,
    /// a history line and an import report name a field alike.
    public var label: String { column.header }
}

extension MemberField {
    /// The label people read: the header of members.csv (`就学阶段`).
    public var label: String { column.header }
}

extension ArchiveChange {
    /// The change as one Chinese sentence, as the household page and the API's `history`
    /// give it: `困难类别：深度困难 → 相对困难`.
    public var chinese: String {
        let before = old ?? "（空）"
        let after = new ?? "（空）"
        switch what {
        case .registered:
            return "建档：户主\(new ?? "")"
        case .field:
            return "\(ArchiveField(rawValue: field)?.label ?? field)：\(before) → \(after)"
        case .memberAdded:
            return "新增家庭成员：\(new ?? "")，身份证号 \(member)"
        case .memberRemoved:
            return "删除家庭成员：\(old ?? "")，身份证号 \(member)"
        case .memberChanged:
            return "家庭成员 \(member) 的\(MemberField(rawValue: field)?.label ?? field)：\(before) → \(after)"
        case .status:
            return "档案状态：\(before) → \(after)" + (reason.map { "，原因：\($0)" } ?? "")
        case .categoryConfirmed:
            return "困难类别「\(new ?? "")」与收入核定不一致，经确认保存：\(reason ?? "")"
        case .imported:
            return "导入\(new ?? "")写入本档案"
        }
    }
}
