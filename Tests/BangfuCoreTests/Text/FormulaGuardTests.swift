import BangfuCore
import Testing

struct FormulaGuardTests {
    @Test("a text a spreadsheet would run as a formula gets a quote", arguments: [
        "=HYPERLINK(\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "'=x", "''@x",
    ])
    func formulaTextIsGuarded(text: String) {
        #expect(FormulaGuard.guarded(text) == "'" + text)
    }

    @Test("other text and plain numbers stay as they are", arguments: [
        "王建国", "6000.00", "-5.00", "+8613812345678", "-12", "'x", "x=1", "", "1-2",
    ])
    func otherTextIsUnchanged(text: String) {
        #expect(FormulaGuard.guarded(text) == text)
    }

    @Test("reading takes off exactly the quote that writing put on", arguments: [
        "=HYPERLINK(\"x\")", "-2+3", "@x", "'=x", "''+x", "'x", "'", "-5.00", "王建国",
    ])
    func readingUndoesWriting(text: String) {
        let written = Array(FormulaGuard.guarded(text).utf8)
        let read = written.withUnsafeBufferPointer { bytes in
            String(decoding: bytes[FormulaGuard.unguardedRange(bytes)], as: UTF8.self)
        }
        #expect(read == text)
    }
}
