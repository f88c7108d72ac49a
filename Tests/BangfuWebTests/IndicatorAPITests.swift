import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /api/v1/indicators/{project}` (spec §9): spec §6.3 as the command line writes it, and
/// every refusal, each as the OpenAPI document says.
struct IndicatorAPITests {
    let contract: APIContract
    let fixture: FormFixture

    init() throws {
        contract = try APIContract()
        fixture = try FormFixture()
    }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        let answer = try await contract.call(client, .post, "/api/v1/login", body: #"{"login": "\#(login)", "password": "Secret2024pass"}"#, expecting: .ok)
        return [.authorization: "Bearer \(try #require(answer.body?["token"]?.string))"]
    }

    var uri: String { "/api/v1/indicators/\(FormFixture.segment)" }

    @Test func theFormAnswersInTheShapeOfTheCommandLinesJSON() async throws {
        let project = try ProjectForms.projects(in: fixture.settings.policiesDirectory)[0]
        let expected = try JSONTextEncoder().text(EvaluationJSON(try Evaluations.evaluate(project, in: fixture.store)))
        try await Application(router: buildRouter(store: fixture.store, settings: fixture.settings)).test(.router) { client in
            let auditor = try await token(client, "jian")
            let answer = try await contract.call(client, .get, uri, headers: auditor, expecting: .ok)
            #expect(answer.body?["project"] == .string(FormFixture.project))
            #expect(answer.body?["indicators"]?.array?.count == 5)
            try await client.execute(uri: uri, method: .get, headers: auditor) { response in
                #expect(String(buffer: response.body) == expected, "the same bytes as `bangfu indicators --format json`")
            }
        }
    }

    @Test func anUnknownProjectIs404AndTheRefusalsAreAsDocumented() async throws {
        try await Application(router: buildRouter(store: fixture.store, settings: fixture.settings)).test(.router) { client in
            let approver = try await token(client, "wang")
            #expect(try await contract.call(client, .get, "/api/v1/indicators/%E6%B2%A1%E6%9C%89", headers: approver, expecting: .notFound).errorCode == "not_found")
            #expect(try await contract.call(client, .get, uri, headers: try await token(client, "guan"), expecting: .forbidden).errorCode == "forbidden")
            let union = try await contract.call(client, .get, uri, headers: try await token(client, "gang"), expecting: .forbidden)
            #expect(union.errorCode == "forbidden")
            try await contract.call(client, .get, uri, expecting: .unauthorized)
        }
    }
}
