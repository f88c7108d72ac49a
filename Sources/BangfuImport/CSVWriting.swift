import BangfuCore
import Foundation

/// One CSV line (no line break): fields quoted when they hold a comma, a quote or a line
/// break, and a text that a spreadsheet would run as a formula shown as text (`FormulaGuard`).
public func csvLine(_ fields: [String]) -> String {
    fields.map { field in
        let field = FormulaGuard.guarded(field)
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",")
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
        buffer.append(contentsOf: csvLine(fields).utf8)
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
