import Foundation
import Testing

@testable import BangfuStore

#if canImport(Glibc)
    import Glibc
#endif

/// A computation's staging file holds the batch's names and 身份证号: one left behind by a
/// `kill -9` is removed by the next computation, never one another computation is writing.
struct StagedEntriesTests {
    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-staging-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func stagingFile(in folder: URL, changed: Date) throws -> String {
        let path = folder.appendingPathComponent("\(StagedEntries.prefix)\(UUID().uuidString).sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("names".utf8)))
        try FileManager.default.setAttributes([.modificationDate: changed], ofItemAtPath: path)
        return path
    }

    @Test func aStagingFileNobodyHoldsIsRemovedAndOneInUseIsKept() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = Date().addingTimeInterval(-2 * StagedEntries.graceSeconds)
        let abandoned = try stagingFile(in: folder, changed: old)
        let held = try stagingFile(in: folder, changed: old)
        let recent = try stagingFile(in: folder, changed: Date())
        let other = folder.appendingPathComponent("bangfu-uploads-x.sqlite").path
        #expect(FileManager.default.createFile(atPath: other, contents: nil))
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: other)
        let lock = open(held, O_RDWR)
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        defer { close(lock) }

        #expect(StagedEntries.removeAbandoned(in: folder) == 1)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: held), "another computation holds it")
        #expect(FileManager.default.fileExists(atPath: recent), "it may be an older bangfu's, still writing")
        #expect(FileManager.default.fileExists(atPath: other), "not a staging file")
    }

    @Test func aComputationHoldsItsStagingFileUntilItIsRemovedAndSweepsBeforeItStarts() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let abandoned = try stagingFile(in: folder, changed: Date().addingTimeInterval(-2 * StagedEntries.graceSeconds))
        let staged = try StagedEntries(in: folder)
        #expect(!FileManager.default.fileExists(atPath: abandoned), "swept as the computation starts")
        #expect(FileManager.default.fileExists(atPath: staged.path))
        // Long after, its own file is still in use: never swept while it lives.
        #expect(StagedEntries.removeAbandoned(in: folder, now: Date().addingTimeInterval(10 * StagedEntries.graceSeconds)) == 0)
        staged.remove()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
