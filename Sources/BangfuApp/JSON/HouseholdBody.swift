import BangfuCore

/// The body of `POST /api/v1/households` and `PATCH /api/v1/households/{archive_no}`: the
/// fields of households.csv under the JSON keys of spec §1 (`archive_no`, `head_name`,
/// `head_id_number`, `work_unit`, `union`, `category`, `registered_on`, `size`,
/// `annual_income_fen`, `medical_expense_fen`, `cause`, `phone`, `bank_name`, `bank_account`,
/// `status`), an optional `members` array of members.csv's fields (`name`, `id_number`,
/// `relation`, `school_stage`, `school`, `note`), and `confirm` (true stores a category the
/// income check disagrees with).
///
/// JSON writes what spec §6 writes: the English words of the vocabularies (`deep`, `active`,
/// `compulsory`; the Chinese words of spec §3 are taken too) and money as integer fen. Each
/// value becomes the text a CSV cell would hold and is read by the import's rules; a key left
/// out is a field left out (for PATCH: unchanged), `null` an empty cell.
public struct HouseholdBody: Decodable, Sendable {
    public var form: HouseholdForm
    public var confirm: Bool

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var values: [ArchiveField: String] = [:]
        for field in ArchiveField.allCases where container.contains(Key(field.rawValue)) {
            values[field] = try Self.text(container, Key(field.rawValue), vocabulary: Self.vocabulary(of: field))
        }
        var members: [MemberForm]?
        if container.contains(Key("members")), try !container.decodeNil(forKey: Key("members")) {
            var list = try container.nestedUnkeyedContainer(forKey: Key("members"))
            members = []
            while !list.isAtEnd {
                let member = try list.nestedContainer(keyedBy: Key.self)
                var memberValues: [MemberField: String] = [:]
                for field in MemberField.allCases where member.contains(Key(field.rawValue)) {
                    let words = field == .schoolStage ? Self.words(SchoolStage.self) : [:]
                    memberValues[field] = try Self.text(member, Key(field.rawValue), vocabulary: words)
                }
                members?.append(MemberForm(values: memberValues))
            }
        }
        form = HouseholdForm(values: values, members: members)
        confirm = try container.decodeIfPresent(Bool.self, forKey: Key("confirm")) ?? false
    }

    /// The English words of the field's vocabulary with the Chinese word each stands for.
    private static func vocabulary(of field: ArchiveField) -> [String: String] {
        switch field {
        case .category: words(HardshipCategory.self)
        case .status: words(ArchiveStatus.self)
        default: [:]
        }
    }

    private static func words<V: ChineseVocabulary>(_: V.Type) -> [String: String] {
        Dictionary(uniqueKeysWithValues: V.allCases.map { ($0.rawValue, $0.chineseName) })
    }

    /// The value at `key` as a CSV cell's text: a string as it is (an English word of
    /// `vocabulary` as its Chinese word), a whole number in digits — in yuan for a `_fen`
    /// key —, null as empty. Anything else is not a value of the field (400).
    private static func text(_ container: KeyedDecodingContainer<Key>, _ key: Key, vocabulary: [String: String]) throws -> String {
        if try container.decodeNil(forKey: key) { return "" }
        if key.stringValue.hasSuffix("_fen") {
            return Money(fen: try container.decode(Int.self, forKey: key)).plainYuan
        }
        if let number = try? container.decode(Int.self, forKey: key) { return String(number) }
        let text = try container.decode(String.self, forKey: key)
        return vocabulary[text] ?? text
    }
}
