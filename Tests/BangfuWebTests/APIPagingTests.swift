import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's paging as its document states it (page from 1, 1 to 200 rows): Schemathesis
/// found `per_page=201` answered with 200 rows, a page the client had not asked for.
struct APIPagingTests {
    @Test(arguments: ["per_page=201", "per_page=0", "page=0", "page=-3", "per_page=abc", "page=1.5"])
    func pagingOutsideTheDocumentIsRefused(query: String) async throws {
        let fixture = APITests()
        let app = Application(router: buildRouter(store: try fixture.store()))
        try await app.test(.router) { client in
            let token = try #require(try await fixture.signIn(client, "wang").1["token"] as? String)
            for path in ["/api/v1/households", "/api/v1/households/unchanged"] {
                try await client.execute(uri: "\(path)?\(query)", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .badRequest, "\(path)?\(query)")
                    #expect(String(buffer: response.body).contains(#""code": "invalid_value""#))
                }
            }
        }
    }

    @Test func theLargestPageIsServed() async throws {
        let fixture = APITests()
        let app = Application(router: buildRouter(store: try fixture.store()))
        try await app.test(.router) { client in
            let token = try #require(try await fixture.signIn(client, "wang").1["token"] as? String)
            try await client.execute(uri: "/api/v1/households?per_page=200&page=1", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(body["per_page"] as? Int == 200)
                #expect(body["total"] as? Int == 2)
            }
        }
    }
}
