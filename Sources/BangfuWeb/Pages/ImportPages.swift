import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Hummingbird

/// The import wizard (spec §9): upload a CSV or xlsx → every problem shown → import all or
/// nothing. The file streams to disk; checking and importing run as background jobs whose
/// page refreshes itself (no script), so no request waits on a long file.
func addImportPages(to pages: RouterGroup<WebContext>, jobs: ImportJobs, renderer: PageRenderer, settings: WebSettings) {
    pages.get("imports") { _, context -> Response in
        let account = try context.signedIn()
        try Imports.requireImporter(account)
        return try renderer.page("import", ImportPageValues.start(account: account, token: context.token ?? ""))
    }

    pages.post("imports") { request, context -> Response in
        let account = try context.signedIn()
        try Imports.requireImporter(account)
        try SameOrigin.check(request)
        let upload = try await receiveUpload(request, context: context, limit: settings.uploadLimit, into: settings.uploadFolder)
        guard let sent = upload.fields["_csrf"], constantTimeEqual(sent, BrowserSession.formToken(of: context.token ?? "")) else {
            upload.discard()
            throw FormRefused.missingToken
        }
        guard let kind = upload.fields["kind"].flatMap(ImportKind.init(rawValue:)), let file = upload.file else {
            upload.discard()
            var values = ImportPageValues.start(account: account, token: context.token ?? "")
            values["problem"] = upload.file == nil ? "请选择要上传的文件" : "请选择导入的表格种类"
            return try renderer.page("import", values, status: .unprocessableContent)
        }
        let id = await jobs.start(kind, file: file, named: uploadName(upload.filename), mode: .check, by: account)
        return redirect(to: "/imports/\(id)")
    }

    // An empty file of the kind's columns, with a byte-order mark so that Excel reads the
    // Chinese headers as UTF-8.
    pages.get("imports/templates/:file") { _, context -> Response in
        _ = try context.signedIn()
        let file = try context.parameters.require("file")
        guard file.hasSuffix(".csv"), let kind = ImportKind(rawValue: String(file.dropLast(4))) else { throw HTTPError(.notFound) }
        var body = ByteBuffer(bytes: [0xEF, 0xBB, 0xBF])
        body.writeString(kind.headers.joined(separator: ",") + "\r\n")
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(kind.rawValue).csv\""],
            body: .init(byteBuffer: body))
    }

    pages.get("imports/:job") { _, context -> Response in
        let account = try context.signedIn()
        let id = ImportJobID(try context.parameters.require("job"))
        guard let job = await jobs.job(id, for: account) else { throw ImportJobError.notFound }
        return try renderer.page("import-job", ImportPageValues.job(job, account: account, token: context.token ?? ""))
    }

    pages.post("imports/:job/store") { request, context -> Response in
        let account = try context.signedIn()
        _ = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        let id = try await jobs.store(checked: ImportJobID(try context.parameters.require("job")), by: account)
        return redirect(to: "/imports/\(id)")
    }
}

/// The wizard's pages as the templates read them.
enum ImportPageValues {
    static func start(account: Account, token: String) -> [String: Any] {
        var values = PageFrame.values("导入表格", account: account, token: token, current: "/imports")
        values["kinds"] = ImportKind.allCases.map { ["value": $0.rawValue, "label": $0.title, "columns": $0.headers.joined(separator: "、")] }
        return values
    }

    static func job(_ job: ImportJobs.Job, account: Account, token: String) -> [String: Any] {
        var values = PageFrame.values("导入表格", account: account, token: token, current: "/imports")
        values["fileName"] = job.fileName
        values["kind"] = job.kind.title
        values["checking"] = job.mode == .check
        switch job.state {
        case .queued:
            values["running"] = true
            values["progress"] = "排队等候中……"
        case .reading(let rows):
            values["running"] = true
            values["progress"] = (job.mode == .check ? "正在检查" : "正在导入") + "，已读取 \(rows) 行……"
        case .done(let summary):
            values["done"] = true
            values["rows"] = summary.rows
            values["written"] = summary.written
            values["skipped"] = summary.skipped
            values["warnings"] = summary.warnings.map { ["row": $0.row.map(String.init) ?? "—", "message": $0.message] }
            values["hasWarnings"] = !summary.warnings.isEmpty
            values["storeAction"] = "/imports/\(job.id)/store"
        case .failed(let failure):
            values["failed"] = true
            values["message"] = failure.message
            values["problemCount"] = failure.problems.count
            values["problems"] = failure.problems.map { issue -> [String: Any] in
                [
                    "row": issue.row, "column": issue.column.isEmpty ? "（整行）" : issue.column + (issue.columnLetter.isEmpty ? "" : "（\(issue.columnLetter) 列）"),
                    "value": issue.value, "reason": issue.reason,
                ]
            }
            values["hasProblems"] = !failure.problems.isEmpty
        }
        return values
    }
}
