/// An entry's reasons, one line each: either lines of its computation's `ReasonTemplates`
/// with the entry's own numbers (what a computation makes and stores, ~20 bytes where the
/// texts took ~230), or lines in full (entries stored before templates, tests).
///
/// The compact form is a byte string: per line the template number, then each hole's value
/// in the template's order, numbers as zig-zag LEB128 varints, a text as its UTF-8 length
/// and bytes.
public struct EntryReasons: Sendable, Hashable {
    public private(set) var templates: ReasonTemplates?
    /// The lines in the compact form; empty when `templates` is nil.
    public private(set) var encoded: [UInt8] = []
    private var texts: [String] = []

    /// Lines in full.
    public init(lines: [String]) { texts = lines }

    /// No line yet, to be written with `templates`.
    public init(_ templates: ReasonTemplates) {
        self.templates = templates
        encoded.reserveCapacity(24)
    }

    /// Stored compact lines; nil when they do not decode against `templates` (a template
    /// number it lacks, a number cut short, a text that is not UTF-8).
    public init?(_ templates: ReasonTemplates, encoded: some Collection<UInt8>) {
        self.templates = templates
        self.encoded = Array(encoded)
        guard Self.isWellFormed(self.encoded, templates) else { return nil }
    }

    // MARK: - Writing

    public mutating func add(_ template: Int) { line(template, []) }

    public mutating func add(_ template: Int, _ a: Money) {
        line(template, [.yuan])
        put(a.fen)
    }

    public mutating func add(_ template: Int, _ a: Money, _ b: Money) {
        line(template, [.yuan, .yuan])
        put(a.fen)
        put(b.fen)
    }

    public mutating func add(_ template: Int, _ a: Money, _ count: Int, _ b: Money) {
        line(template, [.yuan, .count, .yuan])
        put(a.fen)
        put(count)
        put(b.fen)
    }

    public mutating func add(_ template: Int, _ text: String) {
        line(template, [.text])
        put(text)
    }

    public mutating func add(_ template: Int, _ text: String, _ a: Money) {
        line(template, [.text, .yuan])
        put(text)
        put(a.fen)
    }

    /// A line in full after the others (a decided reason such as 复核剔除).
    public mutating func append(_ text: String) {
        if templates == nil { texts.append(text) } else { add(0, text) }
    }

    /// `holes` only for the check in debug builds: an array per line would cost a malloc.
    private mutating func line(_ template: Int, _ holes: @autoclosure () -> [ReasonTemplate.Hole]) {
        assert(templates?.templates[template].holes == holes(), "reason template \(template) takes other values")
        put(template)
    }

    private mutating func put(_ value: Int) {
        var zigzag = UInt64(bitPattern: Int64(value << 1 ^ value >> 63))
        while zigzag >= 0x80 {
            encoded.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        encoded.append(UInt8(zigzag))
    }

    private mutating func put(_ text: String) {
        put(text.utf8.count)
        encoded.append(contentsOf: text.utf8)
    }

    // MARK: - Reading

    /// Every line in full, as the computation would have written it.
    public var lines: [String] {
        var lines: [String] = []
        var bytes: [UInt8] = []
        appendLines(to: &bytes, opening: { _, _ in }, closing: { bytes, start in
            lines.append(String(decoding: bytes[start...], as: UTF8.self))
            bytes.removeAll(keepingCapacity: true)
        })
        return lines
    }

    /// The lines in one text, `separator` between them (a table's or a CSV file's cell),
    /// rendered as one run of bytes.
    public func joined(separator: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        appendJoined(separator: separator, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `joined(separator:)` as UTF-8 at the end of `bytes`.
    public func appendJoined(separator: String, to bytes: inout [UInt8]) {
        appendLines(to: &bytes, opening: { bytes, number in if number > 0 { bytes.append(contentsOf: separator.utf8) } }, closing: { _, _ in })
    }

    /// Writes every line as UTF-8 at the end of `bytes`, rendered straight from the templates
    /// (a listing of a million entries made two `String`s per line, issue 22): `opening(&bytes,
    /// n)` before line n (from 0), `closing(&bytes, start)` after it, `start` being where its
    /// text begins — where a writer puts its quotes and separators, or escapes the line.
    public func appendLines(
        to bytes: inout [UInt8], opening: (inout [UInt8], Int) -> Void, closing: (inout [UInt8], Int) -> Void
    ) {
        guard let templates else {
            for (number, text) in texts.enumerated() {
                opening(&bytes, number)
                let start = bytes.count
                bytes.append(contentsOf: text.utf8)
                closing(&bytes, start)
            }
            return
        }
        var at = 0
        var number = 0
        // Well-formed since made (`init?(_:encoded:)` checks, the writing methods write it).
        while at < encoded.count {
            opening(&bytes, number)
            let start = bytes.count
            Self.renderLine(encoded, &at, templates, into: &bytes)
            closing(&bytes, start)
            number += 1
        }
    }

    /// Whether a line says one of `marks.texts` (the store's filter for cut entries), as the
    /// printed lines would. Walks the bytes without making values: it runs on the writing
    /// thread for every entry of a computation. A line whose fixed texts hold no mark can
    /// say one only through a text hole (numbers are digits, '-' and '.'), and only when
    /// that text holds a character of a mark: only then is the line printed and searched.
    public func mentions(_ marks: ReasonMarks) -> Bool {
        guard let templates else { return texts.contains { line in marks.texts.contains { line.contains($0) } } }
        var at = 0
        var line: [UInt8] = []
        while at < encoded.count {
            let start = at
            let number = Self.varint(encoded, &at)
            if marks.fixed[number] { return true }
            var markCharacter = false
            for hole in templates.templates[number].holes {
                let value = Self.varint(encoded, &at)
                guard hole == .text else { continue }
                let text = String(decoding: encoded[at..<at + value], as: UTF8.self)
                markCharacter = markCharacter || text.unicodeScalars.contains { marks.scalars.contains($0) }
                at += value
            }
            guard markCharacter else { continue }
            var from = start
            line.removeAll(keepingCapacity: true)
            Self.renderLine(encoded, &from, templates, into: &line)
            let text = String(decoding: line, as: UTF8.self)
            if marks.texts.contains(where: { text.contains($0) }) { return true }
        }
        return false
    }

    /// The line at `at` of well-formed `encoded`, rendered at the end of `bytes`; `at` moves past it.
    private static func renderLine(_ encoded: [UInt8], _ at: inout Int, _ templates: ReasonTemplates, into bytes: inout [UInt8]) {
        let template = templates.templates[varint(encoded, &at)]
        bytes.append(contentsOf: template.pieces[0].utf8)
        for (index, hole) in template.holes.enumerated() {
            let value = varint(encoded, &at)
            switch hole {
            case .yuan: Money(fen: value).appendPlainYuan(to: &bytes)
            case .count: NumberText.appendDecimal(value, to: &bytes)
            case .text:
                bytes.append(contentsOf: encoded[at..<at + value])
                at += value
            }
            bytes.append(contentsOf: template.pieces[index + 1].utf8)
        }
    }

    /// Whether `encoded` is lines of `templates`: every template number theirs, every number
    /// whole, every text within the bytes and UTF-8. Walks the bytes, making no value.
    private static func isWellFormed(_ encoded: [UInt8], _ templates: ReasonTemplates) -> Bool {
        var at = 0
        while at < encoded.count {
            guard let number = checkedVarint(encoded, &at), templates.templates.indices.contains(number) else { return false }
            for hole in templates.templates[number].holes {
                guard let value = checkedVarint(encoded, &at) else { return false }
                guard hole == .text else { continue }
                guard value >= 0, value <= encoded.count - at,
                      String(validating: encoded[at..<at + value], as: UTF8.self) != nil else { return false }
                at += value
            }
        }
        return true
    }

    /// A zig-zag LEB128 number at `at`, which moves past it; nil when the bytes end first or it
    /// takes more than 64 bits.
    private static func checkedVarint(_ bytes: [UInt8], _ at: inout Int) -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard at < bytes.count, shift < 64 else { return nil }
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    /// `checkedVarint` in bytes `isWellFormed` passed or the writing methods wrote.
    private static func varint(_ bytes: [UInt8], _ at: inout Int) -> Int { checkedVarint(bytes, &at)! }

    public static func == (lhs: EntryReasons, rhs: EntryReasons) -> Bool { lhs.lines == rhs.lines }
    public func hash(into hasher: inout Hasher) { hasher.combine(lines) }
}
