import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A batch's creation, exclusions and lists through the JSON API, each answer held to the
/// OpenAPI document, with every refusal: role 403, state 409, segregation 409, scope 404,
/// no token 401.
struct BatchRoutesTests {
    let conformance: OpenAPIConformanceTests
    var contract: APIContract { conformance.contract }

    init() throws { conformance = try OpenAPIConformanceTests() }

    /// The repository's `policies/`: qingdao-2024 and its four projects.
    static let policies = URL(fileURLWithPath: BatchAPITests.policy).deletingLastPathComponent().path
    static let settings = WebSettings(policiesDirectory: policies)

    func withWorld(_ body: @Sendable (any TestClientProtocol, Int64) async throws -> Void) async throws {
        try await conformance.withWorld(settings: Self.settings, body)
    }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields { try await conformance.token(client, login) }

    @Test func aClerkCreatesABatchByPolicyIdAndEveryBadFieldIs422() async throws {
        try await withWorld { client, _ in
            let clerk = try await token(client, "zhou")
            let good = #"{"kind": "warmth", "policy": "qingdao-2024", "date": "2024-12-20", "name": "元旦慰问", "project": null, "budget_fen": 100000000}"#
            let made = try await contract.call(client, .post, "/api/v1/batches", headers: clerk, body: good, expecting: .created)
            #expect(made.body?["status"] == .string("draft") && made.body?["kind"] == .string("warmth") && made.body?["budget_fen"] == .integer(100_000_000))
            let bad = #"{"kind": "party", "policy": "nowhere-2024", "date": "2024-13-01", "name": " ", "project": "没有的项目", "budget_fen": -1}"#
            let refused = try await contract.call(client, .post, "/api/v1/batches", headers: clerk, body: bad, bodyConforms: false, expecting: .unprocessableContent)
            #expect(refused.errorCode == "invalid_batch")
            let fields = Set(refused.body?["problems"]?.array?.compactMap { $0["field"]?.string } ?? [])
            #expect(fields == ["kind", "policy", "date", "name", "project", "budget_fen"])
            // A date with no 低保 in force is the date's problem.
            let early = #"{"kind": "living", "policy": "qingdao-2024", "date": "1990-01-01", "name": "太早"}"#
            #expect(try await contract.call(client, .post, "/api/v1/batches", headers: clerk, body: early, expecting: .unprocessableContent).body?["problems"]?.array?.first?["field"] == .string("date"))
            try await contract.call(client, .post, "/api/v1/batches", headers: try await token(client, "wang"), body: good, expecting: .forbidden)
            try await contract.call(client, .post, "/api/v1/batches", body: good, expecting: .unauthorized)
            try await contract.call(client, .post, "/api/v1/batches", headers: clerk, body: #"{"kind": "warmth"}"#, bodyConforms: false, expecting: .badRequest)
        }
    }

    @Test func aReviewerExcludesWithAReasonAndTheRefusalsHaveTheirStatuses() async throws {
        try await withWorld { client, id in
            let batch = "/api/v1/batches/\(id)"
            let first = try await token(client, "zhang")
            let exclude = #"{"id_number": "\#(APITests.id(1))", "reason": "经核实已迁出本市"}"#
            // Before computing there is nothing to take out: the state refuses.
            #expect(try await contract.call(client, .post, "\(batch)/exclude", headers: first, body: exclude, expecting: .conflict).errorCode == "refused")
            try await contract.call(client, .post, "\(batch)/compute", headers: try await token(client, "zhou"), expecting: .ok)
            try await contract.call(client, .post, "\(batch)/exclude", headers: try await token(client, "zhou"), body: exclude, expecting: .forbidden)
            try await contract.call(client, .post, "\(batch)/exclude", headers: try await token(client, "wai"), body: exclude, expecting: .notFound)
            try await contract.call(client, .post, "\(batch)/exclude", body: exclude, expecting: .unauthorized)
            // A 身份证号 of the right form whose check digit fails is the record's rule (422); a
            // blank reason is a request the document forbids (400).
            let badDigit = String(APITests.id(1).dropLast()) + (APITests.id(1).hasSuffix("0") ? "1" : "0")
            try await contract.call(client, .post, "\(batch)/exclude", headers: first, body: #"{"id_number": "\#(badDigit)", "reason": "x"}"#, expecting: .unprocessableContent)
            try await contract.call(
                client, .post, "\(batch)/exclude", headers: first, body: #"{"id_number": "123", "reason": "x"}"#, bodyConforms: false, expecting: .unprocessableContent)
            try await contract.call(
                client, .post, "\(batch)/exclude", headers: first, body: #"{"id_number": "\#(APITests.id(1))", "reason": " "}"#, bodyConforms: false,
                expecting: .badRequest)
            try await contract.call(client, .post, "\(batch)/exclude", headers: first, body: #"{"id_number": "\#(APITests.id(9))", "reason": "x"}"#, expecting: .notFound)
            let after = try await contract.call(client, .post, "\(batch)/exclude", headers: first, body: exclude, expecting: .ok)
            let entry = after.body?["entries"]?.array?.first { $0["id_number"] == .string(APITests.id(1)) }
            #expect(entry?["eligible"] == .bool(false))
            #expect(entry?["reasons"]?.array?.last?.string?.contains("经核实已迁出本市") == true)
        }
    }

    @Test func theListsDownloadForTheirRolesInTheirStatesOnly() async throws {
        try await withWorld { client, id in
            let batch = "/api/v1/batches/\(id)"
            let auditor = try await token(client, "jian")
            let finance = try await token(client, "liu")
            #expect(try await contract.call(client, .get, "\(batch)/notice.xlsx", headers: auditor, expecting: .conflict).errorCode == "refused")
            try await contract.call(client, .post, "\(batch)/compute", headers: try await token(client, "zhou"), expecting: .ok)
            try await contract.call(client, .get, "\(batch)/notice.xlsx", headers: auditor, expecting: .ok)
            try await client.execute(uri: "\(batch)/notice.csv", method: .get, headers: auditor) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let disposition = try #require(response.headers[.contentDisposition])
                #expect(disposition.hasPrefix("attachment; filename=\"batch-\(id)-notice.csv\"; filename*=UTF-8''"))
                #expect(disposition.contains(PageTests.encode("春节公示名单.csv")))
                #expect(!String(buffer: response.body).contains(APITests.id(1)), "the notice masks every 身份证号")
            }
            try await contract.call(client, .get, "\(batch)/notice.csv", headers: try await token(client, "wai"), expecting: .notFound)
            try await contract.call(client, .get, "\(batch)/notice.csv", headers: try await token(client, "guan"), expecting: .forbidden)
            try await contract.call(client, .get, "\(batch)/notice.csv", expecting: .unauthorized)
            try await contract.call(client, .get, "/api/v1/batches/999/notice.csv", headers: auditor, expecting: .notFound)
            // The bank list: finance only, and only once approved.
            try await contract.call(client, .get, "\(batch)/bank.csv", headers: auditor, expecting: .forbidden)
            #expect(try await contract.call(client, .get, "\(batch)/bank.xlsx", headers: finance, expecting: .conflict).errorCode == "refused")
            try await contract.call(client, .post, "\(batch)/review", headers: try await token(client, "zhang"), body: #"{"stage": "first"}"#, expecting: .ok)
            try await contract.call(client, .post, "\(batch)/review", headers: try await token(client, "li"), body: #"{"stage": "second"}"#, expecting: .ok)
            try await contract.call(client, .post, "\(batch)/approve", headers: try await token(client, "wang"), expecting: .ok)
            try await contract.call(client, .get, "\(batch)/bank.xlsx", headers: finance, expecting: .ok)
            try await contract.call(client, .get, "\(batch)/bank.csv", headers: finance, expecting: .ok)
            let lines = try await contract.call(client, .get, "/api/v1/audit", headers: auditor, expecting: .ok)
            #expect(lines.body?.array?.filter { $0["action"] == .string("batch export") }.count == 4, "each download is an audit line")
        }
    }

    @Test func aSegregatedStepIs409WithTheReason() async throws {
        try await withWorld { client, id in
            let batch = "/api/v1/batches/\(id)"
            try await contract.call(client, .post, "\(batch)/compute", headers: try await token(client, "zhou"), expecting: .ok)
            let both = try await token(client, "both")
            try await contract.call(client, .post, "\(batch)/exclude", headers: both, body: #"{"id_number": "\#(APITests.id(2))", "reason": "重复申报"}"#, expecting: .ok)
            try await contract.call(client, .post, "\(batch)/review", headers: both, body: #"{"stage": "first"}"#, expecting: .ok)
            let refused = try await contract.call(client, .post, "\(batch)/review", headers: both, body: #"{"stage": "second"}"#, expecting: .conflict)
            #expect(refused.body?["error"]?["message"]?.string?.contains("不同人员办理") == true)
        }
    }

    @Test func aComputeWhileThePagesComputationRunsIs409ComputeRunning() async throws {
        try await withWorld { client, id in
            var browser = Browser(client)
            #expect(try await browser.signIn("zhou") == .seeOther)
            let clerk = try await token(client, "zhou")
            try await browser.get("/batches/\(id)")
            // A computation of two archives may end before the next request: until one is
            // caught running, the page starts another (a recomputation is allowed).
            var refused: JSONValue?
            for _ in 0..<50 where refused == nil {
                #expect(try await browser.post("/batches/\(id)/compute", []).status == .seeOther)
                let path = "/api/v1/batches/\(id)/compute"
                refused = try await client.execute(uri: path, method: .post, headers: clerk) { response -> JSONValue? in
                    guard response.status == .conflict else { return nil }
                    let body = Data(buffer: response.body)
                    let problems = contract.problems(method: "POST", path: path, status: 409, contentType: response.headers[.contentType], body: body)
                    #expect(problems.isEmpty, "\(problems)")
                    return try JSONValue.parse(body)
                }
            }
            #expect(refused?["error"]?["code"] == .string("compute_running"))
            #expect(refused?["error"]?["message"]?.string?.contains("正在计算") == true)
        }
    }
}
