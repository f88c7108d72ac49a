/// `xl/workbook.xml`: the first worksheet's relationship id and the date system.
final class WorkbookPart: XMLStreamHandler {
    private(set) var firstSheet: String?
    /// Whether dates count from 1904 (`<workbookPr date1904="1"/>`, old Mac workbooks).
    private(set) var date1904 = false

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("workbookPr"), let flag = attributes.string("date1904") {
            date1904 = flag == "1" || flag == "true"
        } else if name.is("sheet"), firstSheet == nil {
            firstSheet = attributes.string("id", namespaced: true)
        }
    }

    func end(_ name: XMLName) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// `xl/_rels/workbook.xml.rels`: which part each relationship id and type points to.
final class RelationshipsPart: XMLStreamHandler {
    private(set) var targets: [(id: String, type: String, target: String)] = []

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") else { return }
        targets.append((id, attributes.string("Type") ?? "", target))
    }

    func end(_ name: XMLName) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The zip path of relationship `id`.
    func path(ofID id: String) -> String? {
        targets.first { $0.id == id }.map { Self.resolve($0.target) }
    }

    /// The zip path of the first relationship whose type ends in `/suffix`.
    func path(ofType suffix: String) -> String? {
        targets.first { $0.type.hasSuffix("/" + suffix) }.map { Self.resolve($0.target) }
    }

    /// A target relative to `xl/` (`worksheets/sheet1.xml`) or absolute (`/xl/…`) as a zip path.
    static func resolve(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = ["xl"]
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/styles.xml`: which cell styles show a number as a date. A date is a number in
/// the file; only its style's number format makes it one.
final class StylesPart: XMLStreamHandler {
    private var customFormats: [Int: String] = [:]
    private var cellFormats: [Int] = []
    private var inCellFormats = false

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("numFmt"), let id = attributes.value("numFmtId").flatMap(CellValues.integer) {
            customFormats[id] = attributes.string("formatCode") ?? ""
        } else if name.is("cellXfs") {
            inCellFormats = true
        } else if inCellFormats, name.is("xf") {
            cellFormats.append(attributes.value("numFmtId").flatMap(CellValues.integer) ?? 0)
        }
    }

    func end(_ name: XMLName) {
        if name.is("cellXfs") { inCellFormats = false }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// For each cell style (`s` of a cell), whether it shows dates.
    var dateStyles: [Bool] {
        cellFormats.map { id in customFormats[id].map(Self.isDateFormat) ?? Self.builtInDates.contains(id) }
    }

    /// Excel's built-in number formats that show a date (14–17, 22; the CJK ones 27–31,
    /// 36, 50–54, 57, 58 such as `yyyy"年"m"月"d"日"`); the time-only ones are left out.
    static let builtInDates: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]

    /// Whether a format code shows a date: its first section, without quoted text,
    /// escapes and `[…]` (colours, locales, elapsed `[h]`), has a day or a year, or a month
    /// `m` with no hour or second beside it (`h:mm` is minutes).
    static func isDateFormat(_ code: String) -> Bool {
        var letters = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": inQuote.toggle()
            case "\\" where !inQuote: escaped = true
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case ";" where !inQuote && !inBracket: return Self.hasDate(letters)
            default: if !inQuote && !inBracket { letters.append(character) }
            }
        }
        return hasDate(letters)
    }

    private static func hasDate(_ letters: String) -> Bool {
        let lower = letters.lowercased()
        return lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("h") && !lower.contains("s"))
    }
}
