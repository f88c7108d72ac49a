import BangfuCore
import Foundation
import Hummingbird
import NIOFileSystem

/// Uploaded bytes go to files of their own in the upload folder (`WebSettings.uploadFolder`),
/// readable by this user only, and never into memory whole: an import file may be hundreds
/// of megabytes.
enum TemporaryUpload {
    /// A new, unused path for an upload in `folder`.
    static func newPath(in folder: URL) -> URL {
        folder.appendingPathComponent("bangfu-upload-\(UUID().uuidString)")
    }

    /// Writes `body` to a new file in `folder` and returns its path; past `limit` bytes the
    /// upload is refused (`UploadError.tooLarge`) and the file removed, as on any failure.
    static func write(_ body: RequestBody, limit: Int, in folder: URL) async throws -> URL {
        let url = newPath(in: folder)
        try await writing(to: url) { writer in
            var total = 0
            for try await chunk in body {
                total += chunk.readableBytes
                guard total <= limit else { throw UploadError.tooLarge(limit: limit) }
                _ = try await writer.write(contentsOf: chunk)
            }
        }
        return url
    }

    /// Runs `body` with a buffered writer on a new file at `url` (asynchronous file I/O,
    /// off the event loop); the file is removed when anything throws. A file the server
    /// cannot write (a full disk, a folder it may not write) is `UploadError.cannotStore`.
    static func writing(to url: URL, _ body: (inout BufferedWriter<WriteFileHandle>) async throws -> Void) async throws {
        do {
            try await FileSystem.shared.withFileHandle(
                forWritingAt: FilePath(url.path), options: .newFile(replaceExisting: false, permissions: [.ownerRead, .ownerWrite])
            ) { handle in
                try await handle.withBufferedWriter { writer in try await body(&writer) }
            }
        } catch let error as FileSystemError {
            try? FileManager.default.removeItem(at: url)
            throw UploadError.cannotStore(english: String(describing: error))
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// Refuses a request that announces more than `limit` bytes before reading any.
    static func checkDeclaredLength(_ request: Request, limit: Int) throws {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw UploadError.tooLarge(limit: limit) }
    }
}

/// The most bytes of an upload when `buildRouter` is given no limit: a million-row CSV is
/// about 200 MB.
public let defaultUploadLimit = 256 << 20

/// Why an upload is refused before any of it is read as an import file.
enum UploadError: Error, Equatable, UserFacingError {
    /// More bytes than the server accepts (HTTP 413).
    case tooLarge(limit: Int)
    /// A form upload whose type is not `multipart/form-data` with a boundary.
    case notAForm
    /// A form whose parts break the multipart format, or end before its last boundary.
    case malformedForm
    /// A form with more than one file.
    case severalFiles
    /// A text field past `MultipartForm.fieldLimit` bytes, or too many fields.
    case fieldTooLong(String)
    /// The server could not write the upload to its disk (full, or not writable): HTTP 503.
    case cannotStore(english: String)

    var chinese: String {
        switch self {
        case .tooLarge(let limit): "上传的文件超过\(limit >> 20) MB，请拆分后分批导入"
        case .notAForm: "上传须为 multipart/form-data 表单"
        case .malformedForm: "上传的表单格式错误或不完整，请重新上传"
        case .severalFiles: "一次只能上传一个文件"
        case .fieldTooLong(let name): "表单字段「\(name.escapedForDisplay)」过长或字段过多"
        case .cannotStore: "服务器无法保存上传的文件（磁盘空间不足或临时文件夹不可写），未导入任何数据，请联系管理员"
        }
    }

    var english: String {
        switch self {
        case .tooLarge(let limit): "the upload is larger than \(limit >> 20) MB"
        case .notAForm: "the upload must be multipart/form-data"
        case .malformedForm: "the form is malformed or cut short"
        case .severalFiles: "one file per upload"
        case .fieldTooLong(let name): "the form field \(name.escapedForDisplay) is too long, or there are too many fields"
        case .cannotStore(let english): "the upload cannot be written to the server's disk: \(english)"
        }
    }

    var failure: Failure {
        if case .cannotStore = self { return .unavailable }
        return .invalidValue
    }
}

/// Answered as the API answers it on any router, also on a page's router without the
/// API's error middleware: 413 or 400 with `{"error": {"code", "message"}}`.
extension UploadError: HTTPResponseError {
    var status: HTTPResponse.Status { APIResponse.status(of: self).0 }

    func response(from request: Request, context: some RequestContext) throws -> Response { APIResponse.error(self) }
}
