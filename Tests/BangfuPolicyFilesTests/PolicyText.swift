import Foundation
import Testing

@testable import BangfuPolicyFiles

/// A valid policy text with the values of spec §4 and no comments, so that a test can change
/// one line and know the line numbers (shown on the right).
enum PolicyText: FixtureText {
    static let valid = """
        [policy]
        id = "test-2024"
        name = "测试标准"
        basis = ["青工办〔2021〕17号"]

        [[dibao]]
        from = 2023-07-01
        monthly = 1045
        [[dibao]]
        from = 2024-07-01
        monthly = 1115

        [income_cap]
        multiple = 2.1
        mode = "reduce"

        [living]
        annual_max_months = { deep = 12, relative = 8, accident = 8 }
        batch_months = { deep = 6, relative = 4, accident = 4 }
        round_down_to = 1000

        [education]
        preschool = 3000
        compulsory = 3000
        high_school = 5000
        higher = { deep = 10000, relative = 8000, accident = 8000 }
        special = { deep = 10000, relative = 8000, accident = 8000 }

        [medical]
        ratio = 0.5
        annual_max = 20000

        [model_worker]
        standard_line = 42000
        standard_line_from = 2024-09-01
        annual_max = 30000
        special = { major_illness = 20000, disability = 15000, disaster = 10000 }

        [warmth]
        worker = 3000
        model_worker = 1000

        [workflow]
        reviews = ["first", "second"]
        """

    /// Parses `text` as `test.toml` and returns the error it must raise.
    static func error(parsing text: String) throws -> PolicyFileError {
        do {
            _ = try PolicyFile.parse(text, file: "test.toml")
        } catch {
            return error
        }
        Issue.record("expected a PolicyFileError")
        throw ParsedWithoutError()
    }

    struct ParsedWithoutError: Error {}
}

/// A valid file text that tests take apart: the line of a key, a variant with one change.
protocol FixtureText {
    static var valid: String { get }
}

extension FixtureText {
    /// The 1-based line of the first line of `valid` starting with `prefix`.
    static func line(_ prefix: String, in text: String = valid) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    /// `valid` with `old` (which must occur exactly once) replaced by `new`.
    static func replacing(_ old: String, with new: String) throws -> String {
        try #require(valid.components(separatedBy: old).count == 2, "fixture text must contain \(old) once")
        return valid.replacingOccurrences(of: old, with: new)
    }
}
