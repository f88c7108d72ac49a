import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The JSON API of spec §9, driven in memory through the router.
struct APITests {
    static let header = "档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"
    static func id(_ n: Int) -> String { IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: n, day: 9)!, sequence: n).value }

    /// Two unions' archives and two accounts: a city approver and a harbour clerk.
    func store() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let text = """
            \(Self.header)
            QD-001,王建国,\(Self.id(1)),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,,,在档
            QD-002,李秀英,\(Self.id(2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,,,,,在档
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-api-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        _ = try Imports.run(.households, path: path, into: store, context: shell)
        _ = try Accounts.add(AccountRequest(login: "wang", name: "王主席", roles: [.approver], union: nil), password: "Secret2024pass", in: store, context: shell)
        _ = try Accounts.add(AccountRequest(login: "gang", name: "港录入员", roles: [.clerk], union: "港工会"), password: "Secret2024pass", in: store, context: shell)
        return store
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    func signIn(_ client: some TestClientProtocol, _ login: String, password: String = "Secret2024pass") async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: "/api/v1/login", method: .post, body: ByteBuffer(string: "{\"login\": \"\(login)\", \"password\": \"\(password)\"}")) { response in
            (response.status, try json(response.body))
        }
    }

    @Test func signInGivesATokenAndAWrongPasswordGetsTheErrorShape() async throws {
        let app = Application(router: buildRouter(store: try store()))
        try await app.test(.router) { client in
            let (status, body) = try await signIn(client, "wang")
            #expect(status == .ok)
            #expect((body["token"] as? String)?.count == 64)
            #expect(body["roles"] as? [String] == ["approver"])
            #expect(body.keys.contains("union") && body["union"] is NSNull)
            let (wrong, error) = try await signIn(client, "wang", password: "nope")
            #expect(wrong == .unauthorized)
            let detail = try #require(error["error"] as? [String: Any])
            #expect(detail["code"] as? String == "unauthorized")
            #expect(detail["message"] as? String == "账号或密码错误")
        }
    }

    @Test func aRequestWithoutAValidTokenIs401AndLogoutEndsTheToken() async throws {
        let app = Application(router: buildRouter(store: try store()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/households", method: .get) { #expect($0.status == .unauthorized) }
            let token = try #require(try await signIn(client, "wang").1["token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/api/v1/households", method: .get, headers: auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/logout", method: .post, headers: auth) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/api/v1/households", method: .get, headers: auth) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func aUnionAccountListsItsArchivesAndAnotherUnionsIs404() async throws {
        let app = Application(router: buildRouter(store: try store()))
        try await app.test(.router) { client in
            let token = try #require(try await signIn(client, "gang").1["token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/api/v1/households?per_page=10", method: .get, headers: auth) { response in
                let page = try json(response.body)
                #expect(page["total"] as? Int == 1)
                #expect(page["per_page"] as? Int == 10)
                #expect((page["items"] as? [[String: Any]])?.map { $0["archive_no"] as? String } == ["QD-001"])
            }
            try await client.execute(uri: "/api/v1/households/QD-002", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
                let error = try json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "not_found")
            }
            try await client.execute(uri: "/api/v1/households/QD-001", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let head = try json(response.body)["head_id_number"] as? String
                #expect(head == Self.id(1))
            }
            try await client.execute(uri: "/api/v1/households?status=gone", method: .get, headers: auth) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/households?category=poor", method: .get, headers: auth) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/households?union=%E6%B5%B7%E5%B0%94%E5%B7%A5%E4%BC%9A", method: .get, headers: auth) { response in
                let page = try json(response.body)
                #expect(page["total"] as? Int == 0, "another union's archives stay out of a union account's scope")
                #expect(page["total_is_capped"] as? Bool == false)
            }
        }
    }

    @Test func anApproverSeesMaskedNumbers() async throws {
        let app = Application(router: buildRouter(store: try store()))
        try await app.test(.router) { client in
            let token = try #require(try await signIn(client, "wang").1["token"] as? String)
            try await client.execute(uri: "/api/v1/households/QD-002", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let head = try json(response.body)["head_id_number"] as? String
                #expect(head == String(Self.id(2).prefix(6)) + "********" + String(Self.id(2).suffix(4)))
            }
        }
    }
}
