import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The OpenAPI document of spec §9 (`Sources/BangfuWeb/OpenAPI/openapi.json`): served as kept,
/// complete, and true — every operation driven in memory to a success and to its documented
/// refusals, each answer's status one the document lists and its body of the documented shape.
struct OpenAPIConformanceTests {
    let contract: APIContract

    init() throws { contract = try APIContract() }

    /// The status each error code answers with (spec §9, `APIResponse.status(of:)`).
    static let codesByStatus: [String: Set<String>] = [
        "400": ["invalid_value"], "401": ["unauthorized"], "403": ["forbidden"], "404": ["not_found"], "409": ["refused", "compute_running"],
        "413": ["too_large"], "422": ["bad_input", "invalid_archive", "needs_confirmation", "invalid_batch"], "429": ["locked"], "503": ["unavailable"],
        "default": ["internal"],
    ]

    /// BatchAPITests' store — QD-001 of 港工会, QD-002 of 海尔工会, a draft 生活救助 batch of
    /// 2024-01-20, a city account of each batch role and a 港工会 clerk (`gang`) — with an
    /// administrator (`guan`), an account holding both review roles (`both`, for segregation
    /// of duties) and a first reviewer of a union without archives (`wai`, for union scope).
    func world() throws -> (store: BangfuDatabase, batch: Int64) {
        let (store, batch) = try BatchAPITests().store()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        let more: [(String, Set<Role>, String?)] = [("guan", [.admin], nil), ("both", [.firstReviewer, .secondReviewer], nil), ("wai", [.firstReviewer], "外工会")]
        for (login, roles, union) in more {
            _ = try Accounts.add(AccountRequest(login: login, name: login, roles: roles, union: union), password: "Secret2024pass", in: store, context: shell)
        }
        return (store, batch)
    }

    /// `body` with a client of a router over a new `world()` (`settings` as given) and the
    /// id of its batch.
    func withWorld(settings: WebSettings = WebSettings(), _ body: @Sendable (any TestClientProtocol, Int64) async throws -> Void) async throws {
        let (store, batch) = try world()
        try await Application(router: buildRouter(store: store, settings: settings)).test(.router) { client in try await body(client, batch) }
    }

    /// `login` signed in through the documented `POST /login`; its bearer header.
    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        let answer = try await contract.call(client, .post, "/api/v1/login", body: #"{"login": "\#(login)", "password": "Secret2024pass"}"#, expecting: .ok)
        return [.authorization: "Bearer \(try #require(answer.body?["token"]?.string))"]
    }

    // MARK: - the document

    @Test func theDocumentIsServedWithoutSignInAsItIsKeptInTheRepository() async throws {
        let app = Application(router: buildRouter(store: try BangfuDatabase()))
        try await app.test(.router) { client in
            try await contract.call(client, .get, "/api/v1/openapi.json", expecting: .ok)
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(Data(buffer: response.body) == contract.bytes)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
        }
    }

    @Test func theDocumentIsOpenAPI3WithABearerTokenFromLogin() throws {
        let document = contract.document
        #expect(document["openapi"]?.string?.hasPrefix("3.0.") == true)
        #expect(document["info"]?["title"]?.string == "Bangfu API")
        let description = try #require(document["info"]?["description"]?.string)
        #expect(description.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } && description.contains("The JSON API"))
        #expect(document["servers"]?.array?.first?["url"]?.string == APIContract.prefix)
        let schemes = try #require(document["components"]?["securitySchemes"]?.object)
        let bearer = try #require(schemes.first { $0.value["type"]?.string == "http" && $0.value["scheme"]?.string == "bearer" }?.key)
        #expect(document["security"] == .array([.object([bearer: .array([])])]))
        let open = contract.operations.filter { $0.operation["security"] == .array([]) }.map { "\($0.method) \($0.path)" }
        #expect(Set(open) == ["POST /login", "GET /openapi.json"])
    }

    @Test func everyOperationHasAChineseSummaryAndItsErrorsInTheSpecShape() throws {
        var operationIDs: [String] = []
        for (method, path, operation) in contract.operations {
            let name = "\(method) \(path)"
            let summary = operation["summary"]?.string ?? ""
            #expect(summary.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(name): summary \"\(summary)\"")
            operationIDs.append(operation["operationId"]?.string ?? "")
            let declared = (operation["parameters"]?.array ?? []).filter { $0["in"]?.string == "path" && $0["required"] == .bool(true) }
            let inTemplate = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            #expect(Set(declared.compactMap { $0["name"]?.string }) == Set(inTemplate), "\(name): path parameters")
            let responses = try #require(operation["responses"]?.object, "\(name) has no responses")
            if operation["security"] != .array([]) {
                #expect(responses["401"] != nil && responses["503"] != nil, "\(name) needs a token: 401 and 503 must be listed")
            }
            for (status, response) in responses where status.hasPrefix("4") || status.hasPrefix("5") || status == "default" {
                let content = contract.checker.resolved(response)?["content"]?["application/json"]?["schema"]
                let schema = try #require(content.flatMap(contract.checker.resolved), "\(name) \(status) has no JSON body")
                let error = try #require(schema["properties"]?["error"], "\(name) \(status) is not the error shape")
                #expect(schema["required"]?.array?.contains(.string("error")) == true)
                #expect(Set(error["required"]?.array?.compactMap(\.string) ?? []) == ["code", "message"], "\(name) \(status)")
                let codes = Set(error["properties"]?["code"]?["enum"]?.array?.compactMap(\.string) ?? [])
                let expected = try #require(Self.codesByStatus[status], "\(name) lists \(status), which no error of the API answers with")
                #expect(!codes.isEmpty && codes.isSubset(of: expected), "\(name) \(status): codes \(codes.sorted())")
            }
        }
        #expect(operationIDs.allSatisfy { !$0.isEmpty } && Set(operationIDs).count == operationIDs.count, "operationIds: \(operationIDs)")
    }

    @Test func everySchemaKeepsToTheCheckersKeywordsAndEveryReferenceResolves() throws {
        var problems: [String] = []
        func walk(_ schema: JSONValue, at path: String) {
            guard let members = schema.object else { return problems.append("\(path) is not a schema") }
            for key in members.keys where !SchemaChecker.understood.contains(key) && !SchemaChecker.annotations.contains(key) {
                problems.append("\(path) uses \(key), which the checker does not check")
            }
            if let reference = schema["$ref"]?.string, contract.checker.resolve(reference) == nil { problems.append("\(path): \(reference) names nothing") }
            let properties = schema["properties"]?.object ?? [:]
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where properties[key] == nil {
                problems.append("\(path) requires \(key) but describes no such property")
            }
            for (key, property) in properties { walk(property, at: "\(path).\(key)") }
            if let items = schema["items"] { walk(items, at: "\(path)[]") }
        }
        for (name, schema) in contract.document["components"]?["schemas"]?.object ?? [:] { walk(schema, at: name) }
        // The schemas of answers, request bodies and parameters, where the operations and
        // `components.responses` give them inline.
        var holders = (contract.document["components"]?["responses"]?.object ?? [:]).map { ("responses.\($0.key)", $0.value) }
        for (method, path, operation) in contract.operations {
            holders += (operation["responses"]?.object ?? [:]).map { ("\(method) \(path) \($0.key)", $0.value) }
            if let body = operation["requestBody"] { holders.append(("\(method) \(path) request", body)) }
            for parameter in operation["parameters"]?.array ?? [] {
                walk(parameter["schema"] ?? .null, at: "\(method) \(path) ?\(parameter["name"]?.string ?? "")")
            }
        }
        for (name, holder) in holders {
            if let reference = holder["$ref"]?.string, contract.checker.resolve(reference) == nil { problems.append("\(name): \(reference) names nothing") }
            for (type, content) in holder["content"]?.object ?? [:] { walk(content["schema"] ?? .null, at: "\(name) \(type)") }
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func everyRouteTheRouterServesUnderTheAPIIsDocumented() throws {
        let served = Set(buildRouter(store: try BangfuDatabase()).routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains(" \(APIContract.prefix)/") })
        let documented = Set(contract.operations.map { "\($0.method) \(APIContract.prefix)\($0.path)" })
        #expect(served.contains("POST /api/v1/login") && served.contains("POST /api/v1/batches/{id}/pay"), "the router's routes: \(served.sorted())")
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
    }

    // MARK: - sign-in, archives, batches, the audit trail

    @Test func signInAndSignOutAnswerAsDocumented() async throws {
        try await withWorld { client, _ in
            let auth = try await token(client, "wang")
            let right = #"{"login": "wang", "password": "Secret2024pass"}"#
            let wrong = #"{"login": "wang", "password": "not the password 1"}"#
            #expect(try await contract.call(client, .post, "/api/v1/login", body: wrong, expecting: .unauthorized).errorCode == "unauthorized")
            try await contract.call(client, .post, "/api/v1/logout", headers: auth, expecting: .noContent)
            #expect(try await contract.call(client, .post, "/api/v1/logout", headers: auth, expecting: .unauthorized).errorCode == "unauthorized")
            // Five failures within 15 minutes lock the login, even against the right password.
            for _ in 0..<4 { try await contract.call(client, .post, "/api/v1/login", body: wrong, expecting: .unauthorized) }
            #expect(try await contract.call(client, .post, "/api/v1/login", body: right, expecting: .tooManyRequests).errorCode == "locked")
        }
    }

    @Test func theHouseholdSearchAnswersAsDocumented() async throws {
        try await withWorld { client, _ in
            let gang = try await token(client, "gang")
            let page = try await contract.call(client, .get, "/api/v1/households?q=QD-001&status=active&category=deep&union=港工会&page=1&per_page=10", headers: gang, expecting: .ok)
            #expect(page.body?["total"] == .integer(1), "a 港工会 account finds only QD-001")
            #expect(try await contract.call(client, .get, "/api/v1/households?status=gone", headers: gang, expecting: .badRequest).errorCode == "invalid_value")
            try await contract.call(client, .get, "/api/v1/households?category=poor", headers: gang, expecting: .badRequest)
            try await contract.call(client, .get, "/api/v1/households", expecting: .unauthorized)
            let admin = try await token(client, "guan")
            #expect(try await contract.call(client, .get, "/api/v1/households", headers: admin, expecting: .forbidden).errorCode == "forbidden")
        }
    }

    @Test func oneHouseholdAnswersAsDocumented() async throws {
        try await withWorld { client, _ in
            let gang = try await token(client, "gang")
            let household = try await contract.call(client, .get, "/api/v1/households/QD-001", headers: gang, expecting: .ok)
            #expect(household.body?["history"]?.array?.isEmpty == false, "the import is the first line of its history")
            #expect(try await contract.call(client, .get, "/api/v1/households/QD-002", headers: gang, expecting: .notFound).errorCode == "not_found")
            try await contract.call(client, .get, "/api/v1/households/QD-999", headers: gang, expecting: .notFound)
            try await contract.call(client, .get, "/api/v1/households/QD-001", expecting: .unauthorized)
            try await contract.call(client, .get, "/api/v1/households/QD-001", headers: try await token(client, "guan"), expecting: .forbidden)
        }
    }

    @Test func theBatchesAndEachStepAnswerAsDocumented() async throws {
        try await withWorld { client, id in
            let batch = "/api/v1/batches/\(id)"
            let clerk = try await token(client, "zhou")
            let both = try await token(client, "both")
            let second = try await token(client, "li")
            let approver = try await token(client, "wang")
            let finance = try await token(client, "liu")
            let auditor = try await token(client, "jian")
            let admin = try await token(client, "guan")

            try await contract.call(client, .get, "/api/v1/batches", headers: auditor, expecting: .ok)
            try await contract.call(client, .get, batch, headers: auditor, expecting: .ok)
            try await contract.call(client, .get, "/api/v1/batches", expecting: .unauthorized)
            try await contract.call(client, .get, "/api/v1/batches", headers: admin, expecting: .forbidden)
            try await contract.call(client, .get, batch, headers: admin, expecting: .forbidden)
            #expect(try await contract.call(client, .get, "/api/v1/batches/999", headers: auditor, expecting: .notFound).errorCode == "not_found")

            #expect(try await contract.call(client, .post, "\(batch)/compute", headers: approver, expecting: .forbidden).errorCode == "forbidden")
            #expect(try await contract.call(client, .post, "\(batch)/compute", headers: clerk, expecting: .ok).body?["status"] == .string("computed"))
            try await contract.call(client, .get, batch, headers: try await token(client, "wai"), expecting: .notFound)
            try await contract.call(client, .post, "\(batch)/compute", expecting: .unauthorized)

            try await contract.call(client, .post, "\(batch)/review", headers: both, body: #"{"stage": "first"}"#, expecting: .ok)
            // One account performs at most one step of a batch (spec §8).
            #expect(try await contract.call(client, .post, "\(batch)/review", headers: both, body: #"{"stage": "second"}"#, expecting: .conflict).errorCode == "refused")
            let third = try await contract.call(client, .post, "\(batch)/review", headers: second, body: #"{"stage": "third"}"#, bodyConforms: false, expecting: .badRequest)
            #expect(third.errorCode == "invalid_value")
            try await contract.call(client, .post, "/api/v1/batches/999/review", headers: second, body: #"{"stage": "second"}"#, expecting: .notFound)
            try await contract.call(client, .post, "\(batch)/review", headers: clerk, body: #"{"stage": "second"}"#, expecting: .forbidden)
            try await contract.call(client, .post, "\(batch)/review", headers: second, body: #"{"stage": "second"}"#, expecting: .ok)

            try await contract.call(client, .post, "\(batch)/approve", headers: clerk, expecting: .forbidden)
            try await contract.call(client, .post, "/api/v1/batches/999/approve", headers: approver, expecting: .notFound)
            #expect(try await contract.call(client, .post, "\(batch)/approve", headers: approver, expecting: .ok).body?["status"] == .string("approved"))
            try await contract.call(client, .post, "\(batch)/approve", headers: approver, expecting: .conflict)
            try await contract.call(client, .post, "\(batch)/compute", headers: clerk, expecting: .conflict)

            let notADay = try await contract.call(client, .post, "\(batch)/pay", headers: finance, body: #"{"date": "2024-02-30"}"#, bodyConforms: false, expecting: .badRequest)
            #expect(notADay.errorCode == "invalid_value")
            try await contract.call(client, .post, "\(batch)/pay", headers: approver, body: #"{"date": "2024-01-25"}"#, expecting: .forbidden)
            try await contract.call(client, .post, "/api/v1/batches/999/pay", headers: finance, body: #"{"date": "2024-01-25"}"#, expecting: .notFound)
            #expect(try await contract.call(client, .post, "\(batch)/pay", headers: finance, body: #"{"date": "2024-01-25"}"#, expecting: .ok).body?["status"] == .string("paid"))
            try await contract.call(client, .post, "\(batch)/pay", headers: finance, body: #"{"date": "2024-01-25"}"#, expecting: .conflict)
        }
    }

    @Test func aStepOnABatchOutOfTheAccountsUnionIs404AndIsNotTaken() async throws {
        try await withWorld { client, id in
            try await contract.call(client, .post, "/api/v1/batches/\(id)/compute", headers: try await token(client, "zhou"), expecting: .ok)
            // `wai` reviews for 外工会, which has no archive in the batch: the batch is not there for it.
            let review = #"{"stage": "first"}"#
            try await contract.call(client, .post, "/api/v1/batches/\(id)/review", headers: try await token(client, "wai"), body: review, expecting: .notFound)
            let after = try await contract.call(client, .get, "/api/v1/batches/\(id)", headers: try await token(client, "jian"), expecting: .ok)
            #expect(after.body?["status"] == .string("computed"), "a step out of the account's union is not taken")
        }
    }

    @Test func theAuditTrailAnswersAsDocumented() async throws {
        try await withWorld { client, _ in
            let lines = try await contract.call(client, .get, "/api/v1/audit?from=2000-01-01&to=2999-12-31", headers: try await token(client, "jian"), expecting: .ok)
            #expect(lines.body?.array?.isEmpty == false, "the accounts made and the sign-ins are lines")
            try await contract.call(client, .get, "/api/v1/audit?account=jian", headers: try await token(client, "jian"), expecting: .ok)
            try await contract.call(client, .get, "/api/v1/audit", headers: try await token(client, "guan"), expecting: .ok)
            try await contract.call(client, .get, "/api/v1/audit", headers: try await token(client, "zhou"), expecting: .forbidden)
            for bad in ["from=2024-02-30", "to=yesterday", "from=2024-01-01T25:00", "from=2024-01-01T", "page=0", "per_page=501", "page=abc", "to=", "page=", "from=2024/01/01", "from=%202024-01-01"] {
                let answer = try await contract.call(client, .get, "/api/v1/audit?\(bad)", headers: try await token(client, "jian"), expecting: .unprocessableContent)
                #expect(answer.errorCode == "bad_input", "\(bad)")
            }
            try await contract.call(client, .get, "/api/v1/audit", expecting: .unauthorized)
        }
    }

    @Test func theAuditTrailsExtensionsKeepTheSpecsShape() async throws {
        try await withWorld { client, _ in
            let auditor = try await token(client, "jian")
            let all = try #require(try await contract.call(client, .get, "/api/v1/audit", headers: auditor, expecting: .ok).body?.array)
            #expect(all.count >= 3)
            #expect(all.allSatisfy { $0.object.map { Set($0.keys) } == ["at", "account", "action", "detail"] }, "the spec's four keys, no more")
            let signIns = try #require(try await contract.call(client, .get, "/api/v1/audit?action=sign%20in", headers: auditor, expecting: .ok).body?.array)
            #expect(!signIns.isEmpty && signIns.allSatisfy { $0["action"] == .string("sign in") })
            let second = try #require(try await contract.call(client, .get, "/api/v1/audit?page=2&per_page=2", headers: auditor, expecting: .ok).body?.array)
            #expect(second == Array(all[2..<min(4, all.count)]), "oldest first, the same order as the whole")
            let minute = try #require(try await contract.call(client, .get, "/api/v1/audit?from=2000-01-01T00:00&to=2999-12-31T23:59", headers: auditor, expecting: .ok).body?.array)
            #expect(minute.count == all.count, "to the minute, the whole day of each end")
        }
    }

    @Test func aUnionsAuditorReadsItsUnionsPartOfTheTrailOverTheAPI() async throws {
        let (store, _) = try world()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        _ = try Accounts.add(AccountRequest(login: "gangjian", name: "港监督", roles: [.auditor], union: "港工会"), password: "Secret2024pass", in: store, context: shell)
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            let lines = try #require(try await contract.call(client, .get, "/api/v1/audit", headers: try await token(client, "gangjian"), expecting: .ok).body?.array)
            let accounts = Set(lines.compactMap { $0["account"]?.string })
            #expect(accounts.isSubset(of: ["gang", "gangjian", "测试"]), "\(accounts)")
            #expect(!lines.contains { $0["action"] == .string("import households") })
        }
    }

    @Test(arguments: [
        ("/api/v1/login", "not JSON"),
        ("/api/v1/login", #"{"login": "wang"}"#),
        ("/api/v1/batches/1/review", "{}"),
        ("/api/v1/batches/1/pay", #"{"date": 20240125}"#),
        ("/api/v1/batches/one/compute", ""),
    ])
    func aRequestTheServerCannotReadIs400InTheSpecsErrorShape(uri: String, body: String) async throws {
        try await withWorld { client, _ in
            var auth: HTTPFields = [:]
            if !uri.hasSuffix("login") { auth = try await token(client, "zhou") }
            #expect(try await contract.call(client, .post, uri, headers: auth, body: body, bodyConforms: false, expecting: .badRequest).errorCode == "invalid_value")
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/api/v1/no-such-thing", HTTPResponse.Status.notFound, "not_found"),
        // A path the API serves, with a method the document does not list for it.
        (.get, "/api/v1/login", .methodNotAllowed, "method_not_allowed"),
    ])
    func aRequestNoOperationServesIsRefusedInTheSpecsErrorShape(method: HTTPRequest.Method, uri: String, status: HTTPResponse.Status, code: String) async throws {
        try await withWorld { client, _ in
            let auth = try await token(client, "zhou")
            let (answered, body) = try await client.execute(uri: uri, method: method, headers: auth) { response in
                (response.status, try? JSONValue.parse(Data(buffer: response.body)))
            }
            #expect(answered == status)
            let error = try #require(contract.document["components"]?["schemas"]?["Error"])
            #expect(contract.checker.problems(body ?? .null, error).isEmpty, "\(String(describing: body))")
            #expect(body?["error"]?["code"] == .string(code))
        }
    }

    // MARK: - 建档, edits and the lifecycle

    /// 建档 of a 深度困难 household of 3 with 30,000 yuan a year (833.33 a head a month, under
    /// qingdao-2024's 低保 of 1045, 002:2201–2203), so that the income check agrees whatever
    /// policies the server holds.
    static func newHousehold(_ number: String, union: String = "港工会", changing changes: [String: String] = [:]) -> String {
        let fields = [
            ("archive_no", "\"\(number)\""), ("head_name", "\"赵建华\""), ("head_id_number", "\"\(APITests.id(3))\""), ("work_unit", "\"青岛港\""),
            ("union", "\"\(union)\""), ("category", "\"deep\""), ("registered_on", "\"2024-02-20\""), ("size", "3"), ("annual_income_fen", "3000000"),
            ("medical_expense_fen", "null"), ("phone", "\"13800000000\""),
        ]
        return "{" + fields.map { key, value in "\"\(key)\": \(changes[key] ?? value)" }.joined(separator: ", ") + "}"
    }

    @Test func registeringEditingAndTheLifecycleAnswerAsDocumented() async throws {
        try await withWorld { client, _ in
            let gang = try await token(client, "gang")
            let approver = try await token(client, "wang")
            let created = try await contract.call(client, .post, "/api/v1/households", headers: gang, body: Self.newHousehold("QD-201"), expecting: .created)
            #expect(created.body?["archive_no"] == .string("QD-201"))
            #expect(try await contract.call(client, .post, "/api/v1/households", headers: gang, body: Self.newHousehold("QD-201"), expecting: .conflict).errorCode == "refused")
            try await contract.call(client, .post, "/api/v1/households", headers: approver, body: Self.newHousehold("QD-202"), expecting: .forbidden)
            try await contract.call(client, .post, "/api/v1/households", headers: gang, body: Self.newHousehold("QD-203", union: "海尔工会"), expecting: .forbidden)
            // Valid for the document, refused by the import's rules: a check digit and a day that does not exist.
            let badID = "\"" + String(APITests.id(4).dropLast()) + (APITests.id(4).hasSuffix("0") ? "1" : "0") + "\""
            let wrong = Self.newHousehold("QD-204", changing: ["head_id_number": badID, "registered_on": #""2024-02-30""#])
            let refused = try await contract.call(client, .post, "/api/v1/households", headers: gang, body: wrong, expecting: .unprocessableContent)
            #expect((refused.body?["problems"]?.array?.count ?? 0) >= 2, "every problem, not the first")
            try await contract.call(client, .post, "/api/v1/households", body: Self.newHousehold("QD-205"), expecting: .unauthorized)

            let phone = #"{"phone": "13900000000"}"#
            #expect(try await contract.call(client, .patch, "/api/v1/households/QD-001", headers: gang, body: phone, expecting: .ok).body?["history"]?.array?.isEmpty == false)
            try await contract.call(client, .patch, "/api/v1/households/QD-002", headers: gang, body: phone, expecting: .notFound)
            try await contract.call(client, .patch, "/api/v1/households/QD-001", headers: approver, body: phone, expecting: .forbidden)
            try await contract.call(client, .patch, "/api/v1/households/QD-001", headers: gang, body: #"{"registered_on": "2024-02-30"}"#, expecting: .unprocessableContent)
            try await contract.call(client, .patch, "/api/v1/households/QD-001", body: phone, expecting: .unauthorized)

            let status = "/api/v1/households/QD-001/status"
            let exited = #"{"status": "exited", "reason": "再就业，收入稳定"}"#
            #expect(try await contract.call(client, .post, status, headers: gang, body: exited, expecting: .ok).body?["status"] == .string("exited"))
            #expect(try await contract.call(client, .post, status, headers: gang, body: exited, expecting: .conflict).errorCode == "refused")
            try await contract.call(client, .post, status, headers: gang, body: #"{"status": "closed"}"#, bodyConforms: false, expecting: .badRequest)
            try await contract.call(client, .post, status, headers: gang, body: #"{"status": "gone", "reason": "x"}"#, bodyConforms: false, expecting: .badRequest)
            try await contract.call(client, .post, "/api/v1/households/QD-002/status", headers: gang, body: exited, expecting: .notFound)
            try await contract.call(client, .post, status, headers: approver, body: exited, expecting: .forbidden)
            try await contract.call(client, .post, status, body: exited, expecting: .unauthorized)
        }
    }

    @Test func theUnchangedArchivesAnswerAsDocumented() async throws {
        try await withWorld { client, _ in
            let gang = try await token(client, "gang")
            let page = try await contract.call(client, .get, "/api/v1/households/unchanged?before=2999-01-01&per_page=5", headers: gang, expecting: .ok)
            #expect(page.body?["items"]?.array?.compactMap { $0["archive_no"]?.string } == ["QD-001"])
            try await contract.call(client, .get, "/api/v1/households/unchanged?before=2024-13-01", headers: gang, expecting: .badRequest)
            try await contract.call(client, .get, "/api/v1/households/unchanged", headers: try await token(client, "guan"), expecting: .forbidden)
            try await contract.call(client, .get, "/api/v1/households/unchanged", expecting: .unauthorized)
        }
    }

    // MARK: - imports

    @Test func anImportAnswersAsDocumented() async throws {
        try await withWorld(settings: WebSettings(uploadLimit: 4096)) { client, _ in
            let clerk = try await token(client, "zhou")
            let gang = try await token(client, "gang")
            let row = "QD-301,孙立平,\(APITests.id(4)),青岛港,港工会,深度困难,2024-03-01,3,30000,,,,,,在档"
            let file = "\(APITests.header)\n\(row)\n"
            let summary = try await contract.call(client, .post, "/api/v1/imports/households?filename=h.csv", headers: clerk, body: file, expecting: .ok)
            #expect(summary.body?["written"] == .integer(1))
            let broken = "\(APITests.header)\n" + row.replacingOccurrences(of: APITests.id(4), with: "12345") + "\n"
            let refused = try await contract.call(client, .post, "/api/v1/imports/households", headers: clerk, body: broken, expecting: .unprocessableContent)
            #expect(refused.body?["problems"]?.array?.isEmpty == false)
            try await contract.call(client, .post, "/api/v1/imports/people", headers: clerk, body: file, expecting: .notFound)
            try await contract.call(client, .post, "/api/v1/imports/households", headers: gang, body: file, expecting: .forbidden)
            try await contract.call(client, .post, "/api/v1/imports/households", headers: try await token(client, "wang"), body: file, expecting: .forbidden)
            try await contract.call(client, .post, "/api/v1/imports/households", body: file, expecting: .unauthorized)
            let large = file + String(repeating: "\(row)\n", count: 128)
            #expect(try await contract.call(client, .post, "/api/v1/imports/households", headers: clerk, body: large, expecting: .contentTooLarge).errorCode == "too_large")
        }
    }
}
