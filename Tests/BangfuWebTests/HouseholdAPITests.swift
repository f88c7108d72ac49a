import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// 建档, edits and the lifecycle through the JSON API (spec §9), in memory.
struct HouseholdAPITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func id(_ n: Int) -> String { IDNumber(region: 370202, birth: CalendarDate(year: 1975, month: n, day: 9)!, sequence: n).value }

    /// Accounts: a harbour-union clerk, a city clerk and an approver; policy qingdao-2024
    /// (低保 1045 from 2023-07-01, 002:2201–2203; 相对困难 below 2 × 低保).
    func app() throws -> some ApplicationProtocol {
        let store = try BangfuDatabase()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        let accounts: [(String, Set<Role>, String?)] = [("gang", [.clerk], "港工会"), ("city", [.clerk], nil), ("wang", [.approver], nil)]
        for (login, roles, union) in accounts {
            _ = try Accounts.add(AccountRequest(login: login, name: "用户\(login)", roles: roles, union: union), password: "Secret2024pass", in: store, context: shell)
        }
        let policies = try PolicyDirectory.load(Self.repository.appendingPathComponent("policies").path)
        return Application(router: buildRouter(store: store, settings: WebSettings(policies: policies)))
    }

    /// A 深度困难 household of 3 with 30,000 yuan (3,000,000 fen) a year: 833.33 a head a
    /// month, under 低保 1045.
    func body(_ number: String = "QD-201", union: String = "港工会", category: String = "deep", extra: String = "") -> String {
        """
        {"archive_no": "\(number)", "head_name": "王建国", "head_id_number": "\(Self.id(1))", "work_unit": "青岛港",
         "union": "\(union)", "category": "\(category)", "registered_on": "2024-02-20", "size": 3,
         "annual_income_fen": 3000000, "medical_expense_fen": null, "phone": "13800000000"\(extra)}
        """
    }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        let body = ByteBuffer(string: "{\"login\": \"\(login)\", \"password\": \"Secret2024pass\"}")
        let token = try await client.execute(uri: "/api/v1/login", method: .post, body: body) { response in
            try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        }?["token"] as? String
        return [.authorization: "Bearer \(try #require(token))"]
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test func registeringAnswers201WithTheHouseholdItsMembersAndHistory() async throws {
        try await app().test(.router) { client in
            let auth = try await token(client, "gang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: body())) { response in
                #expect(response.status == .created)
                let household = try json(response.body)
                #expect(household["archive_no"] as? String == "QD-201")
                #expect(household["annual_income_fen"] as? Int == 3_000_000)
                #expect(household["category"] as? String == "deep")
                #expect(household.keys.contains("medical_expense_fen") && household["medical_expense_fen"] is NSNull)
                #expect((household["members"] as? [[String: Any]])?.first?["relation"] as? String == "本人")
                #expect((household["aid"] as? [Any])?.isEmpty == true)
                let history = try #require(household["history"] as? [[String: Any]])
                #expect(history.map { $0["change"] as? String } == ["建档：户主王建国"])
                #expect(history.first?["by"] as? String == "gang")
            }
            try await client.execute(uri: "/api/v1/households/QD-201", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let history = try json(response.body)["history"] as? [Any]
                #expect(history?.count == 1)
            }
        }
    }

    @Test func aWrongFormIs422WithEveryProblemByField() async throws {
        try await app().test(.router) { client in
            let auth = try await token(client, "gang")
            let wrong = body(extra: #", "members": [{"name": "王小明", "id_number": "12345", "school_stage": "primary"}]"#)
                .replacingOccurrences(of: #""size": 3"#, with: #""size": "0""#).replacingOccurrences(of: "2024-02-20", with: "2024-02-30")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: wrong)) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try json(response.body)
                #expect((answer["error"] as? [String: Any])?["code"] as? String == "invalid_archive")
                let problems = try #require(answer["problems"] as? [[String: Any]])
                #expect(problems.map { $0["field"] as? String } == ["registered_on", "size", "members[0].id_number", "members[0].school_stage"])
                #expect(problems.first?["value"] as? String == "2024-02-30")
                #expect(problems.allSatisfy { !(($0["reason"] as? String) ?? "").isEmpty })
            }
            try await client.execute(uri: "/api/v1/households/QD-201", method: .get, headers: auth) { #expect($0.status == .notFound) }
        }
    }

    @Test func aDisagreeingCategoryIs422NeedsConfirmationUntilConfirmed() async throws {
        try await app().test(.router) { client in
            let auth = try await token(client, "gang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: body(category: "relative"))) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try json(response.body)
                #expect((answer["error"] as? [String: Any])?["code"] as? String == "needs_confirmation")
                #expect((answer["problems"] as? [[String: Any]])?.first?["field"] as? String == "category")
            }
            let confirmed = body(category: "relative", extra: #", "confirm": true"#)
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: confirmed)) { response in
                #expect(response.status == .created)
                let household = try json(response.body)
                #expect(household["category"] as? String == "relative")
            }
        }
    }

    @Test func patchChangesTheFieldsItGivesAndAnswers200() async throws {
        try await app().test(.router) { client in
            let auth = try await token(client, "gang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: body())) { #expect($0.status == .created) }
            let patch = ByteBuffer(string: #"{"phone": "0532-88888888", "members": [{"name": "王小明", "id_number": "\#(Self.id(2))", "relation": "子女", "school_stage": "compulsory"}]}"#)
            try await client.execute(uri: "/api/v1/households/QD-201", method: .patch, headers: auth, body: patch) { response in
                #expect(response.status == .ok)
                let household = try json(response.body)
                #expect(household["phone"] as? String == "0532-88888888")
                #expect(household["head_name"] as? String == "王建国")
                #expect((household["members"] as? [[String: Any]])?.map { $0["school_stage"] as? String } == ["none", "compulsory"])
                let changes = (household["history"] as? [[String: Any]])?.compactMap { $0["change"] as? String } ?? []
                #expect(changes.contains("联系电话：13800000000 → 0532-88888888"))
            }
        }
    }

    @Test func rolesScopeAndSignInAnswer401403And404() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/api/v1/households", method: .post, body: ByteBuffer(string: body())) { #expect($0.status == .unauthorized) }
            let approver = try await token(client, "wang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: approver, body: ByteBuffer(string: body())) { #expect($0.status == .forbidden) }
            let harbour = try await token(client, "gang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: harbour, body: ByteBuffer(string: body(union: "海尔工会"))) {
                #expect($0.status == .forbidden)
            }
            let city = try await token(client, "city")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: city, body: ByteBuffer(string: body("QD-202", union: "海尔工会"))) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/v1/households/QD-202", method: .patch, headers: harbour, body: ByteBuffer(string: #"{"phone": "13900000000"}"#)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/households/QD-202/status", method: .post, headers: harbour, body: ByteBuffer(string: #"{"status": "exited", "reason": "脱困"}"#)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func theStatusNeedsAReasonAndRefusesAStepTheLifecycleDoesNotTake() async throws {
        try await app().test(.router) { client in
            let auth = try await token(client, "gang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: body())) { #expect($0.status == .created) }
            let uri = "/api/v1/households/QD-201/status"
            try await client.execute(uri: uri, method: .post, headers: auth, body: ByteBuffer(string: #"{"status": "exited"}"#)) { #expect($0.status == .badRequest) }
            try await client.execute(uri: uri, method: .post, headers: auth, body: ByteBuffer(string: #"{"status": "gone", "reason": "x"}"#)) { #expect($0.status == .badRequest) }
            try await client.execute(uri: uri, method: .post, headers: auth, body: ByteBuffer(string: #"{"status": "exited", "reason": "收入连续6个月高于低保"}"#)) { response in
                #expect(response.status == .ok)
                let household = try json(response.body)
                #expect(household["status"] as? String == "exited")
            }
            try await client.execute(uri: uri, method: .post, headers: auth, body: ByteBuffer(string: #"{"status": "exited", "reason": "再次"}"#)) { response in
                #expect(response.status == .conflict)
                let error = try json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "refused")
            }
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: body())) { #expect($0.status == .conflict) }
        }
    }

    @Test func archivesUnchangedForAYearAreListedInScope() async throws {
        try await app().test(.router) { client in
            let auth = try await token(client, "gang")
            try await client.execute(uri: "/api/v1/households", method: .post, headers: auth, body: ByteBuffer(string: body())) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/households/unchanged?before=2999-01-01", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let page = try json(response.body)
                #expect(page["total"] as? Int == 1)
                #expect((page["items"] as? [[String: Any]])?.first?["archive_no"] as? String == "QD-201")
            }
            try await client.execute(uri: "/api/v1/households/unchanged", method: .get, headers: auth) { response in
                let page = try json(response.body)
                #expect(page["total"] as? Int == 0)
            }
        }
    }
}
