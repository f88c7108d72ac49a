import BangfuPolicyFiles
import Foundation
import Testing

/// A policy or project file is read up to 1 MiB, never without bound (issue 21).
struct FileSizeLimitTests {
    func hugeFile() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-huge-\(UUID().uuidString).toml")
        try Data(repeating: UInt8(ascii: "#"), count: 2 << 20).write(to: url)
        return url
    }

    @Test func aPolicyFileOverOneMebibyteIsRefused() throws {
        let url = try hugeFile()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PolicyFileError.fileTooLarge(file: url.path, limit: 1 << 20)) { try PolicyFile.load(path: url.path) }
    }

    @Test func aProjectFileOverOneMebibyteIsRefused() throws {
        let url = try hugeFile()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PolicyFileError.fileTooLarge(file: url.path, limit: 1 << 20)) { try ProjectFile.load(path: url.path) }
    }
}
