import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's listings are written by the byte encoder of issue 22 and answer the bytes they
/// answered before it: the SHA-256 sums below are those of `bangfu serve` built from 9fb76ac
/// over `bangfu demo`'s sample year, with the same accounts.
struct ListingBodiesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sample year in memory, with a password for 周婷 (clerk, whole city), 王主席
    /// (approver: 身份证号 masked) and a 市南区总工会 clerk.
    func sampleYear() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-listings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = DemoRun.Inputs(
            sample: Self.root.appendingPathComponent("import/sample").path, policy: Self.root.appendingPathComponent("policies/qingdao-2024.toml").path,
            projects: Self.root.appendingPathComponent("policies/projects").path)
        _ = try DemoRun.run(inputs, into: store, listPath: { folder.appendingPathComponent($0).path }, show: { _ in })
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        for login in ["zhouting", "wangzhuxi"] { try Accounts.setPassword(of: login, to: "Secret2024pass", in: store, context: shell) }
        _ = try Accounts.add(
            AccountRequest(login: "shinan", name: "市南录入员", roles: [.clerk], union: "市南区总工会"), password: "Secret2024pass", in: store, context: shell)
        return store
    }

    func token(_ client: some TestClientProtocol, _ login: String) async throws -> HTTPFields {
        let body = ByteBuffer(string: "{\"login\": \"\(login)\", \"password\": \"Secret2024pass\"}")
        let token = try await client.execute(uri: "/api/v1/login", method: .post, body: body) { response in
            try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["token"] as? String
        }
        return [.authorization: "Bearer \(try #require(token))"]
    }

    /// Each listing route as each account reads it, and the SHA-256 of its body at 9fb76ac.
    static let expected: [(login: String, uri: String, sha256: String)] = [
        ("zhouting", "/api/v1/households?per_page=200", "41f62e9e3408d049147c625e0b22d7e1c5d84d60a3ba953493a5b8d6c822e4e9"),
        ("zhouting", "/api/v1/households?per_page=200&page=2", "161f0c8fc282382c7ce561c4976f61a0d542fe9a0e2154a4bd7de0ccb2e60aa0"),
        ("zhouting", "/api/v1/households?q=%E7%8E%8B&per_page=50", "dbf416c746a210c6299dbd5c688a537cfe639f96fdeedf84bc61d1b611970dac"),
        ("zhouting", "/api/v1/households?status=active&category=deep&per_page=100", "3996495a4ba669cdc3dfcaae041306c8e73eb5f97fbfd49a3184775b951c2137"),
        ("zhouting", "/api/v1/batches", "b7e6c07ddbed20e0663649334007cc3f1f6c57eb0c9230a41cb9d289547f3112"),
        ("zhouting", "/api/v1/batches/1", "3b660d664f933e81a76f6e2c2ae2892d4783a31fb2e65532a837862736d53702"),
        ("zhouting", "/api/v1/batches/2", "637adac8cc75ddad63a0bb20cf0b014fc2a2fe8dca303521a613fa7b4e3b6b95"),
        ("zhouting", "/api/v1/batches/3", "c193c42173274963c1139dc492339cd64dd1ce835f8818f269da4d6af55752c7"),
        ("zhouting", "/api/v1/batches/4", "3410e085770382e4e5689341ce265bff19f85f56f7bd4c8ca1fb10d6a0e0447e"),
        ("zhouting", "/api/v1/batches/5", "8b90e591ecd36c6f4505a446cd1a48d9e7bb3f6a492e6f34f658c12df81ddd52"),
        ("zhouting", "/api/v1/batches/6", "364cbea7be813fb3cb697bb2e4cd72e2c5b7fe5db013812c93583ef8ed04ffb6"),
        ("zhouting", "/api/v1/batches/7", "9f3ae57e7ae67931f2b82d10d7905163c016438c18b7f1ac2876bdb9427296b1"),
        ("zhouting", "/api/v1/batches/8", "a861d4f1e7abf792fde1c064101e6cd5c7d34a0ea69ead04966e2a327d3afbb3"),
        ("wangzhuxi", "/api/v1/households?per_page=200", "0f0b51b0f555ef5161d3eb95669a421690ce02236eb6cf970bfbc562b0ff22e1"),
        ("wangzhuxi", "/api/v1/batches/1", "c2b579bdf3a34c2aa4bb7d51d52719b584c41041c42188b7f21dc32c19a04b99"),
        ("wangzhuxi", "/api/v1/batches/4", "31c7589b6d68b4814da8ac67178ee5e6d0de2f5f7726c5b9b851b28c7c7eadc1"),
        ("shinan", "/api/v1/households?per_page=200", "ee37e6fcadc3e0cb14d5daf8fc277025ee4685f7ae264efe77400b10f9ecadad"),
        ("shinan", "/api/v1/batches", "495d12cc344152065e5d4b8976f253285aba3660e32e7603a3be4233d793f9b4"),
        ("shinan", "/api/v1/batches/1", "0112bc5d263ec046c059278fb9f578ea79e3eca3d28e541843756f422b0b3b1d"),
    ]

    @Test func theListingRoutesAnswerTheBytesTheyAnsweredBefore() async throws {
        let store = try sampleYear()
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            for (login, uri, sum) in Self.expected {
                let headers = try await token(client, login)
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .ok, "\(login) \(uri)")
                    var digest = SHA256()
                    digest.update(Array(buffer: response.body))
                    #expect(digest.hexDigest() == sum, "\(login) \(uri)")
                }
            }
        }
    }
}
