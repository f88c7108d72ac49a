import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// The batches in the browser (spec §9): the list, a new batch, and a batch's page with its
/// entries, its steps as buttons for the role whose turn it is, and its two lists. Each
/// step is a form that redirects back to the batch with what happened; a step the server
/// refuses (state, role, segregation of duties) comes back as its reason on the same page.
/// Computing runs in the background (`BatchComputes`), the page refreshing itself meanwhile.
func addBatchPages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, computes: BatchComputes, renderer: PageRenderer, settings: WebSettings) {
    let notices = PageNotices()

    pages.get("batches") { _, context -> Response in
        let account = try context.signedIn()
        let batches = try await Blocking.run { try Batches.records(viewer: account, in: store) }
        return try renderer.page("batches", BatchPageValues.list(batches, account: account, token: context.token ?? ""))
    }

    pages.get("batches/new") { _, context -> Response in
        let account = try context.signedIn()
        try Batches.requirePreparer(account)
        let form = BatchForm(kind: BatchKind.living.rawValue, policy: "", date: try context.request().today.description, name: "", project: "", budget: .none)
        return try renderer.page("batch-new", BatchPageValues.form(form, problems: [], settings: settings, account: account, token: context.token ?? ""))
    }

    pages.post("batches/new") { request, context -> Response in
        let account = try context.signedIn()
        let fields = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        let form = BatchForm(
            kind: fields["kind"] ?? "", policy: fields["policy"] ?? "", date: fields["date"] ?? "", name: fields["name"] ?? "",
            project: fields["project"] ?? "", budget: .yuanText(fields["budget"] ?? ""))
        let now = try context.request()
        do {
            let id = try await Blocking.run { try Batches.create(form, policiesDirectory: settings.policiesDirectory, in: store, context: now).id }
            await notices.leave(.init(text: "已新建批次 \(id)，下一步：计算", isRefusal: false), for: context.token ?? "")
            return redirect(to: "/batches/\(id)")
        } catch let refusal as BatchFormRefusal {
            return try renderer.page(
                "batch-new", BatchPageValues.form(form, problems: refusal.problems, settings: settings, account: account, token: context.token ?? ""),
                status: .unprocessableContent)
        }
    }

    pages.get("batches/:id") { request, context -> Response in
        let account = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let query = request.uri.queryParameters
        let filter = query["filter"].flatMap { BatchEntryFilter(rawValue: String($0)) } ?? .all
        let page = max(Int(query["page"].map(String.init) ?? "") ?? 1, 1)
        // The job before the batch: a computation ending between the two reads then shows
        // as running (one more refresh), never as a draft with no computation.
        let job = await computes.job(batch: id)
        let detail = try await Blocking.run {
            try Batches.detail(batch: id, filter: filter, page: page, perPage: BatchPageValues.perPage, viewer: account, in: store)
        }
        let notice = await notices.take(for: context.token ?? "")
        return try renderer.page("batch", BatchPageValues.batch(detail, job: job, notice: notice, account: account, token: context.token ?? ""))
    }

    pages.post("batches/:id/compute") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now in
            try await Blocking.run { try Batches.checkCompute(batch: id, in: store, context: now) }
            try await computes.start(batch: id, context: now)
            return "已开始计算，完成前本页每几秒自动刷新"
        }
    }

    pages.post("batches/:id/review") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now, form in
            guard let stage = form["stage"].flatMap(Policy.ReviewStage.init(rawValue:)) else { throw InvalidField(field: "stage", value: form["stage"] ?? "") }
            let status = try await Blocking.run { try Batches.review(batch: id, stage: stage, in: store, context: now) }
            return "已完成\(stage.chineseName)，批次状态：\(status.chineseName)"
        }
    }

    pages.post("batches/:id/approve") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now in
            _ = try await Blocking.run { try Batches.approve(batch: id, in: store, context: now) }
            return "已审批，批次对象和金额从此不再改变"
        }
    }

    pages.post("batches/:id/pay") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now, form in
            guard let day = CalendarDate((form["date"] ?? "").trimmed) else { throw PageStepProblem.paymentDate(form["date"] ?? "") }
            let paid = try await Blocking.run { try Batches.pay(batch: id, on: day, payer: now.actor, in: store, context: now) }
            return "已发放：\(paid.records) 条救助记录，合计 \(paid.total.formatted) 元，发放日期 \(day)"
        }
    }

    pages.post("batches/:id/exclude") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now, form in
            guard let number = IDNumber(form["id_number"] ?? "") else { throw PageStepProblem.idNumber }
            let reason = (form["reason"] ?? "").trimmed
            guard !reason.isEmpty else { throw PageStepProblem.exclusionReason }
            let count = try await Blocking.run { try Batches.exclude(batch: id, idNumber: number, reason: reason, in: store, context: now) }
            return "已剔除 \(count) 条（\(form["name"] ?? "")），批次合计已重算"
        }
    }

    pages.get("batches/:id/:file") { request, context -> Response in
        let account = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let file = try context.parameters.require("file")
        guard let (list, format) = BatchList.file(named: file) else { throw HTTPError(.notFound) }
        let round = try reissueRound(request)
        let now = try context.request()
        let download = try await Blocking.run { try Batches.download(list, as: format, batch: id, round: round, viewer: account, in: store, context: now) }
        return attachment(download)
    }

    addBatchReturnPages(to: pages, store: store, notices: notices, settings: settings)
}

/// A step's form on batch `:id`: the token checked, `body` run, and back to the batch page
/// with what it did — or, when the server refuses it, with the reason.
func pageStep(
    _ request: Request, _ context: WebContext, _ notices: PageNotices,
    _ body: @escaping @Sendable (Int64, BangfuApp.RequestContext, FormBody) async throws -> String
) async throws -> Response {
    _ = try context.signedIn()
    let id = try context.parameters.require("id", as: Int64.self)
    let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
    let now = try context.request()
    let notice: PageNotices.Notice
    do {
        notice = .init(text: try await body(id, now, form), isRefusal: false)
    } catch let error as any UserFacingError where !(error is SignInError) {
        // Out of scope stays not found: the page of a batch one may not see does not exist.
        if case .notFound = error.failure { throw error }
        notice = .init(text: error.chinese, isRefusal: true)
    }
    await notices.leave(notice, for: context.token ?? "")
    return redirect(to: "/batches/\(id)")
}

func pageStep(
    _ request: Request, _ context: WebContext, _ notices: PageNotices,
    _ body: @escaping @Sendable (Int64, BangfuApp.RequestContext) async throws -> String
) async throws -> Response {
    try await pageStep(request, context, notices) { id, now, _ in try await body(id, now) }
}

/// A download as an attachment, its name in UTF-8 (`filename*`) with an ASCII fallback.
func attachment(_ download: Download) -> Response {
    let encoded = PageLinks.query(download.fileName)
    return Response(
        status: .ok,
        headers: [
            .contentType: download.contentType,
            .contentDisposition: "attachment; filename=\"\(download.asciiFileName)\"; filename*=UTF-8''\(encoded)",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: download.bytes)))
}

/// A step's form field the page itself cannot read.
enum PageStepProblem: Error, UserFacingError {
    case paymentDate(String)
    case idNumber
    case exclusionReason

    var chinese: String {
        switch self {
        case .paymentDate(let text): "发放日期「\(text.escapedForDisplay)」无效，请填写 YYYY-MM-DD 格式的日期"
        case .idNumber: "请在对象所在行点“剔除”"
        case .exclusionReason: "剔除须填写原因"
        }
    }

    var english: String {
        switch self {
        case .paymentDate: "payment date is not a date"
        case .idNumber: "no valid id number given"
        case .exclusionReason: "an exclusion needs a reason"
        }
    }

    var failure: Failure { .invalidValue }
}
