import BangfuApp
import BangfuImport
import Foundation

/// Buffered writing of bytes to stdout, for outputs of a million lines: JSON from
/// `JSONTextEncoder` and CSV lines go straight into the buffer as UTF-8 (issue 22), which is
/// written out every 64 KiB.
final class OutputStream {
    private var buffer: [UInt8] = []
    private let flushSize = 1 << 16

    /// Linux's `F_SETPIPE_SZ` (fcntl.h, behind _GNU_SOURCE, which Glibc's module leaves out).
    private static let setPipeSize: Int32 = 1031

    init() {
        buffer.reserveCapacity(2 * flushSize)
        // Into a pipe (`| less`, a script reading the JSON) each 64 KiB write filled the
        // kernel's 64 KiB pipe and waited for the reader: a fifth of a province's `batch show`
        // (issue 22). 1 MiB is what an unprivileged process may ask; a refusal changes nothing.
        var status = stat()
        if fstat(1, &status) == 0, status.st_mode & S_IFMT == S_IFIFO { _ = fcntl(1, Self.setPipeSize, 1 << 20) }
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    func line(_ text: String) { write(text + "\n") }

    /// Lets `body` append bytes (a table's lines) straight to the buffer.
    func writeBytes(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        flushIfFull()
    }

    /// One CSV line (`csvLine`) and its line break.
    func csvLine(_ fields: [String], ending: String = "\n") {
        appendCSVLine(fields, to: &buffer)
        buffer.append(contentsOf: ending.utf8)
        flushIfFull()
    }

    /// One JSON document and a line break.
    func json(_ value: some Encodable) throws {
        try JSONTextEncoder().encode(value, into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        flushIfFull()
    }

    /// Writes a JSON array one element per line as `produce` hands the elements over,
    /// so that a million records print in constant memory.
    func jsonArray(_ produce: (_ element: (any Encodable) throws -> Void) throws -> Void) throws {
        write("[")
        line(try elements(produce) ? "\n]" : "]")
    }

    /// Writes the JSON object `head` with its array member `key` — its last — filled one
    /// element per line as `produce` hands them over (`batch show`: the batch, then its entries).
    func jsonObject(
        _ head: some Encodable, streaming key: some CodingKey, _ produce: (_ element: (any Encodable) throws -> Void) throws -> Void
    ) throws {
        buffer.append(contentsOf: try JSONTextEncoder().openObject(head, streaming: key))
        write(try elements(produce) ? "\n]}\n" : "]}\n")
    }

    /// The elements `produce` hands over, each on its own line after `,` and two spaces;
    /// whether there was any.
    private func elements(_ produce: (_ element: (any Encodable) throws -> Void) throws -> Void) throws -> Bool {
        let encoder = JSONTextEncoder()
        var first = true
        try produce { value in
            buffer.append(contentsOf: (first ? "\n  " : ",\n  ").utf8)
            try encoder.encode(value, into: &buffer)
            first = false
            flushIfFull()
        }
        return !first
    }

    private func flushIfFull() {
        if buffer.count >= flushSize { flush() }
    }

    /// Writes out what is buffered. A stdout that cannot take it (a full disk) ends the
    /// command with exit 1; a reader that went away (`| head`) ends it by SIGPIPE, as it
    /// ends `cat`.
    func flush() {
        var failure: Int32 = 0
        buffer.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(1, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 {
            let reason = String(cString: strerror(failure))
            Terminal.error("无法写出结果：\(reason) (cannot write to stdout: \(reason))")
            Foundation.exit(1)
        }
    }

    deinit { flush() }
}
