import Foundation
import HTTPTypes

/// The methods the OpenAPI document lists for each API path, so that a request with another
/// method on a path the API has answers 405 with `Allow` (RFC 9110 §15.5.6) instead of the
/// router's 404: the document is the one list of the API's routes, and the conformance
/// tests hold the routes to it.
struct DocumentedMethods: Sendable {
    /// Each path template's segments (`{…}` matches one segment) and its methods.
    private let templates: [(segments: [Substring], methods: [String])]

    /// The document shipped with the program; none when it is missing (then 404 stays 404).
    static let shipped: DocumentedMethods = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI"),
            let data = try? Data(contentsOf: url)
        else { return DocumentedMethods(document: [:]) }
        return DocumentedMethods(document: (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }()

    init(document: [String: Any]) {
        let server = ((document["servers"] as? [[String: Any]])?.first?["url"] as? String) ?? "/api/v1"
        let operations = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        let paths = document["paths"] as? [String: Any] ?? [:]
        templates = paths.map { path, item in
            let methods = operations.filter { (item as? [String: Any])?[$0] != nil }.map { $0.uppercased() }
            return ((server + path).split(separator: "/"), methods)
        }
    }

    /// The methods documented for `path`, or empty when the API has no such path. A path
    /// that fits several templates is the one with the most literal segments, as the router
    /// takes it: `/households/unchanged` is not `/households/{archive_no}`.
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        let matching = templates.filter { template in
            template.segments.count == segments.count
                && zip(template.segments, segments).allSatisfy { pattern, segment in Self.isParameter(pattern) || pattern == segment }
        }
        let literals = { (template: (segments: [Substring], methods: [String])) in template.segments.filter { !Self.isParameter($0) }.count }
        guard let most = matching.map(literals).max() else { return [] }
        return Set(matching.filter { literals($0) == most }.flatMap(\.methods)).sorted()
    }

    private static func isParameter(_ segment: Substring) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }
}
