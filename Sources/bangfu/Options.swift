import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// Options every command takes: which database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "数据库文件 (database file; default $BANGFU_DB, else ./bangfu.sqlite)")
    var db: String?

    /// The path in force: `--db`, else `$BANGFU_DB`, else `./bangfu.sqlite`.
    var path: String {
        if let db { return db }
        if let environment = ProcessInfo.processInfo.environment["BANGFU_DB"], !environment.isEmpty { return environment }
        return "bangfu.sqlite"
    }

    /// Opens the database to change it, creating the file when absent and bringing its
    /// schema up to date.
    func open() throws -> BangfuDatabase { try BangfuDatabase(path: path) }

    /// Opens an existing database only to read it: a missing file is an error, not a new
    /// empty database, and a read-only file can be read.
    func openForReading() throws -> BangfuDatabase { try BangfuDatabase(path: path, access: .readOnly) }

    /// Opens an existing database to read it and add to its audit trail (a command that saves
    /// a file records the export): a missing file is the error `openForReading` gives.
    func openForReadingAndAudit() throws -> BangfuDatabase {
        _ = try openForReading()
        return try open()
    }
}

/// How a reporting command prints: a Chinese table for people, JSON or CSV for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "输出格式 table|json|csv")
    var format: OutputFormat = .table
}

/// Which rows a listing prints, in every format: `--offset N` skips the first N, `--limit N`
/// prints at most N (issue 22: a person pages through a province's archives).
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: "最多列出的行数 (print at most this many rows)")
    var limit: Int?
    @Option(name: .long, help: "跳过前若干行 (skip this many rows first)")
    var offset: Int = 0

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit 的值「\(limit)」不能为负数 (--limit must not be negative)") }
        if offset < 0 { throw ValidationError("--offset 的值「\(offset)」不能为负数 (--offset must not be negative)") }
    }

    var window: RowWindow { RowWindow(offset: offset, limit: limit) }
}

/// Who performs a step, for the audit trail: `--by`, else the login name.
struct ActorOptions: ParsableArguments {
    @Option(name: .long, help: "操作人 (who does this; default the login name)")
    var by: String?

    /// A `--by` that is no person's name: a value not of its option's kind, a usage error
    /// (exit 2) as a date that does not exist is.
    struct RefusedName: UserFacingError {
        let chinese: String
        let english: String
        var failure: Failure { .invalidValue }
    }

    /// `--by` normalised as an imported name is (`PersonName`), once, so that every step
    /// records and compares the same form: `张敏\u{200B}` is `张敏`.
    mutating func validate() throws {
        guard let by, !by.trimmed.isEmpty else { return }
        do { self.by = try Self.person(by) } catch let refused as RefusedName {
            // ArgumentParser would print what `validate` throws after `Error: `; printed here
            // as every other bad input is, only the exit code goes on.
            Terminal.error(refused.message)
            throw ExitCode.validationFailure
        }
    }

    /// `name` as a person's name for `option`: normalised, not empty, no control or
    /// direction characters, at most 50 characters.
    static func person(_ name: String, option: String = "--by") throws -> String {
        let normalised: String
        do { normalised = try PersonName.normalised(name) } catch {
            let shown = name.escapedForDisplay
            throw RefusedName(chinese: "\(option) 的值「\(shown)」不是有效的姓名：\(error.chinese)", english: "\(option) \(shown): \(error.english)")
        }
        guard !normalised.isEmpty else {
            throw RefusedName(chinese: "\(option) 须填写办理人姓名", english: "\(option) must name a person")
        }
        return normalised
    }

    /// `--by`, else the login name.
    var actor: String {
        if let by, !by.trimmed.isEmpty { return by.trimmed }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// Who does this command, now: `--by` (or the login name) as a person, this machine's
    /// clock and time zone.
    func context() throws -> RequestContext {
        RequestContext(actor: try Person(name: try Self.person(actor)))
    }
}

/// A free text given on the command line (`--name`, `--project`, `--reason`) as it will be
/// stored: normalised as an imported cell is (NFC, no zero-width characters, trimmed), and
/// refused as an invalid value (exit 2) when it is empty or holds control or direction
/// characters, which would reach every table and list that shows it.
func textOption(_ text: String, _ option: String, rule: TextRule) throws -> String {
    let cleaned: String
    do { cleaned = try rule.clean(text) } catch {
        let shown = text.escapedForDisplay
        throw CommandError("\(option) 的值「\(shown)」无效：\(error.chinese)", english: "\(option) \(shown): \(error.english)", failure: .invalidValue)
    }
    guard !cleaned.isEmpty else { throw CommandError("\(option) 不能为空", english: "\(option) must not be empty", failure: .invalidValue) }
    return cleaned
}

/// A date given on the command line (`--date`, `--notice-from`): a wrong one (no real day,
/// or a year outside `Plausible.years`) is an invalid value of the option, said in Chinese
/// and English with exit 2 in every command (`policy show --date` too).
func dateOption(_ text: String, _ option: String) throws -> CalendarDate {
    let shown = text.escapedForDisplay
    guard let day = CalendarDate(text) else {
        throw CommandError(
            "\(option) 的值「\(shown)」不是有效的日期（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年MM月DD日，且该日存在）",
            english: "\(option) \(shown) is not a real date YYYY-MM-DD", failure: .invalidValue)
    }
    guard Plausible.isPlausible(day) else {
        throw CommandError(
            "\(option) 的值「\(shown)」年份超出合理范围（应在\(Plausible.yearsText)年之间，多为录入错误）",
            english: "\(option) \(shown): the year must be \(Plausible.yearsText)", failure: .invalidValue)
    }
    return day
}
