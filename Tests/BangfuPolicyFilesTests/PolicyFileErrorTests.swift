import BangfuCore
import Foundation
import Testing

@testable import BangfuPolicyFiles

/// Each way a policy file can be wrong gives its own error, naming the key path and the line.
@Suite struct PolicyFileErrorTests {
    // MARK: - the fixture itself

    @Test func theFixtureTextIsValid() throws {
        let policy = try PolicyFile.parse(PolicyText.valid, file: "test.toml")
        #expect(policy.dibao.map(\.monthly) == [.yuan(1045), .yuan(1115)])
        #expect(policy.living.batchMonths == [.deep: 6, .relative: 4, .accident: 4])
    }

    // MARK: - missing keys

    @Test func aMissingKeyIsNamedWithTheLineOfItsTable() throws {
        let text = try PolicyText.replacing("round_down_to = 1000\n", with: "")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .missingKey(.init(file: "test.toml", keyPath: "living.round_down_to", line: PolicyText.line("[living]"))))
    }

    @Test func aMissingCategoryInAnInlineTableIsNamedByItsFullPath() throws {
        let text = try PolicyText.replacing("batch_months = { deep = 6, relative", with: "batch_months = { relative")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .missingKey(.init(file: "test.toml", keyPath: "living.batch_months.deep", line: PolicyText.line("batch_months"))))
        #expect(error.errorDescription?.contains("living.batch_months.deep") == true)
    }

    @Test func aMissingTableIsNamed() throws {
        let text = try PolicyText.replacing("[medical]\nratio = 0.5\nannual_max = 20000\n", with: "")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .missingKey(.init(file: "test.toml", keyPath: "medical", line: nil)))
    }

    @Test func aMissingSpecialCauseIsNamed() throws {
        let text = try PolicyText.replacing(", disaster = 10000", with: "")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "model_worker.special.disaster")
        #expect(error.line == PolicyText.line("special = { major_illness"))
    }

    // MARK: - wrong types

    @Test func aQuotedAmountIsTheWrongType() throws {
        let text = try PolicyText.replacing("monthly = 1115", with: "monthly = \"1115\"")
        let error = try PolicyText.error(parsing: text)
        let location = PolicyFileError.Location(file: "test.toml", keyPath: "dibao[2].monthly", line: PolicyText.line("monthly = 1115"))
        #expect(error == .wrongType(location, expected: .amount, found: .string))
    }

    @Test func aQuotedDateIsTheWrongType() throws {
        let text = try PolicyText.replacing("from = 2023-07-01", with: "from = \"2023-07-01\"")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .wrongType(.init(file: "test.toml", keyPath: "dibao[1].from", line: 7), expected: .date, found: .string))
        #expect(error.errorDescription?.contains("不加引号") == true)
    }

    @Test func monthsWithDecimalsAreTheWrongType() throws {
        let text = try PolicyText.replacing("relative = 4,", with: "relative = 4.5,")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .wrongType(.init(file: "test.toml", keyPath: "living.batch_months.relative", line: 19), expected: .wholeNumber, found: .float))
    }

    @Test func aSingleDibaoTableInsteadOfAnArrayOfTablesIsTheWrongType() throws {
        let text = try PolicyText.replacing("[[dibao]]\nfrom = 2024-07-01\nmonthly = 1115\n", with: "")
            .replacingOccurrences(of: "[[dibao]]", with: "[dibao]")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .wrongType(.init(file: "test.toml", keyPath: "dibao", line: 6), expected: .tableList, found: .table))
    }

    @Test func aReviewThatIsNotTextIsTheWrongType() throws {
        let text = try PolicyText.replacing("reviews = [\"first\", \"second\"]", with: "reviews = [\"first\", 2]")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .wrongType(.init(file: "test.toml", keyPath: "workflow.reviews[2]", line: PolicyText.line("reviews")), expected: .text, found: .integer))
    }

    // MARK: - ranges

    @Test func aNegativeAmountIsRefused() throws {
        let text = try PolicyText.replacing("annual_max = 20000", with: "annual_max = -20000")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .negative(.init(file: "test.toml", keyPath: "medical.annual_max", line: PolicyText.line("annual_max = 20000")), value: "-20000"))
    }

    @Test func aNegativeDecimalAmountIsRefused() throws {
        let text = try PolicyText.replacing("worker = 3000", with: "worker = -0.5")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .negative(.init(file: "test.toml", keyPath: "warmth.worker", line: PolicyText.line("worker = 3000")), value: "-0.5"))
    }

    @Test func aNegativeRatioIsRefused() throws {
        let text = try PolicyText.replacing("ratio = 0.5", with: "ratio = -0.5")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .negative(.init(file: "test.toml", keyPath: "medical.ratio", line: PolicyText.line("ratio")), value: "-0.5"))
    }

    @Test func aRatioAboveOneIsRefused() throws {
        let text = try PolicyText.replacing("ratio = 0.5", with: "ratio = 1.5")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .ratioAboveOne(.init(file: "test.toml", keyPath: "medical.ratio", line: PolicyText.line("ratio")), value: "1.5"))
    }

    @Test func aNegativeMonthCountIsRefused() throws {
        let text = try PolicyText.replacing("deep = 12,", with: "deep = -12,")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .negative(.init(file: "test.toml", keyPath: "living.annual_max_months.deep", line: 18), value: "-12"))
    }

    @Test func aMultipleOfZeroIsRefused() throws {
        let text = try PolicyText.replacing("multiple = 2.1", with: "multiple = 0")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .notPositive(.init(file: "test.toml", keyPath: "income_cap.multiple", line: 14), value: "0"))
    }

    @Test func aNegativeMultipleIsRefused() throws {
        let text = try PolicyText.replacing("multiple = 2.1", with: "multiple = -2.1")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .notPositive(.init(file: "test.toml", keyPath: "income_cap.multiple", line: 14), value: "-2.1"))
    }

    @Test func aZeroDibaoIsRefused() throws {
        let text = try PolicyText.replacing("monthly = 1045", with: "monthly = 0")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .notPositive(.init(file: "test.toml", keyPath: "dibao[1].monthly", line: 8), value: "0"))
    }

    @Test func aZeroRoundingStepIsRefused() throws {
        let text = try PolicyText.replacing("round_down_to = 1000", with: "round_down_to = 0")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "living.round_down_to")
        #expect(error == .notPositive(.init(file: "test.toml", keyPath: "living.round_down_to", line: 20), value: "0"))
    }

    @Test func anAmountWithThreeDecimalsIsRefused() throws {
        let text = try PolicyText.replacing("preschool = 3000", with: "preschool = 3000.125")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .invalidAmount(.init(file: "test.toml", keyPath: "education.preschool", line: 23), value: "3000.125"))
    }

    @Test func anAmountInExponentFormIsRefused() throws {
        let text = try PolicyText.replacing("preschool = 3000", with: "preschool = 3e20")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "education.preschool")
        if case .invalidAmount = error {} else { Issue.record("expected invalidAmount, got \(error)") }
    }

    @Test func aMultipleWithTooManyDecimalsIsRefused() throws {
        let text = try PolicyText.replacing("multiple = 2.1", with: "multiple = 2.0000000001")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .invalidDecimal(.init(file: "test.toml", keyPath: "income_cap.multiple", line: 14), value: "2.0000000001"))
    }

    @Test func anOutOfRangeDateIsRefused() throws {
        let text = try PolicyText.replacing("standard_line_from = 2024-09-01", with: "standard_line_from = 0000-09-01")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "model_worker.standard_line_from")
        if case .invalidDate = error {} else { Issue.record("expected invalidDate, got \(error)") }
    }

    @Test func anEmptyPolicyIdIsRefused() throws {
        let text = try PolicyText.replacing("id = \"test-2024\"", with: "id = \" \"")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .emptyText(.init(file: "test.toml", keyPath: "policy.id", line: 2)))
    }

    // MARK: - exact values

    @Test func decimalAmountsAreReadToTheFen() throws {
        let text = try PolicyText.replacing("worker = 3000", with: "worker = 2194.5")
            .replacingOccurrences(of: "monthly = 1045", with: "monthly = 1045.00")
        let policy = try PolicyFile.parse(text, file: "test.toml")
        #expect(policy.warmth.worker == Money(fen: 219_450))
        #expect(policy.dibao[0].monthly == .yuan(1045))
    }

    @Test func aMultipleIsReadAsTheDecimalWritten() throws {
        let text = try PolicyText.replacing("multiple = 2.1", with: "multiple = 2.15")
        let policy = try PolicyFile.parse(text, file: "test.toml")
        #expect(policy.incomeCap.multiple == ExactDecimal(units: 215, scale: 2))
    }

    @Test func aWholeMultipleIsAWholeDecimal() throws {
        let written = try PolicyFile.parse(try PolicyText.replacing("multiple = 2.1", with: "multiple = 2.0"), file: "test.toml")
        let integer = try PolicyFile.parse(try PolicyText.replacing("multiple = 2.1", with: "multiple = 2"), file: "test.toml")
        #expect(written.incomeCap.multiple == ExactDecimal(2))
        #expect(integer.incomeCap.multiple == ExactDecimal(2))
    }

    // MARK: - 低保 periods

    @Test func dibaoPeriodsOutOfDateOrderAreRefused() throws {
        let text = try PolicyText.replacing("from = 2024-07-01", with: "from = 2023-01-01")
        let error = try PolicyText.error(parsing: text)
        let location = PolicyFileError.Location(file: "test.toml", keyPath: "dibao[2].from", line: 10)
        #expect(error == .dibaoOutOfOrder(location, from: CalendarDate("2023-01-01")!, previous: CalendarDate("2023-07-01")!))
    }

    @Test func twoDibaoPeriodsFromTheSameDayAreRefused() throws {
        let text = try PolicyText.replacing("from = 2024-07-01", with: "from = 2023-07-01")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .duplicateDibaoDate(.init(file: "test.toml", keyPath: "dibao[2].from", line: 10), from: CalendarDate("2023-07-01")!))
    }

    @Test func aFileWithoutDibaoIsRefused() throws {
        let text = try PolicyText.replacing("[[dibao]]\nfrom = 2023-07-01\nmonthly = 1045\n[[dibao]]\nfrom = 2024-07-01\nmonthly = 1115\n", with: "")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .noDibao(file: "test.toml"))
        #expect(error.errorDescription?.hasPrefix("test.toml：") == true)
    }

    @Test func anEmptyDibaoListIsRefused() throws {
        let text = try PolicyText.replacing("[[dibao]]\nfrom = 2023-07-01\nmonthly = 1045\n[[dibao]]\nfrom = 2024-07-01\nmonthly = 1115\n", with: "")
            .replacingOccurrences(of: "[policy]", with: "dibao = []\n[policy]")
        #expect(try PolicyText.error(parsing: text) == .noDibao(file: "test.toml"))
    }

    // MARK: - unknown keys

    @Test func anUnknownKeySuggestsTheNearKnownKey() throws {
        let text = try PolicyText.replacing("round_down_to = 1000", with: "round_down = 1000")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .unknownKey(
            .init(file: "test.toml", keyPath: "living.round_down", line: 20), suggestion: "living.round_down_to",
            known: ["annual_max_months", "batch_months", "round_down_to"]))
        #expect(error.errorDescription?.contains("是否应为「living.round_down_to」") == true)
        #expect(error.errorDescription?.contains("did you mean living.round_down_to?") == true)
    }

    @Test func aMistypedTableNameSuggestsTheTable() throws {
        let text = try PolicyText.replacing("[education]", with: "[educaton]")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "educaton")
        #expect(error.line == 22)
        if case .unknownKey(_, let suggestion, _) = error { #expect(suggestion == "education") } else { Issue.record("got \(error)") }
    }

    @Test func aMistypedCategorySuggestsTheCategory() throws {
        let text = try PolicyText.replacing("higher = { deep = 10000, relative", with: "higher = { deep = 10000, relitive")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "education.higher.relitive")
        #expect(error.line == 26)
        if case .unknownKey(_, let suggestion, _) = error { #expect(suggestion == "education.higher.relative") } else { Issue.record("got \(error)") }
    }

    @Test func aMistypedKeyInASecondDibaoTableIsPlaced() throws {
        let text = try PolicyText.replacing("monthly = 1115", with: "montly = 1115")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .unknownKey(.init(file: "test.toml", keyPath: "dibao[2].montly", line: 11), suggestion: "dibao[2].monthly", known: ["from", "monthly"]))
    }

    @Test func anUnknownKeyFarFromAnyKnownOneListsTheAllowedKeys() throws {
        let text = try PolicyText.replacing("[warmth]\n", with: "[warmth]\ncolour = \"red\"\n")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .unknownKey(.init(file: "test.toml", keyPath: "warmth.colour", line: 40), suggestion: nil, known: ["worker", "model_worker"]))
        #expect(error.errorDescription?.contains("worker、model_worker") == true)
    }

    // MARK: - closed choices

    @Test func aModeOtherThanReduceOrExcludeIsRefused() throws {
        let text = try PolicyText.replacing("mode = \"reduce\"", with: "mode = \"cut\"")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .badMode(.init(file: "test.toml", keyPath: "income_cap.mode", line: 15), value: "cut"))
    }

    @Test func excludeModeIsAccepted() throws {
        let policy = try PolicyFile.parse(try PolicyText.replacing("mode = \"reduce\"", with: "mode = \"exclude\""), file: "test.toml")
        #expect(policy.incomeCap.mode == .exclude)
    }

    @Test func anUnknownReviewStageIsRefused() throws {
        let text = try PolicyText.replacing("reviews = [\"first\", \"second\"]", with: "reviews = [\"first\", \"third\"]")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .badReviewStage(.init(file: "test.toml", keyPath: "workflow.reviews[2]", line: 44), value: "third"))
    }

    @Test func reviewsOutOfOrderAreRefused() throws {
        let text = try PolicyText.replacing("reviews = [\"first\", \"second\"]", with: "reviews = [\"second\", \"first\"]")
        let error = try PolicyText.error(parsing: text)
        #expect(error == .reviewsOutOfOrder(.init(file: "test.toml", keyPath: "workflow.reviews", line: 44), values: ["second", "first"]))
    }

    @Test func withoutAWorkflowTableNoReviewIsRequired() throws {
        let policy = try PolicyFile.parse(try PolicyText.replacing("[workflow]\nreviews = [\"first\", \"second\"]", with: ""), file: "test.toml")
        #expect(policy.reviews.isEmpty)
    }

    @Test func aWorkflowWithOneReviewIsAccepted() throws {
        let policy = try PolicyFile.parse(try PolicyText.replacing("[\"first\", \"second\"]", with: "[\"first\"]"), file: "test.toml")
        #expect(policy.reviews == [.first])
    }

    // MARK: - syntax and files

    @Test func aTOMLSyntaxErrorGivesLineAndColumn() throws {
        let text = try PolicyText.replacing("monthly = 1115", with: "monthly = ")
        let error = try PolicyText.error(parsing: text)
        guard case .syntax(let file, let line, let column, let message) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(file == "test.toml")
        #expect(line == 11)
        #expect(column > 1)
        #expect(!message.isEmpty)
        #expect(error.errorDescription?.hasPrefix("test.toml 第11行第\(column)列：TOML 语法错误") == true)
    }

    @Test func aKeyWrittenTwiceIsASyntaxError() throws {
        let text = try PolicyText.replacing("ratio = 0.5\n", with: "ratio = 0.5\nratio = 0.6\n")
        let error = try PolicyText.error(parsing: text)
        #expect(error.line == 31)
        if case .syntax = error {} else { Issue.record("expected a syntax error, got \(error)") }
    }

    @Test func theMessageNamesFileLineAndKeyInChineseThenEnglish() throws {
        let text = try PolicyText.replacing("round_down_to = 1000\n", with: "")
        let message = try #require(try PolicyText.error(parsing: text).errorDescription)
        #expect(message == "test.toml 第17行 键「living.round_down_to」：缺少必填的键 (line 17, key living.round_down_to: required key is missing)")
    }

    @Test func aFileThatDoesNotExistIsUnreadable() throws {
        do {
            _ = try PolicyFile.load(path: "/nonexistent/policy.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "/nonexistent/policy.toml")
            if case .unreadable = error {} else { Issue.record("expected unreadable, got \(error)") }
        }
    }

    @Test func aFileThatIsNotUTF8IsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-policy-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x69, 0x64, 0x20, 0x3D, 0x20, 0x22, 0xC7, 0xE0, 0xB5, 0xBA, 0x22, 0x0A]).write(to: url)
        do {
            _ = try PolicyFile.load(path: url.path)
            Issue.record("expected an error")
        } catch {
            #expect(error == .notUTF8(file: url.path))
        }
    }

    @Test func linesAreRightInAFileWithWindowsLineEndings() throws {
        let text = try PolicyText.replacing("round_down_to = 1000", with: "round_down = 1000").replacingOccurrences(of: "\n", with: "\r\n")
        let error = try PolicyText.error(parsing: text)
        #expect(error.keyPath == "living.round_down")
        #expect(error.line == 20)
    }

    @Test func aByteOrderMarkIsAllowed() throws {
        let policy = try PolicyFile.parse("\u{FEFF}" + PolicyText.valid, file: "test.toml")
        #expect(policy.id == "test-2024")
    }
}
