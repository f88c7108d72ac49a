import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Hummingbird

/// After payment, through the JSON API (issue 19); each answers with the batch after the
/// step (§6.1, its entries' `transfer_*` keys saying where each transfer stands):
///
/// - `POST /api/v1/batches/{id}/reconcile` (body: the bank's return file, CSV or xlsx;
///   `?filename=` names it) → 200; 422 `{"error", "problems": [{"row", "column",
///   "column_letter", "value", "reason"}]}` with every bad row and nothing recorded.
/// - `POST …/reissue` → the failed transfers into a re-issue list (补发), awaiting approval.
/// - `POST …/reissue/approve`, `POST …/reissue/pay` `{"date"}` → the re-issue approved, paid.
/// - `POST …/cancel-transfer` `{"id_number", "reason"}` → a failed transfer given up.
///
/// 403 for a role that may not, 404 out of scope, 409 when the batch's state or the
/// segregation of duties refuses it.
func addBatchReturnRoutes(to group: RouterGroup<WebContext>, store: BangfuDatabase, limit: Int, folder: URL) {
    group.post("batches/:id/reconcile") { request, context -> Response in
        let viewer = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let now = try context.request()
        return try await withUploadedBody(request, limit: limit, in: folder) { file, name in
            do {
                _ = try await Blocking.run { try BankReturns.reconcile(batch: id, file: file.path, fileName: name, in: store, context: now) }
                return try await batchAnswer(id, viewer: viewer, store)
            } catch let error as BankReturnError where error.failure == .badInput {
                return try APIResponse.json(ReturnRefusal(error), status: .unprocessableContent)
            } catch let error as ImportError {
                // An empty file, or one without the return's columns: the same 422 shape,
                // its problems (if any) listed.
                return try APIResponse.json(ImportRefusal(error), status: .unprocessableContent)
            }
        }
    }
    group.post("batches/:id/reissue") { _, context -> Response in
        try await step(context, store) { id, now in _ = try BankReturns.prepareReissue(batch: id, in: store, context: now) }
    }
    group.post("batches/:id/reissue/approve") { _, context -> Response in
        try await step(context, store) { id, now in _ = try BankReturns.approveReissue(batch: id, in: store, context: now) }
    }
    group.post("batches/:id/reissue/pay") { request, context -> Response in
        let body = try await request.decode(as: PayBody.self, context: context)
        guard let day = CalendarDate(body.date) else { throw InvalidField(field: "date", value: body.date) }
        return try await step(context, store) { id, now in _ = try BankReturns.payReissue(batch: id, on: day, in: store, context: now) }
    }
    group.post("batches/:id/cancel-transfer") { request, context -> Response in
        let (number, reason) = try await ExcludeBody.read(request, context)
        return try await step(context, store) { id, now in
            _ = try BankReturns.cancel(batch: id, idNumber: number, reason: reason, in: store, context: now)
        }
    }
}

/// A refused return file: the error and every bad row, in the import's shape.
struct ReturnRefusal: Encodable {
    var error: ImportRefusal.ErrorJSON
    var problems: [ImportRefusal.ProblemJSON]

    init(_ error: BankReturnError) {
        self.error = ImportRefusal.ErrorJSON(code: "bad_input", message: error.chinese.split(separator: "\n").first.map(String.init) ?? "")
        problems = error.issues.map(ImportRefusal.ProblemJSON.init)
    }
}
