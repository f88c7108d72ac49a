/// One change of an archive, as its history keeps it: what happened, to which field or
/// member, the text before and after as people read it (`深度困难` → `相对困难`), and the reason
/// where one is required (脱困, 销档). The values are kept as they were shown then, so that a
/// later change of wording or of a vocabulary never rewrites what the history said.
public struct ArchiveChange: Hashable, Sendable {
    /// The kinds of change, with the words the database keeps.
    public enum What: String, CaseIterable, Hashable, Sendable {
        /// 建档 through a form (an imported archive's first line is `imported`).
        case registered
        /// One field of the household: `field` is its `ArchiveField` key.
        case field
        case memberAdded = "member_added"
        case memberRemoved = "member_removed"
        /// One field of one member: `member` is the 身份证号, `field` the `MemberField` key.
        case memberChanged = "member_changed"
        /// 在档 → 脱困 / 销档 and back, with the reason.
        case status
        /// A category the income check disagreed with, stored after the clerk confirmed it.
        case categoryConfirmed = "category_confirmed"
        /// An import wrote the archive (`new`: the file's title and name).
        case imported
    }

    public var what: What
    /// The field's JSON key; empty for a whole-archive or whole-member change.
    public var field: String
    /// The member's 身份证号 for member changes; empty otherwise.
    public var member: String
    public var old: String?
    public var new: String?
    public var reason: String?

    public init(_ what: What, field: String = "", member: String = "", old: String? = nil, new: String? = nil, reason: String? = nil) {
        self.what = what
        self.field = field
        self.member = member
        self.old = old
        self.new = new
        self.reason = reason
    }
}

/// What changed between two versions of an archive, field by field and member by member
/// (members matched by 身份证号), in the order of the form.
public enum ArchiveDiff {
    /// The changes from `old` to `new`; `newMembers` nil leaves the members out of it.
    public static func changes(from old: Household, _ oldMembers: [Member], to new: Household, _ newMembers: [Member]?) -> [ArchiveChange] {
        var changes: [ArchiveChange] = ArchiveField.allCases.compactMap { field in
            let before = field.text(of: old)
            let after = field.text(of: new)
            return before == after ? nil : ArchiveChange(.field, field: field.rawValue, old: before, new: after)
        }
        guard let newMembers else { return changes }
        let previous = Dictionary(oldMembers.map { ($0.idNumber, $0) }, uniquingKeysWith: { first, _ in first })
        let kept = Set(newMembers.map(\.idNumber))
        for member in oldMembers where !kept.contains(member.idNumber) {
            changes.append(ArchiveChange(.memberRemoved, member: member.idNumber.value, old: describe(member)))
        }
        for member in newMembers {
            guard let before = previous[member.idNumber] else {
                changes.append(ArchiveChange(.memberAdded, member: member.idNumber.value, new: describe(member)))
                continue
            }
            for field in MemberField.allCases where field.text(of: before) != field.text(of: member) {
                changes.append(ArchiveChange(
                    .memberChanged, field: field.rawValue, member: member.idNumber.value, old: field.text(of: before), new: field.text(of: member)))
            }
        }
        return changes
    }

    /// `张三（子女，义务教育）`: a member as a history line names them.
    static func describe(_ member: Member) -> String {
        let details = [member.relation, member.schoolStage == .none ? "" : member.schoolStage.chineseName].filter { !$0.isEmpty }
        return details.isEmpty ? member.name : "\(member.name)（\(details.joined(separator: "，"))）"
    }
}
