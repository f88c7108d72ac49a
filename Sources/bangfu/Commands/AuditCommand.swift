import ArgumentParser
import BangfuApp
import BangfuImport
import BangfuStore

extension Bangfu {
    /// `bangfu audit [--batch ID] [--account LOGIN] [--from D] [--to D]`: the append-only
    /// trail of imports, batch steps, exports, accounts and sign-ins.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "操作记录：导入、批次各环节、发放 (the audit trail).")
        @Option(help: "只列此批次 (one batch only)") var batch: Int64?
        @Option(help: "只列此账号或办理人 (one account only)") var account: String?
        @Option(help: "自此日起 YYYY-MM-DD (from)") var from: String?
        @Option(help: "至此日止 YYYY-MM-DD (to)") var to: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions
        @OptionGroup var rows: WindowOptions

        func run() throws {
            let filter = AuditFilter(
                batch: batch, account: account, from: try from.map { try dateOption($0, "--from") }, to: try to.map { try dateOption($0, "--to") })
            // In the order written; a page of it by `slice`, since the store's pages are in time order.
            let lines = rows.window.slice(try database.openForReading().auditLines(filter))
            let out = OutputStream()
            defer { out.flush() }
            switch output.format {
            case .json:
                try out.jsonArray { element in
                    for line in lines {
                        try element(AuditLineJSON(line))
                    }
                }
            case .csv:
                out.csvLine(["序号", "时间", "操作人", "操作", "批次", "对象", "说明"])
                for line in lines {
                    out.csvLine(["\(line.id)", line.at, line.actor, line.action.stored, line.batchID.map { "\($0)" } ?? "", line.subject, line.detail])
                }
            case .table:
                let table = StreamedTable(TextTable(headers: ["序号", "时间", "操作人", "操作", "批次", "对象", "说明"], rightAligned: [0, 4]), out: out)
                for line in lines {
                    table.append(["\(line.id)", line.at, line.actor, line.action.chineseName, line.batchID.map { "\($0)" } ?? "", line.subject, line.detail])
                }
                table.finish()
            }
        }
    }
}
