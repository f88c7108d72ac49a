/// `name` as Excel accepts a worksheet name: `[]:*?/\` become `_`, no apostrophe at either
/// end, at most 31 UTF-16 units (Excel's count; libxlsxwriter's, in code points, is never
/// larger), and `Sheet1` when nothing is left.
func worksheetName(_ name: String) -> String {
    let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    var kept = ""
    var units = 0
    for character in name.map({ forbidden.contains($0) ? "_" : $0 }) {
        units += character.utf16.count
        guard units <= 31 else { break }
        kept.append(character)
    }
    let trimmed = kept.drop { $0 == "'" }.reversed().drop { $0 == "'" }.reversed()
    return trimmed.isEmpty ? "Sheet1" : String(trimmed)
}
