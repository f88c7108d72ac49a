/// The shape of one reason line: fixed text with holes for an entry's own numbers. Written
/// as an interpolation, `"核减至\(yuanHole)元"`, where an interpolated `String` is fixed text
/// (the batch's 低保, a category's name) and a `Hole` is what each entry fills in.
public struct ReasonTemplate: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// What an entry puts in a hole, and how it is printed.
    public enum Hole: Character, Sendable, Hashable {
        /// Fen, printed as `Money.plainYuan`.
        case yuan = "m"
        /// A whole number (persons), printed in decimal.
        case count = "n"
        /// A text (a student's name), printed as it is.
        case text = "t"
    }

    /// The fixed texts around the holes: one more than `holes`.
    public private(set) var pieces: [String] = [""]
    public private(set) var holes: [Hole] = []

    public struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var template = ReasonTemplate()
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { template.pieces[template.pieces.count - 1] += literal }
        public mutating func appendInterpolation(_ fixed: String) { appendLiteral(fixed) }
        public mutating func appendInterpolation(_ hole: Hole) {
            template.holes.append(hole)
            template.pieces.append("")
        }
    }

    private init() {}
    public init(stringLiteral value: String) { pieces = [value] }
    public init(stringInterpolation: StringInterpolation) { self = stringInterpolation.template }

    /// The template as stored with its batch: each hole as U+001F and its kind's letter. No
    /// fixed text holds U+001F: it comes from the code and the policy's numbers and names,
    /// never from imported cells (`TextRule` refuses control characters there).
    public var stored: String {
        var text = pieces[0]
        for (hole, piece) in zip(holes, pieces.dropFirst()) {
            text += "\u{1F}\(hole.rawValue)" + piece
        }
        return text
    }

    /// The template `stored` wrote; nil for any other text.
    public init?(stored: String) {
        let parts = stored.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        pieces = [String(parts[0])]
        for part in parts.dropFirst() {
            guard let kind = part.first, let hole = Hole(rawValue: kind) else { return nil }
            holes.append(hole)
            pieces.append(String(part.dropFirst()))
        }
    }
}

/// The reason templates of one computation, numbered: made once from the policy and the
/// batch date, stored once per batch, and what every entry's `EntryReasons` points into.
/// Rendering reads nothing but these texts, so a policy changed after the computation
/// changes no reason already computed.
public final class ReasonTemplates: Sendable {
    /// Number 0 is always a whole line of free text (`EntryReasons.append`).
    public let templates: [ReasonTemplate]

    /// The free line first, then `templates` from number 1.
    public init(numbering templates: [ReasonTemplate]) {
        self.templates = ["\(ReasonTemplate.Hole.text)"] + templates
    }

    /// Templates as stored, by number from 0; nil when one is not a stored template.
    public init?(stored: [String]) {
        var templates: [ReasonTemplate] = []
        for text in stored {
            guard let template = ReasonTemplate(stored: text) else { return nil }
            templates.append(template)
        }
        guard templates.first?.holes == [.text], templates.first?.pieces == ["", ""] else { return nil }
        self.templates = templates
    }

    /// What `EntryReasons.mentions` looks for in lines of these templates.
    public func marks(_ texts: [String]) -> ReasonMarks {
        ReasonMarks(
            texts: texts, fixed: templates.map { template in template.pieces.contains { piece in texts.contains { piece.contains($0) } } },
            scalars: Set(texts.flatMap(\.unicodeScalars)))
    }
}

/// Texts to find in printed reason lines, prepared for one computation's templates.
public struct ReasonMarks: Sendable {
    public let texts: [String]
    /// Per template number: whether one of its fixed texts holds a mark within one piece.
    let fixed: [Bool]
    /// The characters of the marks: a text hole without one cannot complete a mark.
    let scalars: Set<Unicode.Scalar>
}
