import BangfuCore

/// A household as typed into a form (建档, an edit) or sent to the API: the fields of
/// households.csv (spec §3.1) under their JSON keys, each as text the way a CSV cell holds
/// it (Chinese words, yuan, `YYYY-MM-DD`). Read by the import's own rules.
public struct HouseholdForm: Sendable, Equatable {
    /// The values typed, by field. For 建档 a field left out is empty; for an edit it keeps
    /// its stored value.
    public var values: [ArchiveField: String]
    /// The members in order, or nil. 建档 without members records the head alone (关系
    /// `本人`); an edit without them keeps the stored members. A list is the whole list: a
    /// stored member not in it is removed. The head is put first as `本人` when a list leaves
    /// the head's 身份证号 out (spec §3.2: the head is a member too).
    public var members: [MemberForm]?

    public init(values: [ArchiveField: String] = [:], members: [MemberForm]? = nil) {
        self.values = values
        self.members = members
    }
}

/// A household member as typed: the fields of members.csv (spec §3.2) but the 档案编号,
/// which is the household's.
public struct MemberForm: Sendable, Equatable {
    public var values: [MemberField: String]

    public init(values: [MemberField: String] = [:]) {
        self.values = values
    }
}

/// One thing wrong with a form: the field by its JSON key (`head_id_number`,
/// `members[2].id_number`; empty for the form as a whole), the value as typed, and why, in
/// Chinese for the clerk and English for logs — the import's own reasons.
public struct FieldProblem: Sendable, Equatable {
    public var field: String
    public var value: String
    public var reason: String
    public var english: String

    public init(field: String, value: String, reason: String, english: String) {
        self.field = field
        self.value = value
        self.reason = reason
        self.english = english
    }
}
