import BangfuCore
import Testing

/// Text is normalised before it is compared or stored, and refused when it could hide or
/// drive anything (issue 21).
struct TextNormalisationTests {
    @Test func zeroWidthCharactersAreRemovedSoTheNameIsTheSame() throws {
        for written in ["张敏\u{200B}", "\u{200B}张敏", "张\u{200B}敏", "张\u{200C}\u{200D}敏", "\u{FEFF}张敏\u{2060}"] {
            #expect(try PersonName.normalised(written) == "张敏")
        }
    }

    @Test func textIsComposedToNFC() throws {
        #expect(try TextRule.organisation.clean("Cafe\u{301}") == "Caf\u{E9}")
        // A CJK compatibility ideograph is its unified twin in NFC.
        #expect(try TextRule.personName.clean("\u{F900}") == "\u{8C48}")
    }

    @Test func unicodeWhiteSpaceAroundTheTextIsTrimmed() throws {
        #expect(try TextRule.organisation.clean("\u{3000}\u{A0} 青岛港\u{2003}\t") == "青岛港")
    }

    @Test func paddingInsideAChineseNameIsRemovedAndItsDotUnified() throws {
        #expect(try PersonName.normalised("张\u{3000}\u{3000}敏") == "张敏")
        #expect(try PersonName.normalised("张  敏") == "张敏")
        #expect(try PersonName.normalised("阿卜杜 • 热合曼") == "阿卜杜·热合曼")
        #expect(try PersonName.normalised("Zhang   Min") == "Zhang Min")
    }

    @Test func controlCharactersInsideTheTextAreRefused() {
        for scalar: Unicode.Scalar in ["\u{0}", "\u{1B}", "\u{9}", "\u{A}", "\u{7F}", "\u{85}", "\u{2028}"] {
            #expect(throws: TextRefusal.controlCharacter(scalar)) { try TextRule.organisation.clean("张\(scalar)敏") }
        }
    }

    @Test func aRemarkKeepsItsLineBreaksButANameDoesNot() throws {
        #expect(try TextRule.remark.clean("重特大疾病\r\n肺癌") == "重特大疾病\r\n肺癌")
        #expect(throws: TextRefusal.controlCharacter("\n")) { try PersonName.normalised("张\n敏") }
        #expect(throws: TextRefusal.controlCharacter("\t")) { try TextRule.remark.clean("重特大疾病\t肺癌") }
    }

    @Test func directionControlsAreRefused() {
        for scalar: Unicode.Scalar in ["\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{61C}"] {
            #expect(throws: TextRefusal.directionControl(scalar)) { try PersonName.normalised("张\(scalar)敏") }
        }
    }

    @Test func aNameOfFiftyCharactersIsTakenAndOfFiftyOneRefused() throws {
        #expect(try PersonName.normalised(String(repeating: "敏", count: 50)).count == 50)
        #expect(throws: TextRefusal.tooLong(length: 51, limit: 50)) { try PersonName.normalised(String(repeating: "敏", count: 51)) }
        #expect(throws: TextRefusal.tooLong(length: 51, limit: 50)) { try PersonName.normalised(String(repeating: "a", count: 51)) }
    }

    @Test func escapedTextShowsControlAndHiddenCharactersAsCodes() {
        #expect("张\u{1B}[2J敏\u{202E}\u{200B}".escapedForDisplay == "张\\u{1B}[2J敏\\u{202E}\\u{200B}")
        #expect("plain 张敏".escapedForDisplay == "plain 张敏")
    }

    @Test func aStoredNameIsComparedWithoutWhatACheckWouldHaveRefused() {
        #expect(PersonName.comparisonKey("\u{202E} 张\u{1B}敏 ") == "张敏")
    }

    @Test func segregationOfDutiesSeesThroughInvisibleCharacters() {
        // Given a batch whose first review was done by 张敏, stored before names were checked
        let progress = BatchProgress(
            status: .firstReviewed, requiredReviews: [.first, .second], performers: [.review(.first): "\u{200B}张敏"])
        // Then 张敏 with a zero-width space or a padding space is the same person
        for name in ["张敏", "张\u{200B}敏", "张 敏"] {
            #expect(throws: WorkflowRefusal.self) { try BatchWorkflow.review(.second, by: name, progress) }
        }
    }
}

/// The fast path that reads a cell's UTF-8 bytes gives what the full normalisation gives,
/// for characters of every UTF-8 width.
struct PlainTextFastPathTests {
    @Test func textOfEveryUTF8WidthIsCleanedAsTheFullPathCleansIt() throws {
        let samples = [
            "王建国", "José Ñúñez", "青岛港集团 工会", "𠀀家", "A·B", "阿卜杜热合曼·买买提明", "x\u{00A0}", "张•敏", "", "a b", "￥6000元",
        ]
        for text in samples {
            for rule in [TextRule.personName, .organisation, .remark, .code] {
                let cleaned = try rule.clean(text)
                // Cleaning is idempotent: what came out goes through unchanged, by either path.
                #expect(try rule.clean(cleaned) == cleaned, "\(text)")
                #expect(cleaned == cleaned.precomposedStringWithCanonicalMapping, "\(text)")
            }
        }
        #expect(try TextRule.personName.clean("张•敏") == "张·敏")
        #expect(try TextRule.organisation.clean("青岛港集团 工会 ") == "青岛港集团 工会")
    }
}
