import BangfuApp
import BangfuCore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BangfuStore
@testable import BangfuWeb

/// What the API answers when the disk or the database file refuses a write (issue 17,
/// bench/faults): 503 with the store's Chinese sentence and nothing stored — not a 500 with
/// no message, which every SQLite error out of a use case was before.
struct DatabaseFaultAnswerTests {
    let imports = ImportAPITests()

    /// `count` archives of the harbour union, as a households.csv.
    static func archives(_ count: Int, from first: Int = 100) -> ByteBuffer {
        let digits = Array("一二三四五六七八九十")
        let lines = (first..<first + count).map { n in
            let id = IDNumber(region: 370202, birth: CalendarDate(year: 1970 + n % 30, month: 1 + n % 12, day: 1 + n % 28)!, sequence: n % 1000).value
            return "QD-\(n),王\(digits[n % 10])\(digits[n / 10 % 10]),\(id),青岛港,港工会,相对困难,2022-03-15,3,30000,,,,,,在档"
        }
        return ImportAPITests.households(lines.joined(separator: "\n"))
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-fault-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func anImportThatFillsTheDiskIs503WithTheChineseMessageAndStoresNothing() async throws {
        let store = try imports.store()
        let app = Application(router: buildRouter(store: store))
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            // Given a database that may grow by two pages only (SQLite's SQLITE_FULL, as on a full disk)
            let pages = try await store.queue.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
            try await store.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + 2)") }
            // When a file of 3,000 archives is imported
            try await client.execute(uri: "/api/v1/imports/households", method: .post, headers: auth, body: Self.archives(3000)) { response in
                // Then the clerk is told the disk is full and that nothing was saved
                #expect(response.status == .serviceUnavailable)
                let error = try #require(try imports.api.json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "unavailable")
                #expect(error["message"] as? String == DatabaseProblem.diskFull.chinese)
            }
            #expect(try store.recordCounts().households == 2)
            // And once there is room again, the server goes on importing
            try await store.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
            try await client.execute(uri: "/api/v1/imports/households", method: .post, headers: auth, body: Self.archives(3)) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try store.recordCounts().households == 5)
    }

    @Test func aSignInOnADatabaseFileThatCannotBeWrittenIs503SayingSo() async throws {
        // Given a database opened read-only (a file its user may not write)
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let writable = try BangfuDatabase(path: path)
        _ = try Accounts.add(
            AccountRequest(login: "lu", name: "市录入员", roles: [.clerk], union: nil), password: "Secret2024pass", in: writable,
            context: BangfuApp.RequestContext(actor: try Person(name: "测试")))
        let app = Application(router: buildRouter(store: try BangfuDatabase(path: path, access: .readOnly)))
        try await app.test(.router) { client in
            // When a clerk signs in, which writes the session
            let (status, body) = try await imports.api.signIn(client, "lu")
            // Then the answer says the file cannot be written, not an internal error
            #expect(status == .serviceUnavailable)
            let error = try #require(body["error"] as? [String: Any])
            #expect(error["message"] as? String == DatabaseProblem.readOnly.chinese)
        }
    }

    @Test func anEditWhileAnotherProgramHoldsTheDatabaseIs503AfterTheBusyTimeout() async throws {
        // Given another connection holding SQLite's write lock past the busy timeout
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let store = try BangfuDatabase(path: path, concurrentReads: true)
        _ = try Accounts.add(
            AccountRequest(login: "lu", name: "市录入员", roles: [.clerk], union: nil), password: "Secret2024pass", in: store,
            context: BangfuApp.RequestContext(actor: try Person(name: "测试")))
        let app = Application(router: buildRouter(store: store))
        try await app.test(.router) { client in
            let auth = try await imports.token(client, "lu")
            try await client.execute(uri: "/api/v1/imports/households", method: .post, headers: auth, body: Self.archives(1)) { response in
                #expect(response.status == .ok)
            }
            var held = Configuration()
            held.allowsUnsafeTransactions = true
            let other = try DatabaseQueue(path: path, configuration: held)
            try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
            // When a clerk edits an archive
            try await client.execute(
                uri: "/api/v1/households/QD-100", method: .patch, headers: auth, body: ByteBuffer(string: #"{"phone": "13912340000"}"#)
            ) { response in
                // Then, after waiting for the lock, the answer says the database is busy
                #expect(response.status == .serviceUnavailable)
                let error = try #require(try imports.api.json(response.body)["error"] as? [String: Any])
                #expect(error["message"] as? String == DatabaseProblem.busy.chinese)
            }
            // And an archive is still read meanwhile
            try await client.execute(uri: "/api/v1/households/QD-100", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
            }
            try await other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        }
    }
}
