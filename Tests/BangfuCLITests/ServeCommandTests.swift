import Foundation
import Testing

/// `bangfu serve` on a port another server holds says so in Chinese, not the network
/// library's words.
struct ServeCommandTests {
    static let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies").path

    @Test func aPolicyFolderThatIsNotThereIsRefusedBeforeServing() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["init"]).status == 0)
        let answer = try runner.run(["serve", "--port", "1", "--policies", "/no/such/policies"])
        #expect(answer.status == 1)
        #expect(answer.stderr.hasPrefix("找不到策略文件目录「/no/such/policies」"), "\(answer.stderr)")
    }

    @Test(arguments: ["0", "4097", "-5"])
    func anUploadLimitOutsideOneTo4096MBIsAUsageError(limit: String) throws {
        let runner = try CommandRunner()
        let answer = try runner.run(["serve", "--port", "1", "--policies", Self.policies, "--upload-limit=\(limit)"])
        #expect(answer.status == 2)
        #expect(answer.stderr.contains("--upload-limit 应为 1 到 4096 之间的整数（MB）"), "\(answer.stderr)")
    }

    @Test(arguments: ["0", "3601", "abc"])
    func anIdleTimeoutOutsideOneSecondToAnHourIsAUsageError(seconds: String) throws {
        let runner = try CommandRunner()
        let answer = try runner.run(["serve", "--port", "1", "--policies", Self.policies, "--idle-timeout=\(seconds)"])
        #expect(answer.status == 2)
        #expect(answer.stderr.contains("--idle-timeout"), "\(answer.stderr)")
    }

    @Test func aSecondServerOnATakenPortExitsWithAClearMessage() throws {
        let runner = try CommandRunner()
        #expect(try runner.run(["init"]).status == 0)
        let port = String(20_000 + Int(getpid()) % 20_000)
        let first = Process()
        first.executableURL = CommandRunner.executable
        first.arguments = ["serve", "--port", port, "--policies", Self.policies, "--db", runner.database]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer {
            first.terminate()
            first.waitUntilExit()
        }
        // Once the first listens, a second is refused; `timeout` ends it should it not be.
        let wait = Process()
        wait.executableURL = URL(fileURLWithPath: "/bin/bash")
        wait.arguments = ["-c", "for i in $(seq 100); do (echo > /dev/tcp/127.0.0.1/\(port)) 2>/dev/null && exit 0; sleep 0.1; done; exit 1"]
        try wait.run()
        wait.waitUntilExit()
        try #require(wait.terminationStatus == 0, "the first server never listened")
        let second = try runner.run(["10", CommandRunner.executable.path, "serve", "--port", port, "--policies", Self.policies], executable: URL(fileURLWithPath: "/usr/bin/timeout"))
        #expect(second.status == 1)
        #expect(second.stderr.hasPrefix("服务无法在 127.0.0.1:\(port) 上监听"), "\(second.stderr)")
        #expect(!second.stderr.hasPrefix("Error:"))
    }
}
