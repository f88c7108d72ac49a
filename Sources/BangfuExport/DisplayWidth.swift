/// How wide `text` shows, in the units of an Excel column or a terminal: two for each East
/// Asian wide or full-width character (Unicode UAX #11 classes W and F, emoji included), one
/// for each other character, nothing for invisible ones. With line breaks, the widest line.
///
/// `displayWidth("王建国")` is 6, `displayWidth("QD-001")` is 6.
public func displayWidth(_ text: String) -> Int {
    var widest = 0
    var line = 0
    for character in text {
        if character.isNewline {
            line = 0
            continue
        }
        line += width(of: character)
        widest = max(widest, line)
    }
    return widest
}

/// A grapheme's width is its first scalar's: combining marks and joiners after it add nothing.
private func width(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    switch scalar.properties.generalCategory {
    case .control, .format, .nonspacingMark, .enclosingMark:
        return 0
    default:
        return isWide(scalar) ? 2 : 1
    }
}

/// The blocks of UAX #11's W and F classes that text in Bangfu can contain, and emoji that
/// show as pictures by default (which UAX #11 also makes W).
private func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F,  // Hangul Jamo initials
        0x2E80...0x303E,  // CJK radicals, punctuation: 、。「」 and the ideographic space
        0x3041...0x33FF,  // kana, bopomofo, enclosed and compatibility CJK
        0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,  // Yi, Hangul syllables
        0xF900...0xFAFF,  // compatibility ideographs
        0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical and small forms
        0xFF01...0xFF60, 0xFFE0...0xFFE6,  // full-width forms: ，（）：￥
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK extensions B and after
        return true
    default:
        return scalar.properties.isEmojiPresentation
    }
}
