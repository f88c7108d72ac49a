import Foundation
import Testing

@testable import BangfuPolicyFiles

/// A valid project text without comments, so that a test can change one line and know the
/// line numbers: `[project]` is line 1, the `[[indicator]]` tables start on lines 7, 18, 29, 39.
enum ProjectText: FixtureText {
    static let valid = """
        [project]
        name = "市劳模困难救助"
        year = 2024
        budget = 2600000
        execution_weight = 10

        [[indicator]]
        level1 = "产出指标"
        level2 = "数量指标"
        name = "生活困难救助人数"
        op = ">="
        target = 120
        unit = "人"
        weight = 40
        metric = "model_workers_aided"
        kind = "model-worker-living"

        [[indicator]]
        level1 = "产出指标"
        level2 = "时效指标"
        name = "补助金发放时限"
        op = ">="
        target = 100
        unit = "%"
        weight = 10
        metric = "on_time_rate"
        deadline = 2024-12-20

        [[indicator]]
        level1 = "效益指标"
        level2 = "社会效益指标"
        name = "困难劳模生活水平改善情况"
        op = "qualitative"
        target = "显著改善"
        weight = 30
        value = "达成"
        source = "自评"

        [[indicator]]
        level1 = "满意度指标"
        level2 = "服务对象满意度指标"
        name = "补助对象满意度"
        op = ">="
        target = 95
        unit = "%"
        weight = 10
        value = 96
        source = "问卷调查"
        """

    /// Parses `text` as `project.toml` and returns the error it must raise.
    static func error(parsing text: String) throws -> PolicyFileError {
        do {
            _ = try ProjectFile.parse(text, file: "project.toml")
        } catch {
            return error
        }
        Issue.record("expected a PolicyFileError")
        throw PolicyText.ParsedWithoutError()
    }

    /// The place of `keyPath` on `line` of `project.toml`.
    static func at(_ keyPath: String, _ line: Int?) -> PolicyFileError.Location {
        PolicyFileError.Location(file: "project.toml", keyPath: keyPath, line: line)
    }
}
