import Foundation
import Testing

/// The spec's JSON outputs on the sample year are the bytes they were before the shapes became
/// `Encodable` types (issue 13): the md5 sums are those of the binary built from 8eb6e82 (for
/// `duplicates`, once the review queue's extra keys are taken out).
struct JSONOutputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The MD5 of `text`'s UTF-8 bytes, by `md5sum`.
    func md5(_ text: String, in runner: CommandRunner) throws -> String {
        try CommandRunner.digest("md5sum", of: try runner.file("output-\(UUID().uuidString).json", text))
    }

    @Test func theSampleYearsJSONIsByteForByteWhatItWas() throws {
        // Given the sample year, built by the demo
        let runner = try CommandRunner()
        let demo = try runner.run(["demo", "--db", runner.database, "--out", runner.folder.appendingPathComponent("demo").path], withDatabase: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let policy = Self.root.appendingPathComponent("policies/qingdao-2024.toml").path
        let project = Self.root.appendingPathComponent("policies/projects/qingdao-2024-province-workers.toml").path
        // When each spec shape is printed; then the bytes are the former ones
        let expected: [([String], String)] = [
            (["households", "list"], "0e515bf44c870429b164fd16fdca38c9"),
            (["model-workers", "list"], "bf6370bc814f3ec9ba0fda0d5fded9ae"),
            (["batch", "list"], "b51e1a3185df91b91338e98d37352b1c"),
            (["batch", "show", "1"], "8e21a497b13532029d49edd62b6b9bfa"),
            (["duplicates", "--year", "2024", "--policy", policy], "e331287b7060e42084ec52f379a7c0f5"),
            (["indicators", "--project", project], "62b7eb6bcd2d37acbe77c88e1401f481"),
        ]
        for (arguments, sum) in expected {
            let result = try runner.run(arguments + ["--format", "json"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try md5(Self.withoutReviewKeys(result.stdout), in: runner) == sum, "\(arguments)")
        }
    }

    /// `text` without the review queue's extra keys of `duplicates` (issue 16): what is left
    /// is spec §6.2's bytes as they were. A finding's id is keyed per database, so it differs
    /// from one demo to the next.
    static func withoutReviewKeys(_ text: String) -> String {
        text.replacingOccurrences(
            of: #""confirmed_duplicate_aid_rate": [0-9.e-]+, "open_findings": [0-9]+, "confirmed_findings": [0-9]+, "dismissed_findings": [0-9]+, "#,
            with: "", options: .regularExpression
        ).replacingOccurrences(of: #", "finding_id": "[0-9a-f]{32}", "decision": null"#, with: "", options: .regularExpression)
    }
}
