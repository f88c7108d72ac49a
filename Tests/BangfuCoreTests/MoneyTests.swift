import Testing

@testable import BangfuCore

struct MoneyTests {
    @Test("spec §2: 6000, 6000.5 and 6,000.00 are all accepted", arguments: [
        ("6000", 600_000), ("6000.5", 600_050), ("6,000.00", 600_000), ("6000.05", 600_005),
        ("1,234,567.89", 123_456_789), (" 4000 ", 400_000), ("￥2194.5", 219_450), ("300元", 30_000), ("0", 0),
    ])
    func yuanTextIsReadToTheFen(text: String, fen: Int) {
        #expect(Money(yuanText: text) == Money(fen: fen))
    }

    @Test("text that is not an amount is refused", arguments: [
        "", "abc", "-5", "6,00", "60,00.00", "1.234", "6000.", ".5", "1e3", "６０００", "12,34", "1,2345",
    ])
    func nonAmountsAreRefused(text: String) {
        #expect(Money(yuanText: text) == nil)
    }

    @Test func amountsPrintInYuanWithTwoDecimals() {
        #expect(Money(fen: 219_450).yuanText == "2194.50")
        #expect(Money(fen: 5).yuanText == "0.05")
        #expect(Money(fen: 123_456_789).formatted == "1,234,567.89")
        #expect(Money(fen: -600_000).formatted == "-6,000.00")
        #expect(Money(fen: 99_999).formatted == "999.99")
    }

    @Test func reasonsWriteYuanWithoutTrailingZeros() {
        // 2.1 × 1045 = 2194.5 (002:2227's rule on the January 低保).
        #expect(Money(fen: 219_450).plainYuan == "2194.5")
        #expect(Money.yuan(6270).plainYuan == "6270")
        #expect(Money(fen: 1205).plainYuan == "12.05")
        #expect(Money(fen: -310).plainYuan == "-3.1")
        #expect(Money.zero.plainYuan == "0")
    }

    @Test func amountsPrintToTheExtremesOfAnInt() {
        // Built as bytes since issue 22; the groups of three and the fen hold at every length.
        #expect(Money.zero.formatted == "0.00")
        #expect(Money(fen: -5).formatted == "-0.05")
        #expect(Money(fen: 100_000).formatted == "1,000.00")
        #expect(Money(fen: 99_999_999).formatted == "999,999.99")
        #expect(Money(fen: Int.max).formatted == "92,233,720,368,547,758.07")
        #expect(Money(fen: Int.min).formatted == "-92,233,720,368,547,758.08")
        #expect(Money(fen: Int.min).plainYuan == "-92233720368547758.08")
        #expect(Money(fen: 10).plainYuan == "0.1")
        var bytes = Array("核减至".utf8)
        Money(fen: 219_450).appendPlainYuan(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "核减至2194.5")
    }

    @Test func countsPrintInGroupsOfThree() {
        #expect(NumberText.grouped(0) == "0")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(1000) == "1,000")
        #expect(NumberText.grouped(929_969) == "929,969")  // a province's batch (bench/README, Listings)
        #expect(NumberText.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberText.grouped(Int.min) == "-9,223,372,036,854,775,808")
    }

    @Test func arithmeticStaysExactInFen() {
        // 002:2199 — 6 × 1045 = 6270 yuan.
        #expect(Money.yuan(1045) * 6 == Money.yuan(6270))
        #expect(Money.yuan(6000) - Money(fen: 1) == Money(fen: 599_999))
    }
}
