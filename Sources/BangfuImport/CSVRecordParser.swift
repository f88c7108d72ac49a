import CCSV

/// Splits UTF-8 bytes into CSV records with libcsv: quoted fields with commas and line
/// breaks, CRLF or LF, strict about quotes. A field that is not valid UTF-8 is nil.
final class CSVRecordParser {
    private var parser = csv_parser()
    private var fields: [String?] = []
    private var onRecord: ([String?]) -> Void = { _ in }
    /// Records completed so far.
    private(set) var recordCount = 0

    init() {
        csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
        // libcsv trims spaces and tabs by default; cells keep their text as typed.
        csv_set_space_func(&parser) { _ in 0 }
    }

    deinit { csv_free(&parser) }

    /// Parses `bytes`, calling `onRecord` for each complete record. Returns false when
    /// the CSV structure is broken (an unbalanced quote).
    func parse(_ bytes: [UInt8], onRecord: @escaping ([String?]) -> Void) -> Bool {
        self.onRecord = onRecord
        return withExtendedLifetime(self) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            let parsed = bytes.withUnsafeBytes { buffer in
                csv_parse(&parser, buffer.baseAddress, buffer.count, fieldEnded, recordEnded, context)
            }
            return parsed == bytes.count
        }
    }

    /// Ends the input: the last record without a final line break is delivered here.
    /// Returns false when a quoted field was never closed.
    func finish(onRecord: @escaping ([String?]) -> Void) -> Bool {
        self.onRecord = onRecord
        return withExtendedLifetime(self) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            return csv_fini(&parser, fieldEnded, recordEnded, context) == 0
        }
    }

    fileprivate func appendField(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        guard let pointer, length > 0 else {
            fields.append("")
            return
        }
        let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
        fields.append(String(validating: buffer, as: UTF8.self))
    }

    fileprivate func endRecord() {
        recordCount += 1
        onRecord(fields)
        fields.removeAll(keepingCapacity: true)
    }
}

private func fieldEnded(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVRecordParser>.fromOpaque(context).takeUnretainedValue().appendField(field, length)
}

private func recordEnded(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVRecordParser>.fromOpaque(context).takeUnretainedValue().endRecord()
}
