import BangfuExport
import Testing

struct DisplayWidthTests {
    @Test("Chinese characters count two, others one", arguments: [
        ("王建国", 6), ("QD-001", 6), ("", 0), ("张伟, A", 7), ("金额（元）", 10), ("￥6,000.00", 10), ("公示期：2024-01-20", 18),
    ])
    func chineseCountsTwo(text: String, width: Int) {
        #expect(displayWidth(text) == width)
    }

    @Test func combiningMarksAndInvisibleCharactersAddNothing() {
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("王\u{200B}伟") == 4)
    }

    @Test func emojiShownAsPicturesCountTwo() {
        #expect(displayWidth("👍") == 2)
    }

    @Test func textOnSeveralLinesIsAsWideAsItsWidestLine() {
        #expect(displayWidth("第一行\n第二行很长\nab") == 10)
    }
}
