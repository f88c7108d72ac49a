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
/// over `bangfu demo`'s sample year, with the same accounts — for the batches, whose entries
/// the bank returns (issue 19) extended, of c2ce82e, the merge just before the byte encoder.
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
        ("zhouting", "/api/v1/batches/1", "596a71dc2a1d3df08634f05eee3c482c3db2237ad799ed1cad0435e4620ac40f"),
        ("zhouting", "/api/v1/batches/2", "bfc5e6b2ba03e2bf39c2127990deb6d35fafbf9d08e8af5c634113419ceb21b6"),
        ("zhouting", "/api/v1/batches/3", "3b6771792fa3ed8b8bfbd24e89af9edb9436800b7bb702b6c1759c7402acaeae"),
        ("zhouting", "/api/v1/batches/4", "eab788f07fddb191df4475509d5173beff62144b9c507f028248ce0437bfb7e6"),
        ("zhouting", "/api/v1/batches/5", "5591b66561f9e40697a020e64ac9ab5ca6af4119e3137592482a148a32d87e81"),
        ("zhouting", "/api/v1/batches/6", "7b3d1c06056f6168e18063e472155f6b98454064bfd7d26460996ae6ba54b8f8"),
        ("zhouting", "/api/v1/batches/7", "fdd4b0a7eff92065af36f32d8ebc3e3ae993f99e1b42f2e36047c664a3558de2"),
        ("zhouting", "/api/v1/batches/8", "5609ca3b0a7db9123a88edb5c63fa3ca423e83b1704f4ceb906ac0f7bd423cc9"),
        ("wangzhuxi", "/api/v1/households?per_page=200", "0f0b51b0f555ef5161d3eb95669a421690ce02236eb6cf970bfbc562b0ff22e1"),
        ("wangzhuxi", "/api/v1/batches/1", "2181225ee000a9abce766750e900c8f16b25225f5102c98c6d1861ab9bb1a057"),
        ("wangzhuxi", "/api/v1/batches/4", "d10d2a88b473dcfc5b662746d62a26293064eceaf6a9126ef29494be3d67d5c6"),
        ("shinan", "/api/v1/households?per_page=200", "ee37e6fcadc3e0cb14d5daf8fc277025ee4685f7ae264efe77400b10f9ecadad"),
        ("shinan", "/api/v1/batches", "495d12cc344152065e5d4b8976f253285aba3660e32e7603a3be4233d793f9b4"),
        ("shinan", "/api/v1/batches/1", "1c86af38ff68d3a791d0fbafe65eb40b90d5b8588c978ce2a716e5f955521e30"),
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
