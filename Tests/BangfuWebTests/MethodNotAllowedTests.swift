import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A method the OpenAPI document does not list for a path the API has (Schemathesis found
/// TRACE answered 404): 405 with the methods the path takes, in the API's error shape.
struct MethodNotAllowedTests {
    @Test func aMethodThePathDoesNotTakeIs405WithTheMethodsItDoes() async throws {
        let app = Application(router: buildRouter(store: try BangfuDatabase()))
        try await app.test(.router) { client in
            for (method, uri, allowed) in [
                (HTTPRequest.Method.delete, "/api/v1/households", "GET, POST"), (.init("TRACE")!, "/api/v1/login", "POST"),
                (.put, "/api/v1/batches/7/approve", "POST"), (.post, "/api/v1/households/QD-001", "GET, PATCH"),
                // Schemathesis ST205: a literal path is not its parameter sibling's.
                (.options, "/api/v1/households/unchanged", "GET"),
            ] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allowed, "\(method) \(uri)")
                    #expect(String(buffer: response.body).contains(#""code": "method_not_allowed""#))
                }
            }
        }
    }

    @Test func aPathTheAPIDoesNotHaveIsStill404() async throws {
        let app = Application(router: buildRouter(store: try BangfuDatabase()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/nothing/here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.allow] == nil)
            }
        }
    }
}
