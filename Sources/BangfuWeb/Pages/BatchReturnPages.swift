import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// A paid batch's page after payment (issue 19): the bank's return file uploaded (finance),
/// a re-issue (补发) prepared, approved and paid, a failed transfer cancelled. Each form
/// returns to the batch page with what happened; a refused return file lists every bad row
/// there, and nothing of it is recorded.
func addBatchReturnPages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, notices: PageNotices, settings: WebSettings) {
    pages.post("batches/:id/reconcile") { request, context -> Response in
        _ = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        try SameOrigin.check(request)
        let upload = try await receiveUpload(request, context: context, limit: settings.uploadLimit, into: settings.uploadFolder)
        defer { upload.discard() }
        guard let sent = upload.fields["_csrf"], constantTimeEqual(sent, BrowserSession.formToken(of: context.token ?? "")) else {
            throw FormRefused.missingToken
        }
        let now = try context.request()
        var notice: PageNotices.Notice
        if let file = upload.file {
            let name = uploadName(upload.filename)
            do {
                let summary = try await Blocking.run { try BankReturns.reconcile(batch: id, file: file.path, fileName: name, in: store, context: now) }
                notice = .init(text: summary.chinese("已登记回盘「\(name)」"), isRefusal: false)
            } catch let error as BankReturnError {
                notice = .init(text: error.chinese.split(separator: "\n").first.map(String.init) ?? "", isRefusal: true, lines: error.issues.map(\.chinese))
            } catch let error as any UserFacingError where !(error is SignInError) {
                if case .notFound = error.failure { throw error }
                notice = .init(text: error.chinese, isRefusal: true)
            }
        } else {
            notice = .init(text: "请选择银行回盘文件", isRefusal: true)
        }
        await notices.leave(notice, for: context.token ?? "")
        return redirect(to: "/batches/\(id)")
    }

    pages.post("batches/:id/reissue") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now in
            let (round, transfers) = try await Blocking.run { try BankReturns.prepareReissue(batch: id, in: store, context: now) }
            let total = transfers.reduce(Money.zero) { $0 + $1.amount }
            return "已编制第 \(round) 次补发：\(transfers.count) 笔，合计 \(total.formatted) 元，待审批"
        }
    }

    pages.post("batches/:id/reissue/approve") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now in
            let round = try await Blocking.run { try BankReturns.approveReissue(batch: id, in: store, context: now) }
            return "第 \(round) 次补发已审批，待发放"
        }
    }

    pages.post("batches/:id/reissue/pay") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now, form in
            guard let day = CalendarDate((form["date"] ?? "").trimmed) else { throw PageStepProblem.paymentDate(form["date"] ?? "") }
            let paid = try await Blocking.run { try BankReturns.payReissue(batch: id, on: day, in: store, context: now) }
            return "第 \(paid.round) 次补发已发放：\(paid.records) 条救助记录，合计 \(paid.total.formatted) 元，补发日期 \(day)"
        }
    }

    pages.post("batches/:id/cancel-transfer") { request, context -> Response in
        try await pageStep(request, context, notices) { id, now, form in
            guard let transfer = Int64(form["transfer"] ?? "") else { throw PageStepProblem.idNumber }
            let reason = (form["reason"] ?? "").trimmed
            let count = try await Blocking.run { try BankReturns.cancel(batch: id, transfer: transfer, reason: reason, in: store, context: now) }
            return "已取消 \(count) 笔失败的转账（\(form["name"] ?? "")），不再补发"
        }
    }
}
