import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// XSS (issue 17): markup stored in every text field an archive, a batch and an account take
/// is shown as text on every page that shows it — Mustache's `{{…}}` escapes it — and never
/// reaches a page as markup.
struct HostileTextPageTests {
    static let script = "<script>alert(1)</script>"

    /// An archive whose number, head, work unit, union, cause, phone and bank carry markup, a
    /// computed batch named with markup over it, and an account of each role that reads them.
    func store() throws -> (BangfuDatabase, Int64) {
        let store = try BangfuDatabase()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        let row = "QD<b>1,王<i>建,\(APITests.id(1)),\(Self.script),工会\(Self.script),深度困难,2022-03-15,3,12000,,\(Self.script),\(Self.script),银行\(Self.script),,在档"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-hostile-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data((APITests.header + "\n" + row + "\n").utf8).write(to: URL(fileURLWithPath: path))
        _ = try Imports.run(.households, path: path, into: store, context: shell)
        for (login, role) in [("zhou", Role.clerk), ("wang", .approver), ("jian", .auditor), ("guan", .admin)] {
            _ = try Accounts.add(
                AccountRequest(login: login, name: "名\(Self.script)", roles: [role], union: nil), password: "Secret2024pass", in: store, context: shell)
        }
        let clerk = BangfuApp.RequestContext(actor: try Person(name: "zhou"))
        let id = try Batches.create(
            BatchRequest(kind: .living, policyPath: BatchAPITests.policy, date: CalendarDate(year: 2024, month: 1, day: 20)!, name: "春节\(Self.script)",
                         project: "项目\(Self.script)"),
            in: store, context: clerk)
        _ = try Batches.compute(batch: id, in: store, context: clerk)
        return (store, id)
    }

    @Test func markupInEveryStoredTextIsShownAsTextOnEveryPage() async throws {
        let (store, id) = try store()
        let archive = "/archives/" + "QD<b>1".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let pages: [(login: String, paths: [String])] = [
            ("zhou", ["/", "/archives?q=QD", "/archives?q=%E7%8E%8B", archive, archive + "/edit", "/batches", "/batches/\(id)",
                      "/batches/\(id)?filter=eligible", "/duplicates"]),
            ("wang", ["/", archive, "/batches/\(id)"]),
            ("jian", ["/audit", "/audit?account=zhou"]),
            ("guan", ["/accounts", "/accounts/zhou", "/audit"]),
        ]
        try await Application(router: buildRouter(store: store, settings: BatchRoutesTests.settings)).test(.router) { client in
            for (login, paths) in pages {
                var browser = Browser(client)
                #expect(try await browser.signIn(login) == .seeOther)
                for path in paths {
                    let (status, _, html) = try await browser.get(path)
                    #expect(status == .ok, "\(login) \(path)")
                    for markup in ["<script", "<b>1", "<i>建"] {
                        #expect(!html.lowercased().contains(markup), "\(login) \(path) shows \(markup) as markup")
                    }
                }
            }
            // And the text is there, escaped, where the archive is shown.
            var clerk = Browser(client)
            _ = try await clerk.signIn("zhou")
            let page = try await clerk.get(archive).html
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("王&lt;i&gt;建"))
        }
    }

    @Test func anArchiveNumberThatAClientPercentEncodesOpensItsArchive() async throws {
        // Found by the test above: the router handed `{archive_no}` over still encoded, so
        // an archive numbered with anything but ASCII letters and digits answered 404.
        let (store, _) = try store()
        try await Application(router: buildRouter(store: store)).test(.router) { client in
            let token = try #require(try await APITests().signIn(client, "wang").1["token"] as? String)
            let (status, body) = try await client.execute(uri: "/api/v1/households/QD%3Cb%3E1", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                response in (response.status, response.body)
            }
            #expect(status == .ok)
            #expect(try APITests().json(body)["archive_no"] as? String == "QD<b>1")
        }
    }
}
