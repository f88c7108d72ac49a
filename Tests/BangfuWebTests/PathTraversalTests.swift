import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A path that climbs out of where it names — `..`, percent-encoded or not, in any part of a
/// URL, a file name or a policy's name — reaches no file of the server: the server serves
/// no folder by path, and every name is looked up among its own records.
struct PathTraversalTests {
    let imports = ImportAPITests()

    static let climbs = ["../../../../etc/passwd", "..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows%5Cwin.ini"]

    func expectNoFile(_ response: TestResponse, _ uri: String) {
        let body = String(buffer: response.body)
        #expect([.notFound, .badRequest].contains(response.status), "\(uri): \(response.status)")
        #expect(!body.contains("root:"), "\(uri)")
    }

    @Test("a climbing path finds no file, signed in or not", arguments: climbs)
    func aClimbingPathFindsNoFile(climb: String) async throws {
        let app = Application(router: buildRouter(store: try imports.store()))
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            for uri in ["/static/\(climb)", "/\(climb)", "/static/bangfu.css/\(climb)"] {
                try await client.execute(uri: uri, method: .get) { expectNoFile($0, uri) }
            }
            for uri in ["/api/v1/households/\(climb)", "/api/v1/indicators/\(climb)", "/api/v1/batches/\(climb)", "/api/v1/imports/\(climb)"] {
                try await client.execute(uri: uri, method: uri.contains("imports") ? .post : .get, headers: auth) { expectNoFile($0, uri) }
            }
            var browser = Browser(client)
            #expect(try await browser.signIn("lu") == .seeOther)
            for uri in ["/archives/\(climb)", "/forms/\(climb)", "/batches/\(climb)"] {
                let page = try await browser.get(uri)
                #expect([.notFound, .badRequest].contains(page.status), "\(uri): \(page.status)")
                #expect(!page.html.contains("root:"))
            }
        }
    }

    @Test func aPolicyNamedByAClimbingPathIsNotAPolicy() async throws {
        let app = Application(router: buildRouter(store: try imports.store()))
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            let body = #"{"kind": "living", "policy": "../../../../etc/passwd", "date": "2024-06-30", "name": "越界"}"#
            try await client.execute(uri: "/api/v1/batches", method: .post, headers: auth, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(!String(buffer: response.body).contains("root:"))
            }
        }
    }

    @Test func anImportsFileNameIsKeptWithoutItsFolders() async throws {
        let store = try imports.store()
        let app = Application(router: buildRouter(store: store))
        let climbing = "../../../../tmp/户籍.csv".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            try await client.execute(
                uri: "/api/v1/imports/households?filename=\(climbing)", method: .post, headers: auth, body: ImportAPITests.households(ImportAPITests.newArchive)
            ) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try store.auditLines().last?.detail.hasPrefix("户籍.csv:") == true)
    }
}
