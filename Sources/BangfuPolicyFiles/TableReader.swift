import BangfuCore
import Foundation
import TOMLKit

/// The file being read: its name for messages and where each key is written.
struct PolicySource {
    let file: String
    let lines: KeyLines

    /// The file, `keyPath` and the line it is written on.
    func location(_ keyPath: String) -> PolicyFileError.Location {
        PolicyFileError.Location(file: file, keyPath: keyPath, line: lines.line(of: keyPath))
    }
}

/// One table of a policy or project file, read key by key into domain values. Each accessor
/// throws the error that names the key path and line: missing, of the wrong type, or out of range.
struct TableReader {
    let table: TOMLTable
    /// `living`, `dibao[2]`; empty for the document itself.
    let path: String
    let source: PolicySource

    /// The most bytes a policy or project file may have: the shipped ones are under 10 KiB,
    /// so 1 MiB is room for decades of 低保 rows, and `/dev/zero` or a wrong file given by
    /// mistake is refused after reading no more than that.
    static let fileSizeLimit = 1 << 20

    /// The text of the file at `path`: UTF-8, a BOM allowed, at most `fileSizeLimit` bytes.
    static func text(atPath path: String) throws(PolicyFileError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, problem: .diagnose(path))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: fileSizeLimit + 1) ?? Data()
        } catch {
            throw .unreadable(file: path, problem: .diagnose(path))
        }
        guard data.count <= fileSizeLimit else { throw .fileTooLarge(file: path, limit: fileSizeLimit) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(file: path) }
        return text
    }

    /// The whole TOML `text` of `file` as a table to read from; a syntax error names its line and column.
    static func document(_ text: String, file: String) throws(PolicyFileError) -> TableReader {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        try refuseUnquotedTableNames(body, file: file)
        let document: TOMLTable
        do {
            document = try TOMLTable(string: body)
        } catch {
            let parseError = error as? TOMLParseError
            throw .syntax(
                file: file, line: parseError?.source.begin.line ?? 1, column: parseError?.source.begin.column ?? 1,
                message: parseError?.description ?? "\(error)")
        }
        return TableReader(table: document, path: "", source: PolicySource(file: file, lines: KeyLines(body)))
    }

    /// A table header whose name begins with a character outside TOML's bare keys
    /// (`[低保]`, `[[ é ]]`, `[=`, a `[` that ends its line) aborts toml++ inside TOMLKit — an assertion compiled into the
    /// release build, found by `bench/fuzz` — instead of reporting a syntax error; such a
    /// header is refused here first, with its line. (A multi-line string line that begins
    /// so is refused too: rare in a policy file, and said plainly.)
    private static let tableNameStarts = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_\"']")

    private static func refuseUnquotedTableNames(_ body: String, file: String) throws(PolicyFileError) {
        // "\r\n" is one Character in Swift: split on each line end whatever its form.
        for (index, line) in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            let indent = line.count - rest.count
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            // What toml++ reads there without aborting: a bare key, a quoted one, or `]`.
            if let first = rest.unicodeScalars.first, first.isASCII, Self.tableNameStarts.contains(Character(first)) { continue }
            throw .syntax(
                file: file, line: index + 1, column: line.count - rest.count + 1,
                message: "table name \(line.dropFirst(indent).prefix(20)) must be quoted: a bare name is ASCII letters, digits, - and _ (表名不是英文字母、数字、- 或 _ 时须加引号，如 [\"低保\"])")
        }
    }

    /// Where this table itself is: its path and the line of its header.
    var ownLocation: PolicyFileError.Location { source.location(path) }

    /// The full dotted path of `key` in this table.
    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Where `key` of this table is, for an error about it.
    func location(_ key: String) -> PolicyFileError.Location { source.location(keyPath(key)) }

    /// Refuses the first key (in file order) that is not in `known`, with the nearest known
    /// key as a suggestion: an unknown key is most likely a typo of a known one.
    func rejectUnknownKeys(_ known: [String]) throws(PolicyFileError) {
        let unknown = table.keys.filter { !known.contains($0) }
            .map { (key: $0, line: location($0).line ?? Int.max) }
            .min { ($0.line, $0.key) < ($1.line, $1.key) }
        guard let unknown else { return }
        let suggestion = KeySuggestion.nearest(to: unknown.key, among: known).map(keyPath)
        throw .unknownKey(location(unknown.key), suggestion: suggestion, known: known)
    }

    /// The value at `key`; `.missingKey` when absent.
    func value(_ key: String) throws(PolicyFileError) -> any TOMLValueConvertible {
        guard let value = table[key] else { throw .missingKey(location(key)) }
        return value
    }

    /// Whether the table has `key` at all (for optional tables).
    func has(_ key: String) -> Bool { table[key] != nil }

    /// The sub-table at `key`, written `[path.key]` or `key = { … }`.
    func table(_ key: String) throws(PolicyFileError) -> TableReader {
        let value = try value(key)
        guard let inner = value.table else { throw wrongType(key, .table, value) }
        return TableReader(table: inner, path: keyPath(key), source: source)
    }

    /// The `[[key]]` tables, in file order; each reads as `key[n]`, counted from 1.
    func tables(_ key: String) throws(PolicyFileError) -> [TableReader] {
        let value = try value(key)
        guard let array = value.array else { throw wrongType(key, .tableList, value) }
        var readers: [TableReader] = []
        for (index, element) in array.enumerated() {
            let elementKey = "\(key)[\(index + 1)]"
            guard let inner = element.table else { throw wrongType(elementKey, .table, element) }
            readers.append(TableReader(table: inner, path: keyPath(elementKey), source: source))
        }
        return readers
    }

    /// A non-empty string.
    func text(_ key: String) throws(PolicyFileError) -> String {
        let value = try value(key)
        guard let text = value.string else { throw wrongType(key, .text, value) }
        guard text.contains(where: { !$0.isWhitespace }) else { throw .emptyText(location(key)) }
        return text
    }

    /// An array of strings (possibly empty).
    func texts(_ key: String) throws(PolicyFileError) -> [String] {
        let value = try value(key)
        guard let array = value.array else { throw wrongType(key, .textList, value) }
        var texts: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else { throw wrongType("\(key)[\(index + 1)]", .text, element) }
            texts.append(text)
        }
        return texts
    }

    /// The value at `key` read by `read`, or nil when the table does not have the key.
    func optional<Value>(_ key: String, _ read: (String) throws(PolicyFileError) -> Value) throws(PolicyFileError) -> Value? {
        has(key) ? try read(key) : nil
    }

    /// A string, possibly empty (a unit may be).
    func anyText(_ key: String) throws(PolicyFileError) -> String {
        let value = try value(key)
        guard let text = value.string else { throw wrongType(key, .text, value) }
        return text
    }

    /// The TOML type at `key`, nil when absent: a target may be a number or a text.
    func type(of key: String) -> TOMLType? { table[key]?.type }

    /// Any whole number (a year).
    func wholeNumber(_ key: String) throws(PolicyFileError) -> Int {
        let value = try value(key)
        guard let number = value.int else { throw wrongType(key, .wholeNumber, value) }
        return number
    }

    /// An exact decimal of at least zero, with at most `maxDecimals` decimals and at most
    /// `limit` (a weight: 2 decimals, 100; a target: 4 decimals, below 10¹²).
    func boundedDecimal(_ key: String, maxDecimals: Int, limit: ExactDecimal) throws(PolicyFileError) -> ExactDecimal {
        let number = try decimal(key)
        if number.isNegative { throw .negative(location(key), value: number.description) }
        let normalized = number.normalized
        guard normalized.scale <= maxDecimals else {
            throw .tooManyDecimals(location(key), value: number.description, allowed: maxDecimals)
        }
        guard normalized <= limit else { throw .tooLarge(location(key), value: number.description, limit: limit.description) }
        return normalized
    }

    /// Months of 低保: a whole number within `Plausible.months`.
    func months(_ key: String) throws(PolicyFileError) -> Int {
        let value = try value(key)
        guard let number = value.int else { throw wrongType(key, .wholeNumber, value) }
        guard number >= 0 else { throw .negative(location(key), value: String(number)) }
        guard number <= Plausible.months.upperBound else {
            throw .tooLarge(location(key), value: String(number), limit: String(Plausible.months.upperBound))
        }
        return number
    }

    /// An amount in yuan of at least zero, exact to the fen. A TOML integer is whole yuan;
    /// a TOML float (`1234.5`) is read back through its shortest round-trip text, which is
    /// the decimal as written whenever it has at most 15 significant digits, and then as
    /// `Money(yuanText:)` reads it: at most two decimals, never through Double arithmetic.
    /// At most `limit`: `Plausible.amount` for a standard, `Plausible.budget` for a budget.
    func money(_ key: String, limit: Money = Plausible.amount) throws(PolicyFileError) -> Money {
        let value = try value(key)
        let money: Money
        let text: String
        switch value.type {
        case .int:
            let yuan = value.int ?? 0
            text = String(yuan)
            guard yuan >= 0 else { throw .negative(location(key), value: text) }
            // Compared in yuan first: `.yuan` of a larger number would overflow.
            guard yuan <= limit.wholeYuan else { throw .tooLarge(location(key), value: text, limit: limit.plainYuan) }
            money = .yuan(yuan)
        case .double:
            let number = value.double ?? 0
            text = "\(number)"
            if number < 0 { throw .negative(location(key), value: text) }
            guard let read = Money(yuanText: text) else { throw .invalidAmount(location(key), value: text) }
            money = read
        default:
            throw wrongType(key, .amount, value)
        }
        guard money <= limit else { throw .tooLarge(location(key), value: text, limit: limit.plainYuan) }
        return money
    }

    /// An amount above zero (a 低保, a rounding step), at most `limit`.
    func positiveMoney(_ key: String, limit: Money = Plausible.amount) throws(PolicyFileError) -> Money {
        let money = try money(key, limit: limit)
        guard money > .zero else { throw .notPositive(location(key), value: money.plainYuan) }
        return money
    }

    /// An exact decimal (a multiple, a ratio), possibly negative: the callers check the range.
    ///
    /// TOML floats are binary doubles; `2.1` is read back through Swift's shortest
    /// round-trip text (`"\(2.1)"` is `2.1`) and then parsed as decimal digits, so a value
    /// written with few decimals (at most 15 significant digits) becomes exactly what was
    /// written: 2.1 is 21 × 10⁻¹, not 2.100000000000000088817841970012523.
    func decimal(_ key: String) throws(PolicyFileError) -> ExactDecimal {
        let value = try value(key)
        switch value.type {
        case .int:
            return ExactDecimal(value.int ?? 0)
        case .double:
            var text = "\(value.double ?? 0)"
            if text.hasSuffix(".0") { text.removeLast(2) }
            guard let decimal = ExactDecimal(text) else { throw .invalidDecimal(location(key), value: text) }
            return decimal
        default:
            throw wrongType(key, .decimal, value)
        }
    }

    /// A TOML local date (`2024-07-01`, unquoted), in a year of `Plausible.years`.
    func date(_ key: String) throws(PolicyFileError) -> CalendarDate {
        let value = try value(key)
        guard let date = value.date else { throw wrongType(key, .date, value) }
        guard let day = CalendarDate(year: date.year, month: date.month, day: date.day), Plausible.isPlausible(day) else {
            throw .invalidDate(location(key), value: "\(date.year)-\(date.month)-\(date.day)")
        }
        return day
    }

    /// An inline table keyed by every case of `Key` (`{ deep = 6, relative = 4, accident = 4 }`),
    /// each value read by `read`; a missing case names its full key path.
    func map<Key: ChineseVocabulary, Value>(
        _ key: String, by _: Key.Type, _ read: (TableReader, String) throws(PolicyFileError) -> Value
    ) throws(PolicyFileError) -> [Key: Value] {
        let inner = try table(key)
        try inner.rejectUnknownKeys(Key.allCases.map(\.rawValue))
        var result: [Key: Value] = [:]
        for item in Key.allCases {
            result[item] = try read(inner, item.rawValue)
        }
        return result
    }

    private func wrongType(_ key: String, _ expected: PolicyFileError.Expected, _ value: any TOMLValueConvertible) -> PolicyFileError {
        .wrongType(location(key), expected: expected, found: PolicyFileError.Found(value.type))
    }
}

extension PolicyFileError.Found {
    /// The TOMLKit type of a value, as an error names it.
    init(_ type: TOMLType) {
        switch type {
        case .table: self = .table
        case .array: self = .array
        case .string: self = .string
        case .int: self = .integer
        case .double: self = .float
        case .bool: self = .boolean
        case .date: self = .date
        case .time: self = .time
        case .dateTime: self = .dateTime
        }
    }
}

/// The known key nearest to a mistyped one, by edit distance.
enum KeySuggestion {
    /// The closest of `known` to `key` (case ignored), when close enough to be the key meant:
    /// at most two edits, or a third of the known key's length (`round_down` → `round_down_to`).
    static func nearest(to key: String, among known: [String]) -> String? {
        let typed = Array(key.lowercased())
        let scored = known.map { (key: $0, distance: distance(typed, Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
            best.distance <= max(2, best.key.count / 3)
        else { return nil }
        return best.key
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, right) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
