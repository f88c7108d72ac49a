import Foundation
import Hummingbird
import MultipartKit
import NIOFileSystem

/// A browser form's upload (`multipart/form-data`): its small text fields (`kind`,
/// `_csrf`, …) and its one file, written to a temporary file.
public struct Upload: Sendable {
    /// The text fields by name; a name sent twice keeps its last value.
    public var fields: [String: String]
    /// The temporary file holding the file part, or nil when the form sent none (no file
    /// chosen). Whoever receives it removes it (`discard`, or `ImportJobs` takes it over).
    public var file: URL?
    /// The file's name on the sender's computer, as the form gave it.
    public var filename: String?

    /// Removes the temporary file.
    public func discard() {
        if let file { try? FileManager.default.removeItem(at: file) }
    }
}

/// Reads the `multipart/form-data` body of `request` as it streams (multipart-kit's
/// `MultipartParser`): the file part goes to a temporary file, never whole into memory,
/// and the text fields are kept. More than `limit` bytes in all is refused with
/// `UploadError.tooLarge` (413) and nothing is left behind, as on any other failure. The
/// file goes to `folder` (`WebSettings.uploadFolder`).
public func receiveUpload(
    _ request: Request, context: WebContext, limit: Int, into folder: URL = FileManager.default.temporaryDirectory
) async throws -> Upload {
    try TemporaryUpload.checkDeclaredLength(request, limit: limit)
    guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else { throw UploadError.notAForm }
    let parser = MultipartParser(boundary: boundary)
    let form = MultipartForm()
    parser.onHeader = { name, value in form.header(name, value) }
    parser.onBody = { bytes in form.body(&bytes) }
    parser.onPartComplete = { form.partComplete() }
    let url = TemporaryUpload.newPath(in: folder)
    try await TemporaryUpload.writing(to: url) { writer in
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            guard total <= limit else { throw UploadError.tooLarge(limit: limit) }
            do { try parser.execute(chunk) } catch { throw UploadError.malformedForm }
            if let failure = form.failure { throw failure }
            if form.fileBytes.readableBytes > 0 {
                _ = try await writer.write(contentsOf: form.fileBytes)
                form.fileBytes.clear()
            }
        }
        guard form.isComplete else { throw UploadError.malformedForm }
    }
    guard form.hasFile else {
        try? FileManager.default.removeItem(at: url)
        return Upload(fields: form.fields, file: nil, filename: nil)
    }
    return Upload(fields: form.fields, file: url, filename: uploadName(form.filename))
}

/// The parts of a form as `MultipartParser` reports them, one at a time: headers, body
/// bytes, end. The file part's bytes wait in `fileBytes` until the caller writes them.
final class MultipartForm {
    /// The most bytes of one text field, and the most fields: a form of ours has a handful
    /// of short ones.
    static let fieldLimit = 64 << 10
    static let fieldCountLimit = 64

    private(set) var fields: [String: String] = [:]
    private(set) var filename: String?
    private(set) var hasFile = false
    var fileBytes = ByteBuffer()
    /// Why the form is refused; the caller stops at the next chunk.
    private(set) var failure: UploadError?
    /// Whether at least one part ended and no part is open: the form reached its end.
    var isComplete: Bool { partCount > 0 && !inPart }

    private var inPart = false
    private var partCount = 0
    private var name: String?
    private var partFilename: String?
    private var text: [UInt8] = []

    /// `multipart/form-data; boundary=----x` → `----x`.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parameters = Self.parameters(contentType)
        guard parameters.value.lowercased() == "multipart/form-data", let boundary = parameters.named["boundary"], !boundary.isEmpty,
            boundary.utf8.count <= 200
        else { return nil }
        return boundary
    }

    func header(_ name: String, _ value: String) {
        beginPart()
        guard name.lowercased() == "content-disposition" else { return }
        let parameters = Self.parameters(value)
        self.name = parameters.named["name"]
        partFilename = parameters.named["filename"]
        if partFilename != nil {
            // A second file, even an empty one, is refused rather than silently dropped.
            if hasFile { failure = .severalFiles }
            hasFile = true
            filename = partFilename
        }
    }

    func body(_ bytes: inout ByteBuffer) {
        beginPart()
        if partFilename != nil {
            fileBytes.writeBuffer(&bytes)
        } else {
            guard text.count + bytes.readableBytes <= Self.fieldLimit else {
                failure = .fieldTooLong(name ?? "")
                return
            }
            text += bytes.readableBytesView
        }
    }

    func partComplete() {
        beginPart()
        inPart = false
        partCount += 1
        if partFilename == nil, let name {
            guard fields.count < Self.fieldCountLimit else {
                failure = .fieldTooLong(name)
                return
            }
            fields[name] = String(decoding: text, as: UTF8.self)
        }
        // A file input left empty sends a part with `filename=""` and no bytes: no file.
        if let partFilename, partFilename.isEmpty {
            hasFile = false
            filename = nil
        }
        name = nil
        partFilename = nil
        text.removeAll(keepingCapacity: true)
    }

    private func beginPart() {
        inPart = true
    }

    /// A header value's main value and its `key=value` parameters, quoted or not
    /// (`form-data; name="file"; filename="户籍 2024.xlsx"`). A backslash is a character like
    /// any other, as browsers send it (HTML's form encoding writes a `"` in a name as `%22`
    /// and escapes nothing with `\`): an old browser's `C:\Users\…` path stays a path.
    static func parameters(_ header: String) -> (value: String, named: [String: String]) {
        var pieces: [String] = []
        var current = ""
        var inQuote = false
        for character in header {
            if character == "\"" {
                inQuote.toggle()
            } else if character == ";" && !inQuote {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        var named: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            named[key] = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return (pieces[0].trimmingCharacters(in: .whitespaces), named)
    }
}
