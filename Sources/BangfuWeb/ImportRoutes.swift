import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation
import Hummingbird

/// `POST /api/v1/imports/{households|members|model-workers|aid}` (spec §9): the body is
/// the file, CSV or xlsx, streamed to a temporary file (at most `limit` bytes, 413
/// beyond) and imported off the event loop, all or nothing. 200 with the summary; 422
/// with every problem and nothing stored; 403 for a union's account or a role that may
/// not import. `?filename=` names the file in the messages and the audit line.
func addImportRoutes(to group: RouterGroup<WebContext>, store: BangfuDatabase, limit: Int, folder: URL) {
    group.post("imports/:kind") { request, context -> Response in
        let word = try context.parameters.require("kind")
        guard let kind = ImportKind(rawValue: word) else { throw UnknownImportKind(word: word) }
        let now = try context.request()
        return try await withUploadedBody(request, limit: limit, in: folder) { file, name in
            do {
                let summary = try await Blocking.run { try Imports.run(kind, path: file.path, named: name, into: store, context: now) }
                return try APIResponse.json(ImportAnswer(summary))
            } catch let error as ImportError {
                return try APIResponse.json(ImportRefusal(error), status: .unprocessableContent)
            }
        }
    }
}

/// `body` with the request's body, a file, streamed to a temporary file in `folder` (at
/// most `limit` bytes, 413 beyond) and removed after, and the name `?filename=` gives it.
func withUploadedBody(_ request: Request, limit: Int, in folder: URL, _ body: (URL, String) async throws -> Response) async throws -> Response {
    try TemporaryUpload.checkDeclaredLength(request, limit: limit)
    let name = uploadName(request.uri.queryParameters["filename"].map(String.init))
    let file = try await TemporaryUpload.write(request.body, limit: limit, in: folder)
    defer { try? FileManager.default.removeItem(at: file) }
    return try await body(file, name)
}

/// The name an upload is known by: the last part of what the client sent — after a `/`,
/// or a `\` as older Windows browsers send the whole path — without control characters,
/// or `上传文件`. It is only ever shown, never a path.
func uploadName(_ given: String?) -> String {
    let last = (given ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(120).map(Character.init))
    return clean.isEmpty || clean == ".." || clean == "." ? "上传文件" : clean
}

/// An import kind the API does not know (404).
struct UnknownImportKind: UserFacingError {
    let word: String
    var chinese: String { "没有「\(word.escapedForDisplay)」这种导入（可选：\(ImportKind.allCases.map(\.rawValue).joined(separator: "、"))）" }
    var english: String { "no import named \(word.escapedForDisplay)" }
    var failure: Failure { .notFound }
}

/// The 200 answer: `{"rows", "written", "skipped", "warnings": [{"row", "message"}]}`.
struct ImportAnswer: Encodable {
    var rows: Int
    var written: Int
    var skipped: Int
    var warnings: [ImportWarningJSON]

    init(_ summary: ImportSummary) {
        rows = summary.rows
        written = summary.written
        skipped = summary.skipped
        warnings = summary.warnings.map(ImportWarningJSON.init)
    }
}

/// A warning of an import: its row (null for the file as a whole) and its Chinese text.
struct ImportWarningJSON: Encodable {
    var row: Int?
    var message: String

    init(_ warning: ImportWarning) {
        row = warning.row
        message = warning.message
    }

    enum CodingKeys: String, CodingKey { case row, message }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(row, forKey: .row)
        try container.encode(message, forKey: .message)
    }
}

/// The 422 answer: the API's error, and every problem of the file as the command line
/// reports it — `{"error": {"code", "message"}, "problems": [{"row", "column",
/// "column_letter", "value", "reason"}]}`; a problem with the row as a whole has a null column.
struct ImportRefusal: Encodable {
    var error: ErrorJSON
    var problems: [ProblemJSON]

    init(_ error: ImportError) {
        self.error = ErrorJSON(code: "bad_input", message: error.headline.chinese)
        problems = error.issues.map(ProblemJSON.init)
    }

    struct ErrorJSON: Encodable {
        var code: String
        var message: String
    }

    struct ProblemJSON: Encodable {
        var row: Int
        var column: String?
        var columnLetter: String?
        var value: String
        var reason: String

        init(_ issue: RowIssue) {
            row = issue.row
            column = issue.column.isEmpty ? nil : issue.column
            columnLetter = issue.columnLetter.isEmpty ? nil : issue.columnLetter
            value = issue.value
            reason = issue.reason
        }

        enum CodingKeys: String, CodingKey { case row, column, columnLetter = "column_letter", value, reason }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(row, forKey: .row)
            try container.encode(column, forKey: .column)
            try container.encode(columnLetter, forKey: .columnLetter)
            try container.encode(value, forKey: .value)
            try container.encode(reason, forKey: .reason)
        }
    }
}
