import Hummingbird

/// Which page of a list a request asks for: `page` (from 1) and `per_page`.
struct Paging: Sendable, Equatable {
    let page: Int
    let perPage: Int

    /// The most rows one API answer carries.
    static let mostPerPage = 200

    /// An API request's paging, as its document states it: a page from 1, 1 to 200 rows a
    /// page; anything else is refused (400) rather than quietly changed, so that a client
    /// never reads a page it did not ask for.
    static func api(_ query: Parameters, defaultPerPage: Int = 20) throws -> Paging {
        let page = try number(query, "page") ?? 1
        let perPage = try number(query, "per_page") ?? defaultPerPage
        guard page >= 1 else { throw InvalidField(field: "page", value: String(page)) }
        guard (1...mostPerPage).contains(perPage) else { throw InvalidField(field: "per_page", value: String(perPage)) }
        return Paging(page: page, perPage: perPage)
    }

    /// A page's paging: a person's link or typed address, taken as the nearest page there is.
    static func browser(_ query: Parameters, perPage: Int) -> Paging {
        Paging(page: max(query["page"].flatMap { Int(String($0)) } ?? 1, 1), perPage: perPage)
    }

    private static func number(_ query: Parameters, _ name: Substring) throws -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(String(text)) else { throw InvalidField(field: String(name), value: String(text)) }
        return value
    }
}
