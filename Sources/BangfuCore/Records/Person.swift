/// Someone who performs a step of the work (imports, computes, reviews, approves, pays), as
/// the audit trail and segregation of duties know them: a name normalised as an imported
/// name is (`PersonName`), never empty. The accounts of spec §8 will stand behind it.
public struct Person: Hashable, Sendable, CustomStringConvertible {
    /// The normalised name.
    public let name: String

    /// `name` as a person, or why it is refused (control or direction characters, too
    /// long, nothing left after normalisation).
    public init(name: String) throws(TextRefusal) {
        let normalised = try PersonName.normalised(name)
        guard !normalised.isEmpty else { throw .empty }
        self.name = normalised
    }

    public var description: String { name }
}
