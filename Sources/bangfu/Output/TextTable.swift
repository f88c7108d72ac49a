import BangfuCore

/// A table for people: columns aligned by display width, where a Chinese character
/// takes two columns of a terminal and a Latin one takes one. Control, direction and
/// invisible characters are shown escaped (`\u{1B}`): a cell of stored data must neither
/// drive the terminal nor break a row in two.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []
    /// Columns whose text is aligned right (amounts).
    var rightAligned: Set<Int> = []

    init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func append(_ row: [String]) { rows.append(row.map(\.escapedForDisplay)) }

    func render() -> String {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - displayWidth(cell))
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trailingSpacesRemoved
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([format(headers), rule] + rows.map(format)).joined(separator: "\n")
    }
}

/// Terminal columns taken by `text`: two for East Asian wide and full-width characters.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            width + 2
        case 0x0300...0x036F, 0x200B...0x200F:
            width
        default:
            width + 1
        }
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
