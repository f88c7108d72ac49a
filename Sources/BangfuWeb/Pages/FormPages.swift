import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// The self-evaluation forms (绩效自评, spec §7, §9): the summary of every project of
/// `--policies DIR/projects`, each project's form with its charts, the records behind each
/// derived actual, and the xlsx downloads. Who may read them is `ProjectForms`' decision.
func addFormPages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer, settings: WebSettings) {
    let folder = settings.policiesDirectory
    pages.get("forms") { _, context -> Response in
        let account = try context.signedIn()
        let evaluations = try await Blocking.run { try ProjectForms.summary(policiesDirectory: folder, viewer: account, in: store) }
        var values = PageFrame.values("绩效自评", account: account, token: context.token ?? "", current: "/forms")
        values["projects"] = evaluations.map(FormPageValues.summaryLine)
        values["hasProjects"] = !evaluations.isEmpty
        return try renderer.page("forms", values)
    }
    pages.get("forms.xlsx") { _, context -> Response in
        let account = try context.signedIn()
        let now = try context.request()
        let file = try await Blocking.run { try ProjectForms.summaryWorkbook(policiesDirectory: folder, viewer: account, in: store, context: now) }
        return FormDownload.xlsx(file.bytes, filename: file.filename)
    }
    pages.get("forms/:project") { _, context -> Response in
        let account = try context.signedIn()
        let segment = try context.parameters.require("project")
        // The download is the form's path with `.xlsx`: one route, as the router cannot tell
        // a parameter with a suffix from one without in the same place.
        if segment.hasSuffix(".xlsx") {
            let name = FormPageValues.projectName(String(segment.dropLast(".xlsx".count)))
            let now = try context.request()
            let file = try await Blocking.run {
                try ProjectForms.workbook(ofProject: name, policiesDirectory: folder, viewer: account, in: store, context: now)
            }
            return FormDownload.xlsx(file.bytes, filename: file.filename)
        }
        let name = FormPageValues.projectName(segment)
        let form = try await Blocking.run { try ProjectForms.form(named: name, policiesDirectory: folder, viewer: account, in: store) }
        var values = PageFrame.values("绩效自评表 \(form.evaluation.project.name)", account: account, token: context.token ?? "", current: "/forms")
        values.merge(FormPageValues.form(form)) { _, new in new }
        return try renderer.page("form", values)
    }
    // The 绩效自评报告 drafted from the form: a page to print, `?format=txt` the text to edit.
    pages.get("forms/:project/report") { request, context -> Response in
        let account = try context.signedIn()
        let name = FormPageValues.projectName(try context.parameters.require("project"))
        if request.uri.queryParameters["format"] == "txt" {
            let now = try context.request()
            let file = try await Blocking.run { try ProjectForms.reportText(ofProject: name, policiesDirectory: folder, viewer: account, in: store, context: now) }
            return FormDownload.document(file.bytes, filename: file.filename, contentType: "text/plain; charset=utf-8", ascii: "report.txt")
        }
        let report = try await Blocking.run { try ProjectForms.report(named: name, policiesDirectory: folder, viewer: account, in: store) }
        var values = PageFrame.values(report.title, account: account, token: context.token ?? "", current: "/forms")
        values["title"] = report.title
        values["formLink"] = "/forms/" + PageLinks.segment(name)
        values["projectName"] = name
        values["download"] = "/forms/" + PageLinks.segment(name) + "/report?format=txt"
        values["sections"] = report.sections.map { section -> [String: Any] in
            [
                "heading": section.heading,
                "paragraphs": section.paragraphs.map { ["text": $0, "todo": $0.contains(EvaluationReport.placeholder)] },
            ]
        }
        return try renderer.page("form-report", values)
    }
    pages.get("forms/:project/rows/:number") { request, context -> Response in
        let account = try context.signedIn()
        let name = FormPageValues.projectName(try context.parameters.require("project"))
        guard let number = Int(try context.parameters.require("number")) else { throw ProjectFormError.noSuchRow(project: name, row: 0) }
        let page = max(Int(request.uri.queryParameters["page"].map(String.init) ?? "") ?? 1, 1)
        let counted = try await Blocking.run {
            try ProjectForms.counted(
                row: number, ofProject: name, page: page, perPage: FormPageValues.perPage, policiesDirectory: folder, viewer: account, in: store)
        }
        var values = PageFrame.values("\(counted.row.indicator.name) · \(name)", account: account, token: context.token ?? "", current: "/forms")
        values.merge(FormPageValues.counted(counted, page: page)) { _, new in new }
        return try renderer.page("form-row", values)
    }
}

/// A download of a generated file: an attachment named in UTF-8 (RFC 6266 `filename*`), with an
/// ASCII name beside it for clients that read only `filename`.
enum FormDownload {
    static func xlsx(_ bytes: [UInt8], filename: String) -> Response {
        document(bytes, filename: filename, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ascii: "form.xlsx")
    }

    /// An attachment named in UTF-8, `ascii` for clients that read only the plain name.
    static func document(_ bytes: [UInt8], filename: String, contentType: String, ascii: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(PageLinks.query(filename))",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
