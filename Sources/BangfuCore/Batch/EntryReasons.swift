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

    /// Stored compact lines; nil when they do not decode against `templates`.
    public init?(_ templates: ReasonTemplates, encoded: some Collection<UInt8>) {
        self.templates = templates
        self.encoded = Array(encoded)
        guard (try? forEachLine({ _, _ in })) != nil else { return nil }
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
        guard let templates else { return texts }
        var lines: [String] = []
        // Decoded when stored (`init?(_:encoded:)`) or written here: cannot fail.
        try? forEachLine { number, values in lines.append(Self.render(templates.templates[number], values)) }
        return lines
    }

    /// Whether a line says one of `marks.texts` (the store's filter for cut entries), as the
    /// printed lines would. Walks the bytes without making values: it runs on the writing
    /// thread for every entry of a computation. A line whose fixed texts hold no mark can
    /// say one only through a text hole (numbers are digits, '-' and '.'), and only when
    /// that text holds a character of a mark: only then is the line printed and searched.
    public func mentions(_ marks: ReasonMarks) -> Bool {
        guard let templates else { return texts.contains { line in marks.texts.contains { line.contains($0) } } }
        var at = 0
        do {
            while at < encoded.count {
                let start = at
                let number = try Self.varint(encoded, &at)
                guard templates.templates.indices.contains(number) else { return false }
                if marks.fixed[number] { return true }
                var markCharacter = false
                for hole in templates.templates[number].holes {
                    let value = try Self.varint(encoded, &at)
                    guard hole == .text else { continue }
                    let text = String(decoding: encoded[min(at, encoded.count)..<min(at + max(value, 0), encoded.count)], as: UTF8.self)
                    markCharacter = markCharacter || text.unicodeScalars.contains { marks.scalars.contains($0) }
                    at += value
                }
                guard markCharacter else { continue }
                var found = false
                try forEachLine(in: start..<min(at, encoded.count)) { number, values in
                    let line = Self.render(templates.templates[number], values)
                    found = marks.texts.contains { line.contains($0) }
                }
                if found { return true }
            }
        } catch {
            return false
        }
        return false
    }

    private enum Value {
        case number(Int)
        case text(String)
    }

    private struct Malformed: Error {}

    /// A zig-zag LEB128 number at `at`, which moves past it.
    private static func varint(_ bytes: [UInt8], _ at: inout Int) throws(Malformed) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard at < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    private func forEachLine(in range: Range<Int>? = nil, _ body: (Int, [Value]) -> Void) throws(Malformed) {
        guard let templates else { return }
        let range = range ?? encoded.indices
        var at = range.lowerBound
        while at < range.upperBound {
            let template = try Self.varint(encoded, &at)
            guard templates.templates.indices.contains(template) else { throw Malformed() }
            var values: [Value] = []
            for hole in templates.templates[template].holes {
                let value = try Self.varint(encoded, &at)
                if hole == .text {
                    guard value >= 0, value <= range.upperBound - at else { throw Malformed() }
                    values.append(.text(String(decoding: encoded[at..<at + value], as: UTF8.self)))
                    at += value
                } else {
                    values.append(.number(value))
                }
            }
            body(template, values)
        }
    }

    private static func render(_ template: ReasonTemplate, _ values: [Value]) -> String {
        var line = template.pieces[0]
        for (index, value) in values.enumerated() {
            switch (template.holes[index], value) {
            case (.yuan, .number(let fen)): line += Money(fen: fen).plainYuan
            case (_, .number(let count)): line += String(count)
            case (_, .text(let text)): line += text
            }
            line += template.pieces[index + 1]
        }
        return line
    }

    public static func == (lhs: EntryReasons, rhs: EntryReasons) -> Bool { lhs.lines == rhs.lines }
    public func hash(into hasher: inout Hasher) { hasher.combine(lines) }
}
