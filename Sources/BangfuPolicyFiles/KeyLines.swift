/// The line on which each key of a TOML text is written. TOMLKit reports positions only for
/// syntax errors, so the errors found after parsing look their key up here.
///
/// The scan reads table headers (`[living]`, `[[dibao]]`) and `key =` lines, skipping
/// comments and multi-line strings; it serves error messages only, and a key it cannot
/// place just has no line. The n-th `[[dibao]]` table is `dibao[n]`, counted from 1.
struct KeyLines {
    private var lineOfPath: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var arrayTableCounts: [String: Int] = [:]
        var openString: String?
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        let textLines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in textLines.enumerated() {
            let number = index + 1
            if let delimiter = openString {
                if Self.count(of: delimiter, in: rawLine) % 2 == 1 { openString = nil }
                continue
            }
            let content = Self.withoutComment(rawLine).trimmingSpaces
            if content.hasPrefix("[[") {
                let name = Self.keyComponents(content.dropFirst(2).prefix { $0 != "]" })
                guard let last = name.last else { continue }
                let joined = name.joined(separator: ".")
                let count = arrayTableCounts[joined, default: 0] + 1
                arrayTableCounts[joined] = count
                table = name.dropLast() + ["\(last)[\(count)]"]
                record(joined, number)
                record(table.joined(separator: "."), number)
            } else if content.hasPrefix("[") {
                table = Self.keyComponents(content.dropFirst().prefix { $0 != "]" })
                record(table.joined(separator: "."), number)
            } else if let equals = Self.firstUnquoted("=", in: content) {
                var path = table
                for component in Self.keyComponents(content[..<equals]) {
                    path.append(component)
                    record(path.joined(separator: "."), number)
                }
                let value = content[content.index(after: equals)...]
                for delimiter in ["\"\"\"", "'''"] where Self.count(of: delimiter, in: value) % 2 == 1 {
                    openString = delimiter
                }
            }
        }
    }

    /// The line of `path`; else of the key holding it (`policy.basis` for `policy.basis[2]`,
    /// `living` for a missing `living.round_down_to`); nil when none is written.
    func line(of path: String) -> Int? {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let line = lineOfPath[String(candidate)] { return line }
            if candidate.hasSuffix("]"), let bracket = candidate.lastIndex(of: "[") {
                candidate = candidate[..<bracket]
            } else if let dot = candidate.lastIndex(of: ".") {
                candidate = candidate[..<dot]
            } else {
                return nil
            }
        }
        return nil
    }

    private mutating func record(_ path: String, _ line: Int) {
        if !path.isEmpty, lineOfPath[path] == nil { lineOfPath[path] = line }
    }

    /// How many times `delimiter` (`"""` or `'''`) occurs in `text`, not overlapping.
    private static func count(of delimiter: String, in text: Substring) -> Int {
        var count = 0
        var rest = text
        while !rest.isEmpty {
            if rest.starts(with: delimiter) {
                count += 1
                rest = rest.dropFirst(delimiter.count)
            } else {
                rest = rest.dropFirst()
            }
        }
        return count
    }

    /// The line up to a `#` that is not inside a string.
    private static func withoutComment(_ line: Substring) -> Substring {
        firstUnquoted("#", in: line).map { line[..<$0] } ?? line
    }

    /// The first `character` outside `"…"` and `'…'`.
    private static func firstUnquoted(_ character: Character, in text: Substring) -> String.Index? {
        var quote: Character?
        var escaped = false
        for index in text.indices {
            let current = text[index]
            if let open = quote {
                if escaped {
                    escaped = false
                } else if current == "\\" && open == "\"" {
                    escaped = true
                } else if current == open {
                    quote = nil
                }
            } else if current == "\"" || current == "'" {
                quote = current
            } else if current == character {
                return index
            }
        }
        return nil
    }

    /// `a . "b c" . d` → `["a", "b c", "d"]`.
    private static func keyComponents(_ key: Substring) -> [String] {
        var components: [String] = []
        var rest = key
        while let dot = firstUnquoted(".", in: rest) {
            components.append(unquoted(rest[..<dot]))
            rest = rest[rest.index(after: dot)...]
        }
        components.append(unquoted(rest))
        return components.allSatisfy(\.isEmpty) ? [] : components
    }

    private static func unquoted(_ text: Substring) -> String {
        let trimmed = text.trimmingSpaces
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return String(trimmed)
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and carriage returns.
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
