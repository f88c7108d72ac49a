import BangfuCore

/// `xl/sharedStrings.xml`: the text of every text cell Excel writes, which cells refer
/// to by index. It must be held for random access while the sheet streams, so it is held
/// compactly: all strings' bytes in one array and their ends in another, about 12 bytes
/// a string besides the text instead of a `String` object each (stack.md: 26 MB for a
/// 100k-row sheet).
final class SharedStrings: XMLStreamHandler {
    /// The most bytes of text held: far beyond any real import file (a million rows of
    /// distinct names and ids are ~60 MB), small enough that a crafted file cannot
    /// exhaust the memory.
    static let byteLimit = 512 << 20

    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []
    private var current: [UInt8] = []
    private var inItem = false
    private var inPhonetic = false
    private var collecting = false
    /// Set when the text passes `byteLimit`; the parse stops.
    private(set) var isTooLarge = false
    weak var stream: XMLStream?

    var count: Int { ends.count }

    /// String `index`, trimmed; nil past the end.
    subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<Int(ends[index])]), as: UTF8.self)
        }
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("si") {
            inItem = true
            current.removeAll(keepingCapacity: true)
        } else if name.is("rPh") {
            // Phonetic runs (furigana) are a reading aid, not part of the text.
            inPhonetic = true
        } else if inItem, !inPhonetic, name.is("t") {
            collecting = true
        }
    }

    func end(_ name: XMLName) {
        if name.is("t") {
            collecting = false
        } else if name.is("rPh") {
            inPhonetic = false
        } else if name.is("si") {
            inItem = false
            append(CellValues.unescaped(current))
        }
    }

    func text(_ text: UnsafeBufferPointer<UInt8>) {
        // A text past a cell's limit is refused when a cell uses it; one byte more is
        // enough to know, so no more is kept.
        guard collecting, current.count <= CellLimits.cell else { return }
        current.append(contentsOf: text.prefix(CellLimits.cell + 1 - current.count))
    }

    private func append(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { buffer in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[UTF8Text.trimmedRange(buffer)]))
        }
        guard bytes.count <= Self.byteLimit else {
            isTooLarge = true
            stream?.stop()
            return
        }
        ends.append(UInt32(bytes.count))
    }
}

/// The caps on one cell and one row, the same for CSV and xlsx (`CSVRecordParser`).
enum CellLimits {
    static var cell: Int { CSVRecordParser.cellLimit }
    static var row: Int { CSVRecordParser.recordLimit }
}
