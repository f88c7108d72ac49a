import BangfuApp
import BangfuCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BangfuWeb

/// Where `bangfu serve` writes uploads, and what a killed server leaves there (issue 17,
/// bench/faults: an upload in flight at kill -9 stayed in the temporary folder for good).
struct UploadSpoolTests {
    func parent() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-spool-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aStartRemovesTheUploadsOfAServerThatIsGoneAndNothingElse() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        // Given the spool of a server killed with an upload in it: its lock file, held by nobody
        let killed = parent.appendingPathComponent(UploadSpool.prefix + "killed")
        try FileManager.default.createDirectory(at: killed, withIntermediateDirectories: true)
        try Data().write(to: killed.appendingPathComponent(UploadSpool.lockName))
        try Data("档案编号\n".utf8).write(to: killed.appendingPathComponent("bangfu-upload-1"))
        // And the spool of a server still running, with an upload, and files that are not spools
        let running = try UploadSpool(in: parent)
        try Data("档案编号\n".utf8).write(to: running.newPath())
        let unlocked = parent.appendingPathComponent(UploadSpool.prefix + "without-lock")
        try FileManager.default.createDirectory(at: unlocked, withIntermediateDirectories: true)
        let other = parent.appendingPathComponent("bangfu-upload-of-an-older-server")
        try Data().write(to: other)

        // When a server starts
        let removed = UploadSpool.removeAbandoned(in: parent)

        // Then only the killed server's folder is gone
        #expect(removed == 1)
        #expect(!FileManager.default.fileExists(atPath: killed.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: running.folder.path).count == 2)
        #expect(FileManager.default.fileExists(atPath: unlocked.path))
        #expect(FileManager.default.fileExists(atPath: other.path))
    }

    @Test func aSpoolIsRemovedWhenItsServerEnds() throws {
        let parent = try parent()
        defer { try? FileManager.default.removeItem(at: parent) }
        var spool: UploadSpool? = try UploadSpool(in: parent)
        let folder = try #require(spool?.folder)
        #expect(FileManager.default.fileExists(atPath: folder.path))
        spool = nil
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func anUploadTheServerCannotWriteIs503AndLeavesNothing() async throws {
        // Given a server whose upload folder cannot be written (as on a full disk)
        let store = try ImportAPITests().store()
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-no-such-folder-\(UUID().uuidString)")
        let app = Application(router: buildRouter(store: store, settings: WebSettings(uploadFolder: nowhere)))
        try await app.test(.router) { client in
            let auth = try await ImportAPITests().token(client, "lu")
            // When a clerk imports a file
            try await client.execute(
                uri: "/api/v1/imports/households", method: .post, headers: auth, body: ImportAPITests.households(ImportAPITests.newArchive)
            ) { response in
                // Then the answer says the server could not store the upload, and nothing was imported
                #expect(response.status == .serviceUnavailable)
                let error = try #require(try APITests().json(response.body)["error"] as? [String: Any])
                #expect(error["message"] as? String == UploadError.cannotStore(english: "").chinese)
            }
        }
        #expect(try store.recordCounts().households == 2)
    }
}
