import BangfuCore
import Testing

@testable import bangfu

/// Table lines are written over UTF-8 bytes (issue 22) and must be the lines the `String`
/// code before it made: the same escaping, widths, cuts and trimmed ends, on the texts
/// where bytes and characters part ways.
struct TableBytesTests {
    /// A line as `TextTable.format` made it from `String`s before (9fb76ac…c79ad87).
    static func formerLine(_ cells: [String], widths: [Int], rightAligned: Set<Int>, cutting: Bool) -> String {
        func width(_ text: String) -> Int {
            text.unicodeScalars.reduce(0) { width, scalar in
                switch scalar.value {
                case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3,
                    0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                    width + 2
                case 0x0300...0x036F, 0x200B...0x200F: width
                default: width + 1
                }
            }
        }
        var line = cells.map(\.escapedForDisplay).enumerated().map { index, cell in
            let columns = index < widths.count ? widths[index] : 0
            var cell = cell
            if cutting, index < cells.count - 1, !rightAligned.contains(index), width(cell) > columns {
                var kept = String.UnicodeScalarView()
                var used = 0
                for scalar in cell.unicodeScalars {
                    let next = width(String(scalar))
                    if used + next > columns - 1 { break }
                    kept.append(scalar)
                    used += next
                }
                cell = String(kept) + "…"
            }
            let padding = String(repeating: " ", count: max(0, columns - width(cell)))
            return rightAligned.contains(index) ? padding + cell : cell + padding
        }.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Texts where a byte, a scalar and a terminal column are not one another.
    static let cells = [
        "王建国", "QD-001", "张\u{1B}[2J敏", "a\u{202E}b\u{2066}", "\u{200B}零宽", "Jose\u{0301}", "𠀀𠀁", "\u{85}C1\u{9F}", "soft\u{AD}hyphen",
        "ｆｕｌｌ（全角）", "tab\there", "", "  ", "\u{0600}", "欧阳慕容司马上官诸葛", "line\nbreak", "\u{FEFF}bom", "한국어", "10,000,000.00",
    ]

    @Test(arguments: [false, true])
    func everyLineIsTheFormerLineByteForByte(cutting: Bool) {
        let table = TextTable(headers: ["一", "二", "三", "四"], rightAligned: [2])
        // Every pair of texts in every column, at widths from none to wider than any text.
        for (first, second) in zip(Self.cells, Self.cells.reversed() + Self.cells.prefix(3)) {
            for columns in [0, 1, 2, 3, 5, 8, 13] {
                for cells in [[first, second, first, second], [second, first, "", ""], [first, "", second, " "], [first, second + " ", "1", ""]] {
                    let widths = [columns, columns + 1, columns, 4]
                    var bytes: [UInt8] = []
                    table.appendLine(cells, widths: widths, cutting: cutting, to: &bytes)
                    let expected = Self.formerLine(cells, widths: widths, rightAligned: [2], cutting: cutting)
                    #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(cells) \(widths)")
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func aLastCellWrittenAsBytesIsTheLastCellGivenAsText(cutting: Bool) {
        let table = TextTable(headers: ["一", "二", "三"], rightAligned: [1])
        // Every text as the last cell (escaped where it must be, spaces at its end trimmed), after cells
        // that fit, that are cut and that are empty
        for last in Self.cells + Self.cells.map({ "理由：" + $0 + "；" + $0 }) {
            for cells in [["王建国", "1.00"], ["欧阳慕容司马上官诸葛", "10,000,000.00"], ["", ""], []] {
                let widths = [6, 5, 8]
                var given: [UInt8] = []
                table.appendLine(cells + [last], widths: widths, cutting: cutting, to: &given)
                var written: [UInt8] = []
                table.appendLine(cells, widths: widths, cutting: cutting, last: { $0.append(contentsOf: last.utf8) }, to: &written)
                #expect(written == given, "\(cells) \(last)")
            }
        }
    }

    @Test func aCellsWidthCountsItsEscapeAndTwoColumnsForEachWideCharacter() {
        // 张 and 敏 take two columns each, \u{1B} six, [2J three
        #expect(TerminalBytes.width("张\u{1B}[2J敏") == 13)
        #expect(TerminalBytes.width("𠀀e\u{0301}") == 3)
    }

    @Test func aSpaceAfterAPrependedMarkStaysAtTheEndOfALine() {
        // U+0600 (an Arabic number sign) and the space after it are one character, which
        // the former code did not trim
        let table = TextTable(headers: ["a", "b"])
        var bytes: [UInt8] = []
        table.appendLine(["x", "\u{0600} "], widths: [3, 3], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x    \u{0600} ")
    }
}
