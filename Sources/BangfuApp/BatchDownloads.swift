import BangfuCore
import BangfuExport
import BangfuStore

/// A file to hand a browser: its bytes, its name and its type.
public struct Download: Sendable {
    public var bytes: [UInt8]
    /// The name a browser saves it under, e.g. `春节慰问公示名单.xlsx`.
    public var fileName: String
    /// A plain ASCII name for clients that cannot read `fileName`: `batch-7-notice.xlsx`.
    public var asciiFileName: String
    public var contentType: String
}

/// The two lists of a batch as downloads (spec §9 `notice.xlsx`, `bank.csv`…).
public enum BatchList: String, Sendable, CaseIterable {
    /// 公示名单: anyone in scope who may `.exportNotice`, once computed.
    case notice
    /// 银行发放清单: finance only, once approved.
    case bank
}

/// The file formats a list downloads as.
public enum DownloadFormat: String, Sendable, CaseIterable {
    case xlsx, csv

    var spreadsheet: SpreadsheetFormat { self == .xlsx ? .xlsx : .csv }
}

extension BatchList {
    /// The list and format a download's file name asks for: `notice.xlsx`, `bank.csv`.
    public static func file(named name: String) -> (BatchList, DownloadFormat)? {
        let parts = name.split(separator: ".")
        guard parts.count == 2, let list = BatchList(rawValue: String(parts[0])), let format = DownloadFormat(rawValue: String(parts[1])) else { return nil }
        return (list, format)
    }
}

extension Batches {
    /// The days a 公示 runs, from the day of the download, as `batch export` defaults.
    public static let noticeDays = 7

    /// `list` of batch `id` as a file of `format` for `viewer`, written through
    /// `noticeSheet` / `bankSheet` (their checks and their audit line).
    /// `round` 1, 2… is a re-issue's bank list (补发, issue 19).
    public static func download(
        _ list: BatchList, as format: DownloadFormat, batch id: Int64, round: Int = 0, viewer: Account, in store: some BatchStore & AuditStore,
        context: RequestContext
    ) throws -> Download {
        let sheet =
            switch list {
            case .notice: try noticeSheet(batch: id, from: context.today, days: noticeDays, viewer: viewer, in: store, context: context)
            case .bank: try bankSheet(batch: id, round: round, viewer: viewer, in: store, context: context)
            }
        let name = try store.batch(id).name
        let reissue = list == .bank && round > 0
        let title = list == .notice ? "公示名单" : reissue ? "补发清单\(round)" : "银行发放清单"
        return Download(
            bytes: try bytes(of: sheet, as: format.spreadsheet), fileName: "\(name)\(title).\(format.rawValue)",
            asciiFileName: "batch-\(id)-\(list.rawValue)\(reissue ? "-\(round)" : "").\(format.rawValue)",
            contentType: format == .xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8")
    }
}
