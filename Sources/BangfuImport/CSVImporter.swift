import BangfuCore
import Foundation

/// What a finished import did.
public struct ImportSummary: Sendable {
    public var file: String
    public var encoding: SourceEncoding
    /// Data rows read (blank rows not counted).
    public var rows: Int
    /// Rows the sink wrote (inserted or updated).
    public var written: Int
    /// Rows the sink skipped as already stored (aid records, spec §3.4).
    public var skipped: Int
    public var warnings: [ImportWarning]
    public var seconds: Double
}

/// What the sink did with one record.
public enum SinkOutcome: Sendable {
    case written
    case skipped
    /// The record is refused for a reason only the store knows (a member of an unknown archive).
    case rejected(column: String, value: String, reason: String, english: String)
}

/// Reads an import file (spec §3), CSV or xlsx as its content says (`ImportFileFormat`),
/// and hands each valid record to a sink, in file order.
///
/// Parsing and validation run on a second thread while the sink writes, with a bounded
/// queue between them. Every bad row is collected; when there is any, the import throws
/// `ImportError.rowsRejected` with all of them after the last row, and the caller's
/// transaction rolls back, so nothing of a bad file is ever stored.
public struct CSVImporter<Column: ImportColumn, Record: Sendable> {
    public let format: RecordFormat<Column, Record>
    /// Called about every `progressInterval` rows with the rows read so far.
    public var progress: (@Sendable (Int) -> Void)?
    public var progressInterval = 10_000
    /// The day of the import: no one on file is born after it.
    public var today: CalendarDate

    public init(format: RecordFormat<Column, Record>, progress: (@Sendable (Int) -> Void)? = nil, today: CalendarDate = .today()) {
        self.format = format
        self.progress = progress
        self.today = today
    }

    private enum Item: Sendable {
        case header([ImportWarning], SourceEncoding, letters: [String: String], headerRow: Int)
        case rows([ParsedRow])
        case finished
        case failed(ImportError)
    }

    private struct ParsedRow: Sendable {
        var row: Int
        var record: Record?
        var issues: [RowIssue]
        var warnings: [ImportWarning]
    }

    /// Imports `path`, calling `sink` with each valid record and its row number.
    ///
    /// Specialised for each import file: called from another module, the generic body
    /// looked up type metadata and copied records through value witnesses for every
    /// row, on both threads.
    @_specialize(exported: true, where Column == HouseholdColumn, Record == Household)
    @_specialize(exported: true, where Column == MemberColumn, Record == Member)
    @_specialize(exported: true, where Column == ModelWorkerColumn, Record == ModelWorker)
    @_specialize(exported: true, where Column == AidColumn, Record == AidRecord)
    public func run(path: String, sink: (Record, Int) throws -> SinkOutcome) throws -> ImportSummary {
        let started = Date()
        let queue = BoundedQueue<Item>(capacity: 8)
        let format = self.format
        let progress = self.progress
        let interval = progressInterval
        let today = self.today
        let producerDone = DispatchSemaphore(value: 0)
        let producer = Thread {
            Self.parse(path: path, format: format, today: today, into: queue, progress: progress, interval: interval)
            producerDone.signal()
        }
        producer.stackSize = 1 << 22
        producer.start()
        // The reader thread never outlives the import: on an early throw it is told to
        // stop (`abandon`) and waited for, so it cannot touch the file or report progress later.
        defer { producerDone.wait() }

        var summary = ImportSummary(file: path, encoding: .utf8, rows: 0, written: 0, skipped: 0, warnings: [], seconds: 0)
        var issues: [RowIssue] = []
        var letters: [String: String] = [:]
        do {
            loop: while true {
                switch queue.take() {
                case .header(let warnings, let encoding, let headerLetters, _):
                    letters = headerLetters
                    summary.warnings += warnings
                    summary.encoding = encoding
                case .rows(let rows):
                    for parsed in rows {
                        summary.rows += 1
                        if !parsed.warnings.isEmpty { summary.warnings += parsed.warnings }
                        if !parsed.issues.isEmpty { issues += parsed.issues }
                        // Records after a bad row still go to the sink, which may find more
                        // (a member of an unknown archive); the caller's transaction rolls back.
                        guard let record = parsed.record, parsed.issues.isEmpty else { continue }
                        switch try sink(record, parsed.row) {
                        case .written: summary.written += 1
                        case .skipped: summary.skipped += 1
                        case .rejected(let column, let value, let reason, let english):
                            issues.append(RowIssue(
                                row: parsed.row, column: column, columnLetter: letters[column] ?? "", value: value,
                                reason: reason, englishReason: english))
                        }
                    }
                case .finished:
                    break loop
                case .failed(let error):
                    if case .malformed(let file, let row, _) = error { throw ImportError.malformed(file: file, row: row, issues: issues) }
                    throw error
                }
            }
        } catch {
            queue.abandon()
            throw error
        }
        guard issues.isEmpty else { throw ImportError.rowsRejected(file: path, issues: issues) }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The producer: the file's rows (CSV or xlsx, `rowSource`) → validated records, in batches.
    private static func parse(
        path: String, format: RecordFormat<Column, Record>, today: CalendarDate, into queue: BoundedQueue<Item>,
        progress: (@Sendable (Int) -> Void)?, interval: Int
    ) {
        let batchSize = 2048
        var batch: [ParsedRow] = []
        batch.reserveCapacity(batchSize)
        do throws(ImportError) {
            let source = try rowSource(path: path)
            var layout: ColumnLayout<Column>?
            var consumerGone = false
            try source.forEachRow { (sourceRow: SourceRow) throws(ImportError) -> Bool in
                let rowNumber = sourceRow.number
                if sourceRow.fields.isEmpty { return true }
                guard let columns = layout else {
                    let mapped = try ColumnLayout<Column>(header: sourceRow.fields, file: path)
                    layout = mapped
                    consumerGone = !queue.put(.header(mapped.warnings, source.encoding, letters: mapped.letters, headerRow: rowNumber))
                    return !consumerGone
                }
                var row = RowReader(row: rowNumber, fields: sourceRow.fields, layout: columns, today: today, spoiled: sourceRow.problems)
                if row.isBlank { return true }
                let record = format.decode(&row)
                if record == nil && row.issues.isEmpty {
                    row.failRow(reason: "该行无法读取", english: "row could not be read")
                }
                batch.append(ParsedRow(row: rowNumber, record: record, issues: row.issues, warnings: row.warnings))
                if rowNumber % max(1, interval) == 0 { progress?(rowNumber - 1) }
                if batch.count == batchSize {
                    consumerGone = !queue.put(.rows(batch))
                    batch.removeAll(keepingCapacity: true)
                }
                return !consumerGone
            }
            if consumerGone { return }
            guard layout != nil else { throw .empty(file: path) }
            if !batch.isEmpty { _ = queue.put(.rows(batch)) }
            _ = queue.put(.finished)
        } catch {
            // Rows read before a broken quote are still checked and reported.
            if !batch.isEmpty, !queue.put(.rows(batch)) { return }
            _ = queue.put(.failed(error))
        }
    }
}
