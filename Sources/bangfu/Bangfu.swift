import ArgumentParser
import BangfuImport
import BangfuStore
import Foundation

/// `bangfu`: the command line of spec §1.
@main
struct Bangfu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bangfu",
        abstract: "帮扶：困难职工家庭与劳模帮扶救助管理 (trade-union hardship aid).",
        subcommands: [
            Init.self, Import.self, Households.self, ModelWorkers.self, PolicyCommand.self, Batch.self, Duplicates.self, Indicators.self,
            Audit.self, Generate.self, Demo.self,
        ])

    /// Runs the command with spec §1's exit codes: 0 success, 1 a user error (bad input,
    /// a rule), 2 a usage error (ArgumentParser's own usage code, 64, becomes 2).
    static func main() {
        do {
            var command = try parseAsRoot(takingGlobalDatabaseOption(Array(CommandLine.arguments.dropFirst())))
            if !type(of: command).configuration.subcommands.isEmpty {
                // A group named without one of its commands (`bangfu batch`) is a usage
                // error; its help goes to stderr. `--help` itself still exits 0.
                Terminal.error("缺少子命令 (missing subcommand)\n" + helpMessage(for: type(of: command)))
                Foundation.exit(2)
            }
            try command.run()
        } catch let error as any UserFacingError {
            Terminal.error(error.message)
            Foundation.exit(1)
        } catch let error where StoreError.explain(error) != nil {
            Terminal.error(StoreError.explain(error) ?? "")
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.error(message) }
            Foundation.exit(code == .failure ? 1 : 2)
        }
    }
}

/// spec §1 makes `--db PATH` a global option: `bangfu --db x.sqlite batch list`. Given
/// before the subcommand it is taken out here and passed on as `$BANGFU_DB`, which every
/// command's own `--db` falls back to.
func takingGlobalDatabaseOption(_ arguments: [String]) -> [String] {
    var rest = arguments[...]
    while let first = rest.first, first == "--db" || first.hasPrefix("--db=") {
        if first == "--db" {
            guard rest.count >= 2 else { break }
            setenv("BANGFU_DB", rest[rest.startIndex + 1], 1)
            rest = rest.dropFirst(2)
        } else {
            setenv("BANGFU_DB", String(first.dropFirst("--db=".count)), 1)
            rest = rest.dropFirst()
        }
    }
    return Array(rest)
}

/// An error about the user's input or a rule: exit 1, message in Chinese and English.
protocol UserFacingError: Error {
    var message: String { get }
}

extension ImportError: UserFacingError {
    var message: String { report }
}

extension StoreError: UserFacingError {
    var message: String { errorDescription ?? "\(self)" }
}

/// Errors of the commands themselves.
struct CommandError: UserFacingError {
    let message: String
    init(_ chinese: String, english: String) { message = "\(chinese) (\(english))" }
}
