import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A union's account sees a batch only through its archives' entries (spec §8), its total
/// too: the batch's whole total told it what other unions' people are paid (a leak listed in
/// issue 15's notes).
struct UnionTotalsTests {
    func json(_ client: some TestClientProtocol, _ uri: String, _ auth: HTTPFields) async throws -> Any {
        try await client.execute(uri: uri, method: .get, headers: auth) { response in
            #expect(response.status == .ok, "\(uri)")
            return try JSONSerialization.jsonObject(with: Data(buffer: response.body))
        }
    }

    @Test func aUnionsAccountSeesTheTotalOfItsArchivesEntriesInTheListThePageAndTheAPI() async throws {
        let (store, id) = try BatchAPITests().store()
        _ = try Batches.compute(batch: id, in: store, context: BangfuApp.RequestContext(actor: try Person(name: "zhou")))
        let whole = try store.batch(id).total
        let entries = try store.entries(ofBatch: id).map(\.effective)
        let harbour = entries.filter { $0.archiveNumber?.value == "QD-001" }.reduce(0) { $0 + ($1.isEligible ? $1.amount.fen : 0) }
        #expect(harbour > 0 && harbour < whole.fen, "both unions' archives are paid in the batch")
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            let gang = try await BatchAPITests().token(client, "gang")
            let wang = try await BatchAPITests().token(client, "wang")
            let listed = try #require(try await json(client, "/api/v1/batches", gang) as? [[String: Any]])
            #expect(listed.map { $0["total_fen"] as? Int } == [harbour])
            #expect((try await json(client, "/api/v1/batches/\(id)", gang) as? [String: Any])?["total_fen"] as? Int == harbour)
            #expect((try await json(client, "/api/v1/batches/\(id)", wang) as? [String: Any])?["total_fen"] as? Int == whole.fen)
            var page = Browser(client)
            #expect(try await page.signIn("gang") == .seeOther)
            let html = try await page.get("/batches/\(id)").html
            #expect(html.contains("\(Money(fen: harbour).formatted) 元") && !html.contains("\(whole.formatted) 元"))
        }
    }
}
