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

/// Prints a JSON value (dictionaries, arrays, strings, numbers, booleans, NSNull) on stdout.
func printJSON(_ value: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
