import Testing

@testable import BangfuCore

/// An entry's reasons kept as templates and numbers print the sentences the calculator
/// wrote in full, also after a round trip through the stored forms, and say a cut where
/// the printed text says one.
struct EntryReasonsTests {
    static let cutMarks = ["核减至", "本年已获助学"]

    /// The templates as the store gives them back: from their stored texts.
    func reloaded(_ reasons: EntryReasons) throws -> EntryReasons {
        let templates = try #require(reasons.templates)
        let stored = try #require(ReasonTemplates(stored: templates.templates.map(\.stored)))
        return try #require(EntryReasons(stored, encoded: reasons.encoded))
    }

    @Test func aModelWorkerAboveTheLineReadsTheSameAfterStoringItsNegativeGap() throws {
        // Given a model worker earning 45000 against the standard line of 42000 (≤3万: 002:4816)
        let worker = ModelWorker(
            name: "张志强", idNumber: Qingdao.id(born: 1960, 7), level: .municipal, title: "青岛市劳动模范", workUnit: "", annualIncome: .yuan(45000),
            hardship: .living, specialCause: nil, phone: "", bankName: "", bankAccount: "")
        // When the calculator writes the entry and the reasons are stored and read back
        let entry = try #require(try Qingdao.calculator(.modelWorkerLiving, on: "2024-11-01").entries(for: worker).first)
        let lines = ["劳模生活困难补助：标准线42000元−本人年收入45000元=-3000元", "本人年收入不低于标准线，不予补助"]
        // Then both print the sentences in full, the gap below zero included
        #expect(entry.reasons == lines)
        #expect(try reloaded(entry.reasonLines).lines == lines)
        #expect(entry.reasonLines.encoded.count < 12)
    }

    @Test func aCutIsFoundInTheFixedTextAndInAStudentsNameOnly() throws {
        // Given a deep household of 3 with 40000 of income: 6 months × 1045 rounded to 6000
        // (002:2197–2203), cut by the 2.1 × 低保 cap (002:2203–2205) to what is left
        let calculator = try Qingdao.calculator(.living, on: "2024-01-20")
        let cut = try #require(try calculator.entries(for: Qingdao.household(.deep, size: 3, income: 75000), members: []).first)
        let whole = try #require(try calculator.entries(for: Qingdao.household(.deep, size: 3, income: 10000), members: []).first)
        let marks = calculator.reasonTemplates.marks(Self.cutMarks)
        // Then the flag follows the printed text
        #expect(cut.reasons.joined().contains("核减至"))
        #expect(cut.reasonLines.mentions(marks))
        #expect(!whole.reasons.joined().contains("核减至"))
        #expect(!whole.reasonLines.mentions(marks))
        // And a student whose name holds a mark is found as the old text search found it
        let education = try Qingdao.calculator(.education, on: "2024-09-10")
        var member = Qingdao.student(.compulsory, 1)
        member.name = "王核减至"
        let named = try #require(try education.entries(for: Qingdao.household(.deep, size: 3, income: 10000), members: [member]).first)
        #expect(named.reasons.first == "学生王核减至（义务教育）")
        #expect(named.reasonLines.mentions(education.reasonTemplates.marks(Self.cutMarks)))
        member.name = "王学"
        let near = try #require(try education.entries(for: Qingdao.household(.deep, size: 3, income: 10000), members: [member]).first)
        #expect(!near.reasonLines.mentions(education.reasonTemplates.marks(Self.cutMarks)))
    }

    @Test func aDecidedLineFollowsTheComputedOnes() throws {
        // Given a computed entry, when a reviewer's line is added
        var entry = try #require(try Qingdao.calculator(.warmth, on: "2024-01-20").entries(for: Qingdao.household(.deep, size: 3, income: 10000), members: []).first)
        entry.reasonLines.append("复核剔除：已调离（张敏，2024-01-22）")
        // Then it prints after them, also when stored
        let lines = ["送温暖慰问：困难职工每人3000元", "复核剔除：已调离（张敏，2024-01-22）"]  // 002:5212
        #expect(entry.reasons == lines)
        #expect(try reloaded(entry.reasonLines).lines == lines)
    }

    @Test func linesRenderedIntoBytesAreThePrintedLines() throws {
        // Given an education entry whose student's name must be escaped in JSON, and a decided line
        let education = try Qingdao.calculator(.education, on: "2024-09-10")
        var member = Qingdao.student(.compulsory, 1)
        member.name = "王\"学\""
        var entry = try #require(try education.entries(for: Qingdao.household(.deep, size: 3, income: 10000), members: [member]).first)
        entry.reasonLines.append("复核剔除：已毕业")
        for reasons in [entry.reasonLines, try reloaded(entry.reasonLines), EntryReasons(lines: entry.reasons)] {
            // When they are written into bytes with a writer's hooks around each line
            var bytes = Array("前".utf8)
            reasons.appendLines(
                to: &bytes, opening: { bytes, number in bytes.append(contentsOf: "<\(number)>".utf8) },
                closing: { bytes, start in bytes.append(contentsOf: "[\(bytes.count - start)]".utf8) })
            // Then each line stands between its hooks as it prints, its length measured from `start`
            let expected = "前" + entry.reasons.enumerated().map { "<\($0)>\($1)[\($1.utf8.count)]" }.joined()
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
            #expect(reasons.joined(separator: "；") == entry.reasons.joined(separator: "；"))
        }
        #expect(entry.reasons.first == "学生王\"学\"（义务教育）")
        #expect(entry.reasons.last == "复核剔除：已毕业")
    }

    @Test func storedTextsThatAreNoTemplatesAreRefused() {
        #expect(ReasonTemplates(stored: ["核减至\u{1F}x元"]) == nil)
        #expect(ReasonTemplates(stored: ["核减至\u{1F}m元"]) == nil)
        let templates = ReasonTemplates(numbering: ["核减至\(ReasonTemplate.Hole.yuan)元"])
        // Numbers zig-zag: template 1 is written 2, template 2 (none) 4, 100 fen 200
        #expect(EntryReasons(templates, encoded: [2]) == nil)
        #expect(EntryReasons(templates, encoded: [4, 0]) == nil)
        #expect(EntryReasons(templates, encoded: [2, 0xC8]) == nil)
        #expect(EntryReasons(templates, encoded: [2, 0xC8, 0x01])?.lines == ["核减至1元"])
        // A text hole (template 0: a line in full) whose bytes run out, or are no UTF-8
        #expect(EntryReasons(templates, encoded: [0, 4, 0x41]) == nil)
        #expect(EntryReasons(templates, encoded: [0, 2, 0xE4]) == nil)
        #expect(EntryReasons(templates, encoded: [0, 2, 0x41])?.lines == ["A"])
    }
}
