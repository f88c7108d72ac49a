import ArgumentParser
import BangfuCore
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
            Audit.self, User.self, Serve.self, Generate.self, Demo.self, Backup.self, Restore.self,
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
            exitTelling(error)
        } catch let error where StoreError(error) != nil {
            exitTelling(StoreError(error) ?? .failed(.other(code: -1)))
        } catch let error as CocoaError {
            exitTelling(FileSystemFailure(error))
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
/// command's own `--db` falls back to. `demo` never falls back to `$BANGFU_DB` (a clerk's
/// own database); a global `--db` before it is handed to it as its own option.
func takingGlobalDatabaseOption(_ arguments: [String]) -> [String] {
    var rest = arguments[...]
    var path: String?
    while let first = rest.first, first == "--db" || first.hasPrefix("--db=") {
        if first == "--db" {
            guard rest.count >= 2 else { break }
            path = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        } else {
            path = String(first.dropFirst("--db=".count))
            rest = rest.dropFirst()
        }
    }
    guard let path else { return Array(rest) }
    if rest.first == "demo" { return ["demo", "--db", path] + rest.dropFirst() }
    setenv("BANGFU_DB", path, 1)
    return Array(rest)
}

/// Prints `error` for a person and exits with spec §1's code: 2 for a value of an option
/// that is not of its kind (a usage error), 1 for everything else a person can put right.
func exitTelling(_ error: any UserFacingError) -> Never {
    Terminal.error(error.message)
    Foundation.exit(error.failure == .invalidValue ? 2 : 1)
}

/// Errors of the commands themselves.
struct CommandError: UserFacingError {
    let chinese: String
    let english: String
    let failure: Failure

    init(_ chinese: String, english: String, failure: Failure = .badInput) {
        self.chinese = chinese
        self.english = english
        self.failure = failure
    }
}
