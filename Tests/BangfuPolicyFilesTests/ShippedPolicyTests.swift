import BangfuCore
import Foundation
import Testing

@testable import BangfuPolicyFiles

/// `policies/qingdao-2024.toml` as shipped: it loads, and its numbers are those of the seeds.
@Suite struct ShippedPolicyTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies/qingdao-2024.toml").path

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test func theShippedFileLoadsWithItsIdentityAndBasis() throws {
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.id == "qingdao-2024")
        #expect(policy.name == "青岛市工会困难职工帮扶救助标准（2024年）")
        #expect(policy.basis == ["青工办〔2021〕17号", "青工〔2022〕19号"])
    }

    @Test func dibaoIs1045InJanuary2024() throws {
        // 002:2201–2203: 1045 is the 低保 of the January 2024 生活救助.
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.dibao(on: Self.day("2024-01-15"))?.monthly == .yuan(1045))
    }

    @Test func dibaoIs1045OnTheDayBeforeTheChange() throws {
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.dibao(on: Self.day("2024-06-30"))?.monthly == .yuan(1045))
    }

    @Test func dibaoIs1115FromTheChangeDay() throws {
        let policy = try PolicyFile.load(path: Self.path)
        let period = try #require(policy.dibao(on: Self.day("2024-07-01")))
        #expect(period.monthly == .yuan(1115))
        #expect(period.from == Self.day("2024-07-01"))
    }

    @Test func dibaoIs1115InSeptember2024() throws {
        // 002:2227: 1115 is the 低保 of the September 2024 助学.
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.dibao(on: Self.day("2024-09-01"))?.monthly == .yuan(1115))
    }

    @Test func noDibaoIsInForceBeforeTheFirstPeriod() throws {
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.dibao(on: Self.day("2023-06-30")) == nil)
    }

    @Test func theMultipleIsExactlyTwoPointOne() throws {
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.incomeCap.multiple.units == 21)
        #expect(policy.incomeCap.multiple.scale == 1)
        #expect(policy.incomeCap.mode == .reduce)
    }

    @Test func theIncomeCapOn1115Is2341Point5YuanExactly() throws {
        // 002:2227: 「1115*2.1=2341.5」.
        let policy = try PolicyFile.load(path: Self.path)
        let (numerator, denominator) = try policy.incomeCap.multiple.exactlyTimes(.yuan(1115))
        #expect(numerator % denominator == 0)
        #expect(Money(fen: numerator / denominator) == Money(yuanText: "2341.5"))
    }

    @Test func theIncomeCapOn1045Is2194Point5YuanExactly() throws {
        let policy = try PolicyFile.load(path: Self.path)
        let (numerator, denominator) = try policy.incomeCap.multiple.exactlyTimes(.yuan(1045))
        #expect(numerator % denominator == 0)
        #expect(Money(fen: numerator / denominator) == Money(yuanText: "2194.5"))
    }

    @Test func theLivingMonthsReproduceTheSeedsSixThousandAndFourThousand() throws {
        // 002:2201–2203: 6 and 4 months of 1045, 「取整后分别为 6000 元和 4000 元」.
        let policy = try PolicyFile.load(path: Self.path)
        let step = policy.living.roundDownTo.fen
        let deep = try #require(policy.living.batchMonths[.deep])
        let relative = try #require(policy.living.batchMonths[.relative])
        #expect(Money(fen: (Money.yuan(1045) * deep).fen / step * step) == .yuan(6000))
        #expect(Money(fen: (Money.yuan(1045) * relative).fen / step * step) == .yuan(4000))
        #expect(policy.living.annualMaxMonths == [.deep: 12, .relative: 8, .accident: 8])  // 002:2191–2195 (accident: placeholder)
    }

    @Test func theEducationLimitsAreThoseOfQingGongBan2021No17() throws {
        // 002:2215–2225.
        let education = try PolicyFile.load(path: Self.path).education
        #expect(education.preschool == .yuan(3000))
        #expect(education.compulsory == .yuan(3000))
        #expect(education.highSchool == .yuan(5000))
        #expect(education.higher[.deep] == .yuan(10000))
        #expect(education.higher[.relative] == .yuan(8000))
        #expect(education.special[.deep] == .yuan(10000))
    }

    @Test func theOtherStandardsAreRead() throws {
        let policy = try PolicyFile.load(path: Self.path)
        #expect(policy.medical.ratio == ExactDecimal(units: 5, scale: 1))
        #expect(policy.medical.annualMax == .yuan(20000))
        #expect(policy.modelWorker.standardLine == .yuan(42000))
        #expect(policy.modelWorker.standardLineFrom == Self.day("2024-09-01"))
        #expect(policy.modelWorker.annualMax == .yuan(30000))  // 002:4816 「≤3万元/人」
        #expect(policy.modelWorker.special == [.majorIllness: .yuan(20000), .disability: .yuan(15000), .disaster: .yuan(10000)])
        #expect(policy.warmth.worker == .yuan(3000))
        #expect(policy.warmth.modelWorker == .yuan(1000))  // 002:5218
        #expect(policy.reviews == [.first, .second])  // 002:1714–1716 初审, 复审
    }

    @Test func everyPlaceholderInTheShippedFileSaysSo() throws {
        // Given the numbers the seeds do not give (the brief's list), each must sit under the marker.
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for key in ["from = 2023-07-01", "from = 2024-07-01", "mode = ", "ratio = ", "annual_max = 20000", "standard_line = ",
                    "standard_line_from = ", "special = { major_illness", "worker = 3000", "annual_max_months = ", "batch_months = ",
                    "higher = ", "special = { deep"] {
            let index = try #require(lines.firstIndex { $0.hasPrefix(key) }, "\(key) is in the file")
            let comments = lines[..<index].reversed().prefix { $0.hasPrefix("#") || $0.hasPrefix("[[") }
            #expect(comments.contains { $0.contains("占位值 PLACEHOLDER") && $0.contains("confirm with the 职工服务中心") }, "\(key)")
        }
    }
}
