import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /api/v1/duplicates` and `POST /api/v1/duplicates/{finding_id}/decision` (spec §9,
/// issue 16) against the OpenAPI document: the success and every refusal.
struct DuplicateAPITests {
    let contract: APIContract

    init() throws { contract = try APIContract() }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        try await OpenAPIConformanceTests().token(client, login)
    }

    func findings(_ answer: CheckedAnswer) -> [(code: String, id: String)] {
        (answer.body?["findings"]?.array ?? []).map { ($0["code"]?.string ?? "", $0["finding_id"]?.string ?? "") }
    }

    @Test func theYearsFindingsAnswerAsDocumentedInTheAccountsScope() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            let approver = try await token(client, "wang")
            let all = try await contract.call(client, .get, "/api/v1/duplicates?year=2024&policy=qingdao-2024", headers: approver, expecting: .ok)
            #expect(Set(findings(all).map(\.code)) == ["two_households", "cross_agency", "id_name_mismatch"])
            #expect(all.body?["open_findings"] == .integer(3) && all.body?["confirmed_findings"] == .integer(0))
            let numbers = all.body?["findings"]?.array?.flatMap { $0["id_numbers"]?.array ?? [] }.compactMap(\.string) ?? []
            #expect(!numbers.isEmpty && numbers.allSatisfy { $0.contains("********") }, "an approver sees 身份证号 masked")
            // The defaults: the latest year with aid, the first policy covering it.
            let defaulted = try await contract.call(client, .get, "/api/v1/duplicates", headers: approver, expecting: .ok)
            #expect(defaulted.body?["year"] == .integer(2024) && findings(defaulted).count == 3)

            let harbour = try await contract.call(client, .get, "/api/v1/duplicates?year=2024", headers: try await token(client, "gangshen"), expecting: .ok)
            #expect(Set(findings(harbour).map(\.code)) == ["two_households", "id_name_mismatch"], "海尔工会's cross_agency is out of 港工会's scope")

            #expect(try await contract.call(client, .get, "/api/v1/duplicates?year=20x4", headers: approver, expecting: .unprocessableContent).errorCode == "bad_input")
            try await contract.call(client, .get, "/api/v1/duplicates?year=2024&policy=nowhere", headers: approver, expecting: .unprocessableContent)
            try await contract.call(client, .get, "/api/v1/duplicates?year=2024", headers: try await token(client, "guan"), expecting: .forbidden)
            try await contract.call(client, .get, "/api/v1/duplicates?year=2024", expecting: .unauthorized)
        }
    }

    @Test func aDecisionAnswersAsDocumentedAndItsRefusalsWithTheirStatuses() async throws {
        try await DuplicateQueueFixture.app().test(.router) { client in
            let reviewer = try await token(client, "zhang")
            let listed = findings(try await contract.call(client, .get, "/api/v1/duplicates?year=2024", headers: reviewer, expecting: .ok))
            let cross = try #require(listed.first { $0.code == "cross_agency" }?.id)
            let uri = "/api/v1/duplicates/\(cross)/decision"

            let confirm = #"{"year": 2024, "outcome": "confirmed", "action": "recover", "note": "民政已发，追回工会部分"}"#
            try await contract.call(client, .post, uri, headers: try await token(client, "zhou"), body: confirm, expecting: .forbidden)
            try await contract.call(client, .post, uri, body: confirm, expecting: .unauthorized)
            let unknown = "/api/v1/duplicates/\(String(repeating: "0", count: 32))/decision"
            #expect(try await contract.call(client, .post, unknown, headers: reviewer, body: confirm, expecting: .notFound).errorCode == "not_found")
            try await contract.call(client, .post, uri, headers: try await token(client, "gangshen"), body: confirm, expecting: .notFound)
            let bare = #"{"year": 2024, "outcome": "dismissed", "note": "  "}"#
            #expect(try await contract.call(client, .post, uri, headers: reviewer, body: bare, expecting: .unprocessableContent).errorCode == "bad_input")
            try await contract.call(client, .post, uri, headers: reviewer, body: #"{"year": 2024, "outcome": "confirmed"}"#, expecting: .unprocessableContent)
            try await contract.call(
                client, .post, uri, headers: reviewer, body: #"{"year": 2024, "outcome": "maybe"}"#, bodyConforms: false, expecting: .badRequest)
            try await contract.call(
                client, .post, uri, headers: reviewer, body: #"{"year": 2024, "outcome": "confirmed", "action": "forgive"}"#, bodyConforms: false,
                expecting: .badRequest)
            try await contract.call(client, .post, uri, headers: reviewer, body: #"{"outcome": "confirmed"}"#, bodyConforms: false, expecting: .badRequest)
            try await contract.call(client, .post, uri, headers: reviewer, body: #"{"year": 1800, "outcome": "confirmed", "action": "stop"}"#, expecting: .unprocessableContent)

            let decided = try await contract.call(client, .post, uri, headers: reviewer, body: confirm, expecting: .ok)
            #expect(decided.body?["finding_id"] == .string(cross))
            #expect(decided.body?["decision"]?["action"] == .string("recover") && decided.body?["decision"]?["by"] == .string("zhang"))
            let after = try await contract.call(client, .get, "/api/v1/duplicates?year=2024", headers: reviewer, expecting: .ok)
            #expect(after.body?["open_findings"] == .integer(2) && after.body?["confirmed_findings"] == .integer(1))
            // cross_agency is not in spec §5's rate: nothing confirmed counts in it.
            #expect(after.body?["confirmed_duplicate_aid_rate"] == .integer(0))

            let dismissed = try await contract.call(
                client, .post, uri, headers: try await token(client, "wang"), body: #"{"year": 2024, "outcome": "dismissed", "note": "民政为临时救助，目的不同"}"#,
                expecting: .ok)
            #expect(dismissed.body?["decision"]?["outcome"] == .string("dismissed") && dismissed.body?["decision"]?["action"] == .null)
            let last = try await contract.call(client, .get, "/api/v1/duplicates?year=2024", headers: reviewer, expecting: .ok)
            #expect(last.body?["dismissed_findings"] == .integer(1) && last.body?["confirmed_findings"] == .integer(0), "the latest decision counts")
        }
    }
}
