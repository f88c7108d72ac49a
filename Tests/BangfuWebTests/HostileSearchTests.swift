import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Archive search with words that mean something to SQL — a quote, a comment, `LIKE`'s own
/// wildcards — finds what a clerk typed, literally: nothing here, since no archive of the
/// fixture holds these characters; never every archive, never an error.
struct HostileSearchTests {
    let imports = ImportAPITests()

    @Test("a search for SQL's own characters finds them literally", arguments: ["' OR 1=1 --", "%", "_", "%%", "\\", "\"; DROP TABLE households; --", "*", "[王]"])
    func aSearchForSQLsCharactersFindsThemLiterally(query: String) async throws {
        let app = Application(router: buildRouter(store: try imports.store()))
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            try await client.execute(uri: "/api/v1/households?q=\(encoded)", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let body = try imports.api.json(response.body)
                #expect(body["total"] as? Int == 0, "\(query): \(body)")
            }
            try await client.execute(uri: "/api/v1/households", method: .get, headers: auth) { response in
                let all = try imports.api.json(response.body)
                #expect(all["total"] as? Int == 2)
            }
        }
    }

    @Test func aSearchOfTenThousandCharactersIsAnsweredNotFailed() async throws {
        let app = Application(router: buildRouter(store: try imports.store()))
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            let long = String(repeating: "王", count: 10_000).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/api/v1/households?q=\(long)", method: .get, headers: auth) { response in
                #expect([.ok, .badRequest].contains(response.status), "\(response.status)")
            }
        }
    }
}
