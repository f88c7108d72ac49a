import BangfuCore

/// What an archive search asks for (spec §9 `GET /households`): a text that is a 档案编号,
/// a 身份证号 or part of a name; a status, a 困难类别 and a 所属工会 picked by the person; the
/// account's union (its scope); a page.
public struct ArchiveQuery: Sendable {
    /// A 档案编号 or 身份证号 (matched exactly; a text with a digit is taken for one of them)
    /// or part of a head's or member's name (any other text).
    public var text: String?
    public var status: ArchiveStatus?
    public var category: HardshipCategory?
    /// The account's scope: only archives of this 所属工会; nil: the whole city.
    public var union: String?
    /// The 所属工会 the person asks for, on top of the scope: an account of one union asking
    /// for another union's archives finds none.
    public var unionFilter: String?
    public var offset: Int
    public var limit: Int
    /// How far the total is counted: a one-character name part finds a tenth of a city, and
    /// counting every match cost more than the page (bench/README.md, "Archive search").
    public var countLimit: Int

    /// The default `countLimit`: more than anyone pages through, few enough to count fast.
    public static let defaultCountLimit = 1_000

    public init(
        text: String? = nil, status: ArchiveStatus? = nil, category: HardshipCategory? = nil, union: String? = nil,
        unionFilter: String? = nil, offset: Int = 0, limit: Int = 50, countLimit: Int = ArchiveQuery.defaultCountLimit
    ) {
        self.text = text
        self.status = status
        self.category = category
        self.union = union
        self.unionFilter = unionFilter
        self.offset = offset
        self.limit = limit
        self.countLimit = countLimit
    }
}

/// What an archive search found: one page, in 档案编号 order, and how many in all.
public struct ArchiveSearchResult: Sendable {
    /// How many archives the query finds, counted up to the query's `countLimit`.
    public var total: Int
    /// True when the query finds more than `total` (= `countLimit`) archives: say "more than".
    public var totalIsCapped: Bool
    /// The page's archives with their members in file order.
    public var page: [(Household, [Member])]
}
