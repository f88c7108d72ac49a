import BangfuApp
import BangfuCore
import BangfuExport
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /api/v1/imports/{kind}` (spec §9), in memory through the router.
struct ImportAPITests {
    let api = APITests()

    /// The API tests' store (two archives, the approver wang, the harbour clerk gang) and a
    /// clerk of the whole city, lu.
    func store() throws -> BangfuDatabase {
        let store = try api.store()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        _ = try Accounts.add(AccountRequest(login: "lu", name: "市录入员", roles: [.clerk], union: nil), password: "Secret2024pass", in: store, context: shell)
        return store
    }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        let token = try #require(try await api.signIn(client, login).1["token"] as? String)
        return [.authorization: "Bearer \(token)"]
    }

    static func households(_ lines: String...) -> ByteBuffer {
        ByteBuffer(string: ([APITests.header] + lines).joined(separator: "\n"))
    }

    /// `家庭档案.csv`, percent-encoded as a client sends it.
    static let name = "家庭档案.csv".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

    static let newArchive = "QD-003,赵敏,\(APITests.id(3)),海尔,海尔工会,意外致困,2024-02-01,4,20000,,,,,,在档"

    @Test func aCityClerkImportsACSVAndGetsTheSummary() async throws {
        let store = try store()
        let app = Application(router: buildRouter(store: store))
        try await app.test(.router) { client in
            let auth = try await token(client, "lu")
            try await client.execute(uri: "/api/v1/imports/households?filename=\(Self.name)", method: .post, headers: auth, body: Self.households(Self.newArchive)) { response in
                #expect(response.status == .ok)
                let body = try api.json(response.body)
                #expect(body["rows"] as? Int == 1)
                #expect(body["written"] as? Int == 1)
                #expect(body["skipped"] as? Int == 0)
                #expect((body["warnings"] as? [Any])?.isEmpty == true)
            }
        }
        #expect(try store.recordCounts().households == 3)
        #expect(try store.auditLines().last?.detail.hasPrefix("家庭档案.csv:") == true)
    }

    @Test func aFileWithBadRowsIs422WithEveryProblemAndStoresNothing() async throws {
        let store = try store()
        let app = Application(router: buildRouter(store: store))
        let bad = "QD-004,钱进,\(APITests.id(4)),海尔,海尔工会,意外致困,2024-02-01,4,很多,,,,,,在档"
        let worse = "QD-005,孙立,\(APITests.id(5)),海尔,海尔工会,很困难,2024-02-01,4,1000,,,,,,在档"
        try await app.test(.router) { client in
            let auth = try await token(client, "lu")
            try await client.execute(
                uri: "/api/v1/imports/households?filename=\(Self.name)", method: .post, headers: auth, body: Self.households(Self.newArchive, bad, worse)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let body = try api.json(response.body)
                let error = try #require(body["error"] as? [String: Any])
                #expect(error["code"] as? String == "bad_input")
                #expect((error["message"] as? String)?.hasPrefix("家庭档案.csv：2处错误") == true)
                let problems = try #require(body["problems"] as? [[String: Any]])
                #expect(problems.count == 2)
                #expect(problems.first?["row"] as? Int == 3)
                #expect(problems.first?["column"] as? String == "家庭年纯收入")
                #expect(problems.first?["column_letter"] as? String == "I")
                #expect(problems.first?["value"] as? String == "很多")
                #expect((problems.first?["reason"] as? String)?.hasPrefix("不是有效的金额") == true)
                #expect(problems.last?["row"] as? Int == 4)
                #expect(problems.last?["column"] as? String == "困难类别")
            }
        }
        #expect(try store.recordCounts().households == 2)
    }

    @Test func anXLSXBodyImportsAsACSVWould() async throws {
        let store = try store()
        let app = Application(router: buildRouter(store: store))
        let row = Self.newArchive.components(separatedBy: ",").map { $0.isEmpty ? BangfuExport.Cell.empty : .text($0) }
        let xlsx = try bytes(of: Sheet(name: "家庭档案", headers: APITests.header.components(separatedBy: ","), rows: [row]), as: .xlsx)
        try await app.test(.router) { client in
            let auth = try await token(client, "lu")
            try await client.execute(uri: "/api/v1/imports/households", method: .post, headers: auth, body: ByteBuffer(bytes: xlsx)) { response in
                #expect(response.status == .ok)
                let written = try api.json(response.body)["written"] as? Int
                #expect(written == 1)
            }
        }
        #expect(try store.recordCounts().households == 3)
    }

    @Test func withoutATokenIs401() async throws {
        let app = Application(router: buildRouter(store: try store()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/imports/households", method: .post, body: Self.households(Self.newArchive)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func aUnionsAccountAndARoleThatMayNotImportAre403() async throws {
        let store = try store()
        let app = Application(router: buildRouter(store: store))
        try await app.test(.router) { client in
            for login in ["gang", "wang"] {
                let auth = try await token(client, login)
                try await client.execute(uri: "/api/v1/imports/households", method: .post, headers: auth, body: Self.households(Self.newArchive)) { response in
                    #expect(response.status == .forbidden, "\(login)")
                    let error = try api.json(response.body)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "forbidden")
                }
            }
        }
        #expect(try store.recordCounts().households == 2)
    }

    @Test func aBodyOverTheLimitIs413AndAnUnknownKind404() async throws {
        let store = try store()
        let app = Application(router: buildRouter(store: store, settings: WebSettings(uploadLimit: 100)))
        try await app.test(.router) { client in
            let auth = try await token(client, "lu")
            try await client.execute(uri: "/api/v1/imports/households", method: .post, headers: auth, body: Self.households(Self.newArchive)) { response in
                #expect(response.status == .contentTooLarge)
                let error = try api.json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "too_large")
            }
            try await client.execute(uri: "/api/v1/imports/people", method: .post, headers: auth, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try store.recordCounts().households == 2)
    }
}
