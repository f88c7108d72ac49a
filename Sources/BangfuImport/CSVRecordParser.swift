import BangfuCore
import CCSV

#if canImport(Glibc)
    import Glibc
#endif

/// Why the CSV structure of a file cannot be read on.
enum CSVParseProblem: Equatable {
    /// A quote is never closed.
    case unbalancedQuote
    /// A cell passes `CSVRecordParser.cellLimit` bytes; `column` counts from 0.
    case cellTooLong(column: Int)
    /// A record passes `CSVRecordParser.recordLimit` bytes.
    case recordTooLong
}

/// Splits UTF-8 bytes into CSV records with libcsv: quoted fields with commas and line
/// breaks, CRLF or LF, strict about quotes. Fields come trimmed of white space
/// (full-width too); a field that is not valid UTF-8 is nil. A cell and a record are
/// capped (`cellLimit`, `recordLimit`), so memory stays bounded whatever the input: a file
/// with no line break, or a quote left open at the top of a large file.
final class CSVRecordParser {
    /// The most bytes of one cell: the longest text a column allows is 200 characters (600
    /// bytes of Chinese), so 4 KiB is ample for any real cell.
    static let cellLimit = cellByteLimit
    /// The most bytes of one record with its separators: 15 columns of full cells are under
    /// 10 KiB, so 64 KiB holds any real row, and a longer one is not a row of ours.
    static let recordLimit = 1 << 16

    private struct State {
        var fields: [String?] = []
        var onRecord: ([String?]) -> Void = { _ in }
        var lastTerminator: Int32 = -1
        var recordCount = 0
        /// Bytes of the record so far, separators counted.
        var recordBytes = 0
        var isRecordTooLong = false
    }

    private var parser = csv_parser()
    /// Behind a pointer, not in stored `var`s: the callbacks touch it for every cell, and
    /// each touch of a class's stored `var` is a run-time exclusivity check.
    private let state: UnsafeMutablePointer<State>
    /// Rows completed so far, counted as Excel numbers them: a blank line is a row, a
    /// line break inside a quoted cell is not.
    var recordCount: Int { state.pointee.recordCount }

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        // libcsv's default trimming of spaces and tabs around unquoted cells is kept:
        // every cell is trimmed in `appendField` anyway, and a per-byte callback costs 4 %.
        // CSV_REPALL_NL reports blank lines too, so that row numbers match the file's.
        csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
        // libcsv grows a cell's buffer without limit; refusing to grow it past the cap makes
        // it stop with CSV_ENOMEM, which `problem` reports as a cell too long.
        csv_set_realloc_func(&parser) { pointer, size in size > cellByteLimit ? nil : realloc(pointer, size) }
    }

    deinit {
        csv_free(&parser)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Parses `bytes`, calling `onRecord` for each complete record. Returns why the CSV
    /// structure cannot be read on, or nil.
    func parse(_ bytes: [UInt8], onRecord: @escaping ([String?]) -> Void) -> CSVParseProblem? {
        state.pointee.onRecord = onRecord
        return withExtendedLifetime(self) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            let parsed = bytes.withUnsafeBytes { buffer in
                csv_parse(&parser, buffer.baseAddress, buffer.count, fieldEnded, recordEnded, context)
            }
            return problem(stoppedEarly: parsed != bytes.count)
        }
    }

    /// Ends the input: the last record without a final line break is delivered here.
    func finish(onRecord: @escaping ([String?]) -> Void) -> CSVParseProblem? {
        state.pointee.onRecord = onRecord
        return withExtendedLifetime(self) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            return problem(stoppedEarly: csv_fini(&parser, fieldEnded, recordEnded, context) != 0)
        }
    }

    /// Drops the record handler. The handler a reader passes holds the reader's own closures
    /// (and through them its file), and the parser holds the handler: without this, each
    /// import kept its parser, its open file and its buffers for the life of the process
    /// (found by `bench/fuzz`: the fuzzer ran out of file descriptors).
    func forgetRecordHandler() {
        state.pointee.onRecord = { _ in }
    }

    private func problem(stoppedEarly: Bool) -> CSVParseProblem? {
        if state.pointee.isRecordTooLong { return .recordTooLong }
        guard stoppedEarly else { return nil }
        return csv_error(&parser) == CSV_ENOMEM ? .cellTooLong(column: state.pointee.fields.count) : .unbalancedQuote
    }

    fileprivate func appendField(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        // Past the cap nothing more is kept: the rest of the chunk is only scanned.
        state.pointee.recordBytes += length + 1
        if state.pointee.recordBytes > Self.recordLimit { state.pointee.isRecordTooLong = true }
        if state.pointee.isRecordTooLong { return }
        guard let pointer, length > 0 else {
            state.pointee.fields.append("")
            return
        }
        let raw = UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: length)
        // Trimmed here, on the bytes, rather than as a `String` by every reader of the cell.
        // White space is valid UTF-8 on its own, so trimming first changes no verdict.
        let bytes = withoutFormulaGuard(UnsafeBufferPointer(rebasing: raw[UTF8Text.trimmedRange(raw)]))
        state.pointee.fields.append(isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil)
    }

    fileprivate func endRecord(terminator: Int32) {
        // With CSV_REPALL_NL the LF of a CRLF arrives as an empty record of its own.
        let isSecondHalfOfCRLF = terminator == 0x0A && state.pointee.lastTerminator == 0x0D && state.pointee.fields.isEmpty
        state.pointee.lastTerminator = terminator
        if isSecondHalfOfCRLF || state.pointee.isRecordTooLong { return }
        state.pointee.recordBytes = 0
        state.pointee.recordCount += 1
        let onRecord = state.pointee.onRecord
        onRecord(state.pointee.fields)
        state.pointee.fields.removeAll(keepingCapacity: true)
    }
}

/// `CSVRecordParser.cellLimit`, where libcsv's C allocation callback can read it.
private let cellByteLimit = 1 << 12

private func fieldEnded(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVRecordParser>.fromOpaque(context).takeUnretainedValue().appendField(field, length)
}

private func recordEnded(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVRecordParser>.fromOpaque(context).takeUnretainedValue().endRecord(terminator: terminator)
}

/// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past
/// U+10FFFF). Written out because the standard library's generic validating initialiser
/// looks up type metadata on every call, a tenth of the import's time.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
        // Most cells are ASCII (numbers, dates, 身份证号): eight bytes at a time.
        if index + 8 <= count, let base = bytes.baseAddress,
            UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
            index += 8
            continue
        }
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: return false
        }
        guard index + length <= count else { return false }
        let second = bytes[index + 1]
        guard second >= lowest, second <= highest else { return false }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
        index += length
    }
    return true
}
