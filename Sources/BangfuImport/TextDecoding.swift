import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The text encodings an import file may come in: Excel on a Chinese Windows saves
/// "CSV（逗号分隔）" as GB18030/GBK, "CSV UTF-8" as UTF-8 with a BOM.
public enum SourceEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"
    /// An Excel workbook, whose parts are UTF-8 XML.
    case xlsx = "xlsx"
}

/// Reads a file in chunks and hands out UTF-8 bytes: the BOM stripped, GB18030 converted
/// with iconv. Memory stays at one chunk whatever the file's size.
final class UTF8ChunkReader {
    private let handle: FileHandle
    private let file: String
    private(set) var encoding: SourceEncoding = .utf8
    private var converter: GB18030Converter?
    private var pending = Data()
    private var isFirstChunk = true
    static let chunkSize = 1 << 20

    init(path: String) throws(ImportError) {
        file = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, problem: .diagnose(path))
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next chunk of UTF-8 bytes, or nil at the end of the file.
    func next() throws(ImportError) -> [UInt8]? {
        let data: Data
        do { data = try handle.read(upToCount: Self.chunkSize) ?? Data() } catch {
            throw .unreadable(file: file, problem: .diagnose(file))
        }
        if isFirstChunk {
            isFirstChunk = false
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                throw .unsupportedEncoding(file: file, encoding: "UTF-16")
            }
            if Self.isBinary(bytes) { throw .notText(file: file) }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes.removeFirst(3)
            } else if !Self.looksLikeUTF8(bytes) {
                encoding = .gb18030
                converter = try GB18030Converter(file: file)
            }
            return try convert(bytes, final: bytes.isEmpty)
        }
        guard !data.isEmpty else {
            guard let converter, converter.hasPendingBytes else { return nil }
            return try convert([], final: true)
        }
        return try convert([UInt8](data), final: false)
    }

    private func convert(_ bytes: [UInt8], final: Bool) throws(ImportError) -> [UInt8] {
        guard let converter else { return bytes }
        return try converter.convert(bytes, final: final)
    }

    /// Whether the first line holds a control byte other than tab and CR: a header is
    /// text, so such a file is an xlsx (`PK\u{3}\u{4}`), another binary file, UTF-16 without
    /// a BOM or `/dev/zero`, refused before a byte of it is parsed.
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        for byte in bytes {
            if byte == 0x0A { return false }
            if byte < 0x20, byte != 0x09, byte != 0x0D { return true }
        }
        return false
    }

    /// Whether the first chunk is valid UTF-8, allowing a sequence cut at the chunk's end.
    /// Chinese headers make the answer certain: GBK text is practically never valid UTF-8.
    static func looksLikeUTF8(_ bytes: [UInt8]) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            if index + length > count { return count - index < 4 && index > 0 }
            for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}

/// GB18030 → UTF-8 with glibc's iconv, carrying a multi-byte character cut at a chunk
/// boundary over to the next chunk.
final class GB18030Converter {
    private let descriptor: iconv_t
    private let file: String
    private var carry: [UInt8] = []

    init(file: String) throws(ImportError) {
        self.file = file
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else {
            throw .unsupportedEncoding(file: file, encoding: "GB18030 (iconv unavailable)")
        }
        self.descriptor = descriptor
    }

    deinit { iconv_close(descriptor) }

    var hasPendingBytes: Bool { !carry.isEmpty }

    func convert(_ bytes: [UInt8], final: Bool) throws(ImportError) -> [UInt8] {
        var input = carry + bytes
        carry = []
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        var consumedAll = false
        var failure: Int32 = 0
        input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { failure = errno }
                produced = outBuffer.count - outLeft
                consumedAll = inLeft == 0
                if !consumedAll { carry = Array(inBuffer.suffix(inLeft)) }
            }
        }
        if failure == EILSEQ || (final && !consumedAll) {
            throw .unsupportedEncoding(file: file, encoding: "无法识别（既不是UTF-8也不是GB18030）/ neither UTF-8 nor GB18030")
        }
        return Array(output.prefix(produced))
    }
}
