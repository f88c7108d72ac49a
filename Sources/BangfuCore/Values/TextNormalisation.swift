import Foundation

/// Why a piece of text is refused before it is stored or compared.
public enum TextRefusal: Error, Equatable, Sendable, UserFacingError {
    /// A control character inside the text (C0 including tab and line breaks, DEL, C1,
    /// U+2028/2029): a NUL cuts a name in an export, an escape sequence drives the
    /// clerk's terminal, and a line break forges a row of a table.
    case controlCharacter(Unicode.Scalar)
    /// A bidirectional control (U+202A–202E, U+2066–2069, U+200E/200F, U+061C): the text
    /// would be shown in another order than it is stored.
    case directionControl(Unicode.Scalar)
    /// Longer than the field allows, in characters after normalisation.
    case tooLong(length: Int, limit: Int)
    /// Nothing left after normalisation where something is required (a person's name).
    case empty

    /// The reason for a person, in Chinese.
    public var chinese: String {
        switch self {
        case .controlCharacter(let scalar): "含有控制字符 \(scalar.escaped)（不可见，会截断导出或扰乱终端显示），请删除"
        case .directionControl(let scalar): "含有文字方向控制字符 \(scalar.escaped)（会使显示顺序与实际内容不同），请删除"
        case .tooLong(let length, let limit): "长度\(length)个字，超过上限\(limit)个字"
        case .empty: "不能为空"
        }
    }

    /// The reason in English, for logs.
    public var english: String {
        switch self {
        case .controlCharacter(let scalar): "contains the control character \(scalar.escaped)"
        case .directionControl(let scalar): "contains the bidirectional control \(scalar.escaped)"
        case .tooLong(let length, let limit): "\(length) characters, more than \(limit)"
        case .empty: "must not be empty"
        }
    }
}

/// What one text field may hold and how it is normalised before it is compared or stored:
/// zero-width characters removed, white space (U+3000 and U+00A0 too) trimmed, NFC, no
/// control or direction characters, at most `maxLength` characters.
public struct TextRule: Hashable, Sendable {
    /// The most characters (Unicode scalars after NFC) the field may hold.
    public let maxLength: Int
    /// Whether the field names a person, which is normalised further (see `personName`).
    public let isPersonName: Bool
    /// Whether LF and CR may stand inside the text (a remark written over lines in Excel).
    public let allowsLineBreaks: Bool

    /// A single line of free text of at most `maxLength` characters.
    public static func line(maxLength: Int) -> TextRule { TextRule(maxLength: maxLength, isPersonName: false, allowsLineBreaks: false) }

    /// A person's name: 50 characters, since names of ethnic minorities written with `·`
    /// run past 20 (`阿卜杜热合曼·买买提明·艾合买提江`) and a foreign name in Latin
    /// letters longer still. Inside it white space becomes one space, and none stays
    /// between two Chinese characters or next to `·` (`张  敏` is `张敏`, as clerks pad
    /// two-character names); the dots clerks type for `·` (`•` `‧` `・` `･` `．`) become `·`.
    public static let personName = TextRule(maxLength: 50, isPersonName: true, allowsLineBreaks: false)

    /// Work units, unions, banks, schools: the longest real names (`XX省XX市XX区XX街道XX社区
    /// 工会联合会`) stay under 40 characters, so 100 leaves room and still fits a form's cell.
    public static let organisation = TextRule.line(maxLength: 100)

    /// Free remarks (致困原因, 备注): a sentence or two, as a form's cell holds them, over
    /// several lines when the clerk pressed Alt+Enter in Excel.
    public static let remark = TextRule(maxLength: 200, isPersonName: false, allowsLineBreaks: true)

    /// Codes, numbers, dates, choices and single words (与户主关系), most of which their own
    /// parsers check exactly; the limit keeps a wrong cell from being stored at any length.
    public static let code = TextRule.line(maxLength: 40)

    /// `text` normalised, or why it is refused.
    public func clean(_ text: String) throws(TextRefusal) -> String {
        let result: String
        let length: Int
        if let plainLength = plainLength(text) {
            result = text
            length = plainLength
        } else {
            result = Self.composed(try normalisedScalars(text, refusing: true))
            length = result.unicodeScalars.count
        }
        guard length <= maxLength else { throw .tooLong(length: length, limit: maxLength) }
        return result
    }

    /// The length of `text` when normalising would leave it as it is, else nil: most cells
    /// are numbers, dates, id numbers and plain Chinese, and this spares them the copying.
    /// Read on the UTF-8 bytes: run on every cell of every import, a walk over `Unicode.Scalar`s
    /// and a set look-up per character had cost a tenth of a households import.
    private func plainLength(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { plainLength(utf8: $0) }
    }

    private func plainLength(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var length = 0
        var endsInSpace = true
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead > 0x20 && lead < 0x7F {
                    endsInSpace = false
                } else if lead == 0x20 && !isPersonName && length > 0 {
                    endsInSpace = true
                } else {
                    return nil
                }
                index += 1
            } else {
                // A `String`'s bytes are well-formed UTF-8: the lead byte tells the width.
                let value: UInt32
                if lead < 0xE0 {
                    value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                        | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                guard Unicode.Scalar.isPlainVisible(value), !(isPersonName && Self.isNameDot(value)) else { return nil }
                endsInSpace = false
            }
            length += 1
        }
        return endsInSpace && length > 0 ? nil : length
    }

    /// Zero-width characters dropped, white space trimmed, and forbidden characters
    /// refused (`refusing`) or dropped; names normalised as `personName` says.
    fileprivate func normalisedScalars(_ text: String, refusing: Bool) throws(TextRefusal) -> [Unicode.Scalar] {
        var scalars = text.unicodeScalars.filter { !$0.isInvisible }
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isControl, !(allowsLineBreaks && (scalar == "\n" || scalar == "\r")) {
                if refusing { throw .controlCharacter(scalar) }
                continue
            }
            if scalar.isDirectionControl {
                if refusing { throw .directionControl(scalar) }
                continue
            }
            kept.append(scalar)
        }
        // Again, for what dropping a control character (`refusing` false) left at an end.
        while let last = kept.last, last.properties.isWhitespace { kept.removeLast() }
        while let first = kept.first, first.properties.isWhitespace { kept.removeFirst() }
        return isPersonName ? Self.nameSpacing(kept) : kept
    }

    /// What clerks type for the `·` of a name: bullet, hyphenation point, katakana and
    /// full-width dots, bullet and dot operators.
    private static func isNameDot(_ value: UInt32) -> Bool {
        switch value {
        case 0x2022, 0x2027, 0x30FB, 0xFF65, 0xFF0E, 0x2219, 0x22C5: true
        default: false
        }
    }

    /// A name's dots made `·` and its inner white space folded (see `personName`).
    private static func nameSpacing(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let middleDot: Unicode.Scalar = "\u{B7}"
        let unified = scalars.map { isNameDot($0.value) ? middleDot : $0 }
        var result: [Unicode.Scalar] = []
        var index = 0
        while index < unified.count {
            guard unified[index].properties.isWhitespace else {
                result.append(unified[index])
                index += 1
                continue
            }
            var end = index
            while end < unified.count, unified[end].properties.isWhitespace { end += 1 }
            // Trimmed already, so a run has a neighbour on each side.
            let before = unified[index - 1]
            let after = unified[end]
            let isPadding = (before.properties.isIdeographic && after.properties.isIdeographic) || before == middleDot || after == middleDot
            if !isPadding { result.append(" ") }
            index = end
        }
        return result
    }

    /// The scalars as a String in NFC. Chinese characters, ASCII and Latin-1 are their own
    /// NFC, so most text skips Foundation's normalisation.
    fileprivate static func composed(_ scalars: [Unicode.Scalar]) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        let string = String(text)
        return scalars.allSatisfy(\.isOwnComposition) ? string : string.precomposedStringWithCanonicalMapping
    }
}

/// A person's name as the steps of a batch record it (`--by`): normalised as an imported
/// name, so that `张敏`, `张敏\u{200B}` and `张 敏` are one person to segregation of duties.
public enum PersonName {
    /// The name normalised, or why it is refused.
    public static func normalised(_ text: String) throws(TextRefusal) -> String {
        try TextRule.personName.clean(text)
    }

    /// The form two names are compared in, for names stored before they were checked: what
    /// `normalised` would refuse is dropped instead, and the length is not limited.
    public static func comparisonKey(_ text: String) -> String {
        let scalars = (try? TextRule.personName.normalisedScalars(text, refusing: false)) ?? []
        return TextRule.composed(scalars)
    }

    /// Whether two recorded names are one person to segregation of duties: the rule the store
    /// refuses by and the pages offer buttons by, so that no page offers a step it refuses.
    public static func same(_ one: String, _ other: String) -> Bool {
        comparisonKey(one) == comparisonKey(other)
    }
}

extension Unicode.Scalar {
    /// C0 (tab and line breaks too: only a remark may hold line breaks), DEL, C1, and the
    /// Unicode line and paragraph separators.
    var isControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// The bidirectional embeddings, overrides, isolates and marks.
    var isDirectionControl: Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
            || value == 0x061C
    }

    /// Characters that show nothing and are dropped: zero-width space, (non-)joiner, word
    /// joiner, BOM, soft hyphen, the invisible operators and the Mongolian vowel separator.
    var isInvisible: Bool {
        switch value {
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0xAD, 0x180E: true
        default: false
        }
    }

    /// Whether the scalar is unchanged by NFC and never reordered or composed with its
    /// neighbours: ASCII and Latin-1, the common Chinese characters and punctuation.
    fileprivate var isOwnComposition: Bool {
        value < 0x300 || isPlainVisible
    }

    /// A visible character past ASCII that normalising leaves alone: Latin-1 and Latin
    /// letters (no combining marks), general punctuation, the common Chinese characters,
    /// CJK punctuation and full-width forms; no white space, control or invisible character.
    fileprivate var isPlainVisible: Bool { Self.isPlainVisible(value) }

    /// `isPlainVisible` of the scalar with `value`.
    fileprivate static func isPlainVisible(_ value: UInt32) -> Bool {
        switch value {
        case 0xA1..<0xAD, 0xAE..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x3001...0x3029, 0x3030...0x303F, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xFF01...0xFF60:
            true
        default: false
        }
    }

    /// `\u{1B}`: how a character that must not reach a terminal raw is shown.
    var escaped: String { "\\u{" + String(value, radix: 16, uppercase: true) + "}" }
}

extension String {
    /// The text with every control, direction and invisible character written as `\u{1B}`,
    /// so that stored or refused text shown on a terminal can neither drive it nor hide.
    public var escapedForDisplay: String {
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var result = ""
        for scalar in unicodeScalars {
            if scalar.isControl || scalar.isDirectionControl || scalar.isInvisible {
                result += scalar.escaped
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
