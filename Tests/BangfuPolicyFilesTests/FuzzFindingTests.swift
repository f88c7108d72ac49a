import BangfuCore
import BangfuPolicyFiles
import Testing

/// What `bench/fuzz` found (issue 17), kept as regression tests: a table header whose name
/// begins with a character outside TOML's bare keys aborted the whole program inside
/// toml++ (an assertion compiled into the release build) — `[低保]` in a policy file took
/// `bangfu serve` down at start. The minimised inputs were `[` and one byte that is not UTF-8, then `[` and a control character.
struct FuzzFindingTests {
    @Test(arguments: [
        ("[低保]", 1, 2), ("[\u{FFFD}", 1, 2), ("[[ 中 ]]", 1, 4), ("x = 1\n  [é]\nmonthly = 1", 2, 4), ("[\t中]", 1, 3),
        // The second run's finding, minimised to `[` and a control character; then ASCII too.
        ("[\u{08}]", 1, 2), ("[=]", 1, 2), ("[#]", 1, 2), ("[.a]", 1, 2), ("[,]", 1, 2), ("[", 1, 2), ("[[", 1, 3), ("a = 1\r\n[\r\n", 2, 2),
    ])
    func aTableNameThatIsNoBareKeyIsASyntaxErrorNotACrash(text: String, line: Int, column: Int) {
        do {
            _ = try PolicyFile.parse(text, file: "fuzz.toml")
            Issue.record("\(text) parsed")
        } catch {
            guard case .syntax(let file, let found, let at, let message) = error else {
                Issue.record("expected a syntax error, got \(error)")
                return
            }
            #expect(file == "fuzz.toml" && found == line && at == column, "\(text): line \(found), column \(at)")
            #expect(message.contains("须加引号"))
        }
    }

    @Test(arguments: ["[\"低保\"]\nmonthly = 1", "[a.中]", "中 = 1", "x = {中 = 1}", "[a]\nb = [\"中\"]", "[]", "[ ]", "['a']"])
    func namesTomlKitReadsWithoutAbortingAreLeftToIt(text: String) {
        // Each of these reached toml++ without an abort (checked by hand); whatever it says,
        // it says as an error of the file, not by ending the program.
        #expect(throws: PolicyFileError.self) { _ = try PolicyFile.parse(text, file: "fuzz.toml") }
    }
}
