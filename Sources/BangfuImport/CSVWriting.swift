import BangfuCore
import Foundation

/// One CSV line (no line break): fields quoted when they hold a comma, a quote or a line
/// break, and a text that a spreadsheet would run as a formula shown as text (`FormulaGuard`).
public func csvLine(_ fields: [String]) -> String {
    var bytes: [UInt8] = []
    appendCSVLine(fields, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends `csvLine(fields)` to `bytes`, looking at the UTF-8 bytes of each field (issue 22:
/// a million-row listing writes its lines this way, straight into its output buffer).
public func appendCSVLine(_ fields: [String], to bytes: inout [UInt8]) {
    for (index, field) in fields.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        var field = field
        field.withUTF8 { appendCSVField($0, to: &bytes) }
    }
}

private func appendCSVField(_ field: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
    let quote = UInt8(ascii: "\"")
    let quoted = field.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    if quoted { bytes.append(quote) }
    if FormulaGuard.needsGuard(field) { bytes.append(UInt8(ascii: "'")) }
    guard quoted else { return bytes.append(contentsOf: field) }
    var start = 0
    for index in field.indices where field[index] == quote {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start...index]))
        start = index
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start...]))
    bytes.append(quote)
}

/// Writes a CSV file line by line through a buffer, UTF-8 with a BOM so that Excel on a
/// Chinese Windows opens it in the right encoding.
public final class CSVFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Creates (or replaces) the file at `path` and writes the header row.
    public init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF])),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw ImportError.cannotCreate(file: path) }
        self.handle = handle
        try handle.seekToEnd()
        buffer.reserveCapacity(1 << 20)
        try write(header)
    }

    public func write(_ fields: [String]) throws {
        appendCSVLine(fields, to: &buffer)
        buffer.append(contentsOf: "\r\n".utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }
}

/// The rows of spec §3's files for records, so that what Bangfu writes (templates,
/// samples, `list --format csv`) imports back unchanged.
public enum ImportFileRows {
    public static let householdHeader = HouseholdColumn.allCases.map(\.header)
    public static let memberHeader = MemberColumn.allCases.map(\.header)
    public static let modelWorkerHeader = ModelWorkerColumn.allCases.map(\.header)
    public static let aidHeader = AidColumn.allCases.map(\.header)

    public static func row(_ h: Household) -> [String] {
        [h.archiveNumber.value, h.headName, h.headIDNumber.value, h.workUnit, h.unionName, h.category.chineseName,
         h.registeredOn.description, "\(h.size)", h.annualIncome.yuanText, h.medicalExpense?.yuanText ?? "",
         h.cause ?? "", h.phone, h.bankName, h.bankAccount, h.status.chineseName]
    }

    public static func row(_ m: Member) -> [String] {
        [m.archiveNumber.value, m.name, m.idNumber.value, m.relation, m.schoolStage.chineseName, m.school ?? "", m.note ?? ""]
    }

    public static func row(_ w: ModelWorker) -> [String] {
        [w.name, w.idNumber.value, w.level.chineseName, w.title, w.workUnit, w.annualIncome.yuanText,
         w.hardship.chineseName, w.specialCause?.chineseName ?? "", w.phone, w.bankName, w.bankAccount]
    }

    public static func row(_ a: AidRecord) -> [String] {
        [a.idNumber.value, a.name, a.kind.chineseName, a.amount.yuanText, a.paidOn.description, a.payer.description,
         a.studentIDNumber?.value ?? ""]
    }
}
