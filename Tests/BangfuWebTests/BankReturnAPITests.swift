import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The bank-return operations of the API (issue 19) against the OpenAPI document: the
/// conformance tests' world, its two households given bank accounts, the batch paid.
struct BankReturnAPITests {
    let contract: APIContract
    static let wangAccount = "6222020200112233446"
    static let liAccount = "6217000010012345678"
    static let header = "序号,姓名,开户银行,银行账号,金额（元）,处理结果,处理日期,失败原因"

    init() throws { contract = try APIContract() }

    /// The world with accounts on both archives, and a client over it.
    func withPaidWorld(_ body: @Sendable (any TestClientProtocol, Int64, OpenAPIConformanceTests) async throws -> Void) async throws {
        try await withPaidStore { client, batch, conformance, _ in try await body(client, batch, conformance) }
    }

    /// `withPaidWorld` with its store, for a step recorded as the command line (or an older
    /// version) would have recorded it.
    func withPaidStore(_ body: @Sendable (any TestClientProtocol, Int64, OpenAPIConformanceTests, BangfuDatabase) async throws -> Void) async throws {
        let conformance = try OpenAPIConformanceTests()
        let (store, batch) = try conformance.world()
        let text = """
            \(APITests.header)
            QD-001,王建国,\(APITests.id(1)),青岛港,港工会,深度困难,2022-03-15,3,12000,,,,工行,\(Self.wangAccount),在档
            QD-002,李秀英,\(APITests.id(2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,,,建行,\(Self.liAccount),在档
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-returns-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        _ = try Imports.run(.households, path: path, into: store, context: BangfuApp.RequestContext(actor: try Person(name: "zhou")))
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            let uri = "/api/v1/batches/\(batch)"
            try await contract.call(client, .post, "\(uri)/compute", headers: try await conformance.token(client, "zhou"), expecting: .ok)
            try await contract.call(client, .post, "\(uri)/review", headers: try await conformance.token(client, "zhang"), body: #"{"stage": "first"}"#, expecting: .ok)
            try await contract.call(client, .post, "\(uri)/review", headers: try await conformance.token(client, "li"), body: #"{"stage": "second"}"#, expecting: .ok)
            try await contract.call(client, .post, "\(uri)/approve", headers: try await conformance.token(client, "wang"), expecting: .ok)
            try await contract.call(client, .post, "\(uri)/pay", headers: try await conformance.token(client, "liu"), body: #"{"date": "2024-01-25"}"#, expecting: .ok)
            try await body(client, batch, conformance, store)
        }
    }

    @Test func aReturnAReissueAndACancellationAnswerAsDocumented() async throws {
        try await withPaidWorld { client, id, world in
            let batch = "/api/v1/batches/\(id)"
            let finance = try await world.token(client, "liu")
            let approver = try await world.token(client, "wang")
            let clerk = try await world.token(client, "zhou")
            let failed = """
                \(Self.header)
                1,王建国,工行,\(Self.wangAccount),6000.00,成功,2024-01-26,
                2,李秀英,建行,\(Self.liAccount),2668.00,失败,2024-01-26,户名与账号不符
                """
            // A bad file: 422 with every bad row, nothing recorded.
            let bad = failed.replacingOccurrences(of: "2668.00", with: "2600.00").replacingOccurrences(of: "王建国,工行", with: "王建,工行")
            let refused = try await contract.call(client, .post, "\(batch)/reconcile?filename=回盘.csv", headers: finance, body: bad, expecting: .unprocessableContent)
            #expect(refused.errorCode == "bad_input")
            #expect(refused.body?["problems"]?.array?.count == 2)
            let untouched = try await contract.call(client, .get, batch, headers: finance, expecting: .ok)
            #expect(untouched.body?["entries"]?.array?.compactMap { $0["transfer_state"]?.string } == ["not_reported", "not_reported"])

            try await contract.call(client, .post, "\(batch)/reconcile", headers: clerk, body: failed, expecting: .forbidden)
            try await contract.call(client, .post, "\(batch)/reconcile", body: failed, expecting: .unauthorized)
            try await contract.call(client, .post, "/api/v1/batches/999/reconcile", headers: finance, body: failed, expecting: .notFound)
            let recorded = try await contract.call(client, .post, "\(batch)/reconcile?filename=回盘.csv", headers: finance, body: failed, expecting: .ok)
            let states = recorded.body?["entries"]?.array?.compactMap { $0["transfer_state"]?.string }
            #expect(states == ["transferred", "failed"])
            #expect(recorded.body?["entries"]?.array?.last?["transfer_reason"] == .string("户名与账号不符"))

            try await contract.call(client, .post, "\(batch)/reissue/approve", headers: approver, expecting: .conflict)
            try await contract.call(client, .post, "\(batch)/reissue", headers: approver, expecting: .forbidden)
            try await contract.call(client, .post, "\(batch)/reissue", headers: finance, expecting: .ok)
            try await contract.call(client, .post, "\(batch)/reissue", headers: finance, expecting: .conflict)
            let pending = try await contract.call(client, .get, batch, headers: finance, expecting: .ok)
            #expect(pending.body?["entries"]?.array?.last?["transfer_state"] == .string("reissue_pending"))
            try await contract.call(client, .post, "\(batch)/reissue/approve", headers: approver, expecting: .ok)
            try await contract.call(client, .post, "\(batch)/reissue/pay", headers: finance, body: #"{"date": "2024-02-30"}"#, bodyConforms: false, expecting: .badRequest)
            try await contract.call(client, .post, "\(batch)/reissue/pay", headers: finance, body: #"{"date": "2024-02-01"}"#, expecting: .ok)
            try await contract.call(client, .post, "\(batch)/reissue/pay", headers: finance, body: #"{"date": "2024-02-01"}"#, expecting: .conflict)
            let list = try await client.execute(uri: "\(batch)/bank.csv?round=1", method: .get, headers: finance) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(list.0 == .ok)
            #expect(list.1.contains("李秀英") && !list.1.contains("王建国"))

            // The re-issue fails too, and is given up.
            let again = """
                \(Self.header)
                1,李秀英,建行,\(Self.liAccount),2668.00,失败,2024-02-02,账户冻结
                """
            try await contract.call(client, .post, "\(batch)/reconcile", headers: finance, body: again, expecting: .ok)
            let cancel = #"{"id_number": "\#(APITests.id(2))", "reason": "本人放弃"}"#
            try await contract.call(client, .post, "\(batch)/cancel-transfer", headers: finance, body: #"{"id_number": "123", "reason": "x"}"#, bodyConforms: false, expecting: .unprocessableContent)
            let cancelled = try await contract.call(client, .post, "\(batch)/cancel-transfer", headers: finance, body: cancel, expecting: .ok)
            #expect(cancelled.body?["entries"]?.array?.last?["transfer_state"] == .string("cancelled"))
            try await contract.call(client, .post, "\(batch)/cancel-transfer", headers: finance, body: cancel, expecting: .notFound)
        }
    }

    /// An empty body, or a header and no rows: 422 in the documented shape (`problems`
    /// included), the file named as the person named it — never the server's spool path
    /// (Schemathesis found both: a 422 without `problems`, naming /tmp/bangfu-uploads-…).
    @Test func anEmptyReturnOrOneWithoutRowsIs422NamingTheUploadNotItsSpoolFile() async throws {
        try await withPaidWorld { client, id, world in
            let finance = try await world.token(client, "liu")
            for (body, name) in [("", ""), ("\(Self.header)\n", "回盘.csv")] {
                let query = name.isEmpty ? "" : "?filename=" + name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let refused = try await contract.call(
                    client, .post, "/api/v1/batches/\(id)/reconcile\(query)", headers: finance, body: body, expecting: .unprocessableContent)
                #expect(refused.errorCode == "bad_input")
                #expect(refused.body?["problems"]?.array != nil)
                let message = refused.body?["error"]?["message"]?.string ?? ""
                #expect(!message.contains("/tmp") && !message.contains("bangfu-upload"), "\(message)")
                #expect(message.hasPrefix(name.isEmpty ? "上传文件" : name), "\(message)")
            }
        }
    }
}
