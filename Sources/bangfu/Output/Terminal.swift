import BangfuApp
import Foundation

/// Writing to the terminal: stdout for results, stderr for messages and progress.
enum Terminal {
    /// A message for the person on stderr (errors, warnings, progress).
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// A progress line on stderr: rewritten in place on a terminal, one line each otherwise.
    static func progress(_ message: String) {
        let text = stderrIsTerminal ? "\r\(message)\u{1B}[K" : message + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Ends a run of in-place progress lines.
    static func progressDone() {
        if stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// Whether stderr is a terminal: progress lines appear only there unless asked for.
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}

/// Buffered writing to stdout, for outputs of a million lines.
final class OutputStream {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func line(_ text: String) { write(text + "\n") }

    /// Writes a JSON array one element per line as `produce` hands the elements over,
    /// so that a million records print in constant memory.
    func jsonArray(_ produce: (_ element: (any Encodable) throws -> Void) throws -> Void) throws {
        let encoder = JSONTextEncoder()
        var first = true
        write("[")
        try produce { value in
            write((first ? "\n  " : ",\n  ") + (try encoder.encode(value)).text)
            first = false
        }
        line(first ? "]" : "\n]")
    }

    /// Writes the JSON object `head` with its array member `key` last, one element per line as
    /// `produce` hands them over (`batch show`: the batch, then its entries).
    func jsonObject(
        _ head: some Encodable, streaming key: some CodingKey, _ produce: (_ element: (any Encodable) throws -> Void) throws -> Void
    ) throws {
        let encoder = JSONTextEncoder()
        guard case .object(let members) = try encoder.encode(head) else {
            throw EncodingError.invalidValue(head, EncodingError.Context(codingPath: [], debugDescription: "not a JSON object"))
        }
        let others = members.filter { $0.0 != key.stringValue }
        write(JSONText.object(others).text.dropLast() + (others.isEmpty ? "" : ", ") + JSONText.quote(key.stringValue) + ": [")
        var first = true
        try produce { value in
            write((first ? "\n  " : ",\n  ") + (try encoder.encode(value)).text)
            first = false
        }
        write(first ? "]}\n" : "\n]}\n")
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Prints a JSON value (dictionaries, arrays, strings, numbers, booleans, NSNull) on stdout.
func printJSON(_ value: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
