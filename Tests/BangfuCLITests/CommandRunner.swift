import Foundation

/// Runs the built `bangfu` executable as a user would and captures what it prints, in a
/// temporary folder of its own that goes with the runner.
final class CommandRunner: Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let database: String
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("test.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The `bangfu` binary beside the test bundle in the build folder.
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("bangfu")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates[0].appendingPathComponent("bangfu")
    }

    /// Runs `bangfu ARGS --db <test database>` (the option is added unless `withDatabase` is
    /// false); `executable` runs another program instead, one that starts `bangfu` itself.
    func run(_ arguments: [String], withDatabase: Bool = true, environment: [String: String] = [:], executable: URL = CommandRunner.executable) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + (withDatabase ? ["--db", database] : [])
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `sql` on the test database with the `sqlite3` shell, as a hand edit or an older
    /// version would have left the file; true when the shell succeeded.
    @discardableResult
    func sqlite(_ sql: String) throws -> Bool {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [database, sql]
        try shell.run()
        shell.waitUntilExit()
        return shell.terminationStatus == 0
    }

    /// Starts `bangfu batch pay ID` so that it stops inside its transaction, after the aid
    /// records are written (`BANGFU_PAUSE_IN_PAY`, debug builds only), and returns once it
    /// says so; the caller kills it.
    func paymentPausedInside(batch id: String) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["batch", "pay", id, "--date", "2024-01-25", "--db", database]
        process.environment = ProcessInfo.processInfo.environment.merging(["BANGFU_PAUSE_IN_PAY": "60"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("paused in pay") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said.append(chunk)
        }
        return process
    }

    /// What a digest tool (`sha256sum`, `md5sum`) prints first for the file at `path`: the
    /// digest a receiver of the file would compute.
    static func digest(_ tool: String, of path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return printed.split(separator: " ").first.map(String.init) ?? ""
    }

    /// Writes a file into the test folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
