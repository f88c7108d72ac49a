import Foundation
import Testing

@testable import BangfuPolicyFiles

/// Finding the line of a key for error messages, and suggesting the key meant.
@Suite struct KeyLinesTests {
    static let text = """
        # a comment with key = 1
        [policy]
        id = "a # not a comment"   # trailing = comment
        "quoted key" = 1
        note = \"\"\"
        fake = 2
        \"\"\"
        [[dibao]]
        from = 2023-07-01
        [[dibao]]
        from = 2024-07-01
        [living]
        batch_months = { deep = 6 }
        """

    @Test func aKeyIsFoundInItsTable() {
        #expect(KeyLines(Self.text).line(of: "policy.id") == 3)
    }

    @Test func aQuotedKeyIsFound() {
        #expect(KeyLines(Self.text).line(of: "policy.quoted key") == 4)
    }

    @Test func linesInsideAMultiLineStringAreNotKeys() {
        #expect(KeyLines(Self.text).line(of: "policy.fake") == 2)
    }

    @Test func eachArrayTableIsCountedFromOne() {
        let lines = KeyLines(Self.text)
        #expect(lines.line(of: "dibao[1].from") == 9)
        #expect(lines.line(of: "dibao[2].from") == 11)
        #expect(lines.line(of: "dibao") == 8)
    }

    @Test func aKeyInsideAnInlineTableIsOnTheLineOfTheTable() {
        #expect(KeyLines(Self.text).line(of: "living.batch_months.deep") == 13)
    }

    @Test func aMissingKeyFallsBackToItsTableAndAnAbsentTableHasNoLine() {
        let lines = KeyLines(Self.text)
        #expect(lines.line(of: "living.round_down_to") == 12)
        #expect(lines.line(of: "medical.ratio") == nil)
    }

    @Test func crlfLineEndingsGiveTheSameLines() {
        let lines = KeyLines(Self.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(lines.line(of: "dibao[2].from") == 11)
    }

    @Test func theNearestKeyIsSuggestedWhenClose() {
        #expect(KeySuggestion.nearest(to: "round_down", among: ["annual_max_months", "batch_months", "round_down_to"]) == "round_down_to")
        #expect(KeySuggestion.nearest(to: "Ratio", among: ["ratio", "annual_max"]) == "ratio")
        #expect(KeySuggestion.nearest(to: "high-school", among: ["preschool", "compulsory", "high_school"]) == "high_school")
    }

    @Test func noKeyIsSuggestedWhenNoneIsClose() {
        #expect(KeySuggestion.nearest(to: "colour", among: ["worker", "model_worker"]) == nil)
    }
}
