import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A batch through its steps over the API, each by the account of its role (spec §8, §9).
struct BatchAPITests {
    static let policy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies/qingdao-2024.toml").path

    func store() throws -> (BangfuDatabase, Int64) {
        let store = try APITests().store()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        for (login, role) in [("zhou", Role.clerk), ("zhang", .firstReviewer), ("li", .secondReviewer), ("liu", .finance), ("jian", .auditor)] {
            _ = try Accounts.add(AccountRequest(login: login, name: login, roles: [role], union: nil), password: "Secret2024pass", in: store, context: shell)
        }
        let clerk = BangfuApp.RequestContext(actor: try Person(name: "zhou"))
        let id = try Batches.create(
            BatchRequest(kind: .living, policyPath: Self.policy, date: CalendarDate(year: 2024, month: 1, day: 20)!, name: "春节"), in: store, context: clerk)
        return (store, id)
    }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        let token = try #require(try await APITests().signIn(client, login).1["token"] as? String)
        return [.authorization: "Bearer \(token)"]
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ auth: HTTPFields, _ body: String = "{}") async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .post, headers: auth, body: ByteBuffer(string: body)) { response in
            (response.status, try APITests().json(response.body))
        }
    }

    @Test func eachStepByItsRoleAndTheRefusalsWithTheirStatuses() async throws {
        let (store, id) = try store()
        let app = Application(router: buildRouter(store: store))
        try await app.test(.router) { client in
            let clerk = try await token(client, "zhou")
            let computed = try await post(client, "/api/v1/batches/\(id)/compute", clerk)
            #expect(computed.0 == .ok)
            #expect(computed.1["status"] as? String == "computed")
            #expect((computed.1["entries"] as? [[String: Any]])?.count == 2)

            let first = try await token(client, "zhang")
            #expect(try await post(client, "/api/v1/batches/\(id)/review", first, #"{"stage": "first"}"#).0 == .ok)
            // A first reviewer cannot take the second review: its roles refuse it (403).
            let again = try await post(client, "/api/v1/batches/\(id)/review", first, #"{"stage": "second"}"#)
            #expect(again.0 == .forbidden, "a first reviewer holds no 复审 role")
            #expect(try await post(client, "/api/v1/batches/\(id)/review", await token(client, "li"), #"{"stage": "second"}"#).0 == .ok)
            let notApprover = try await post(client, "/api/v1/batches/\(id)/approve", clerk)
            #expect(notApprover.0 == .forbidden)
            #expect(try await post(client, "/api/v1/batches/\(id)/approve", await token(client, "wang")).1["status"] as? String == "approved")
            let stage = try await post(client, "/api/v1/batches/\(id)/review", first, #"{"stage": "third"}"#)
            #expect(stage.0 == .badRequest)
            let paid = try await post(client, "/api/v1/batches/\(id)/pay", await token(client, "liu"), #"{"date": "2024-01-25"}"#)
            #expect(paid.1["status"] as? String == "paid")
            let twice = try await post(client, "/api/v1/batches/\(id)/pay", await token(client, "liu"), #"{"date": "2024-01-25"}"#)
            #expect(twice.0 == .conflict)
            #expect(((twice.1["error"] as? [String: Any])?["message"] as? String)?.contains("不能重复发放") == true)

            let auditor = try await token(client, "jian")
            try await client.execute(uri: "/api/v1/audit?account=liu", method: .get, headers: auditor) { response in
                let lines = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
                #expect(lines.contains { $0["action"] as? String == "batch pay" && $0["account"] as? String == "liu" })
            }
            try await client.execute(uri: "/api/v1/audit", method: .get, headers: clerk) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/batches", method: .get, headers: auditor) { response in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
                #expect(list.map { $0["status"] as? String } == ["paid"])
            }
        }
    }
}
