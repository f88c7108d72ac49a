import BangfuApp
import BangfuCore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API's answers (spec §9): the spec's shapes as bytes, and errors as
/// `{"error": {"code", "message"}}` with the status their kind calls for.
enum APIResponse {
    /// `value` as JSON, written by the same encoder as the command line's.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let bytes = try JSONTextEncoder().bytes(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The error's status and code: one mapping for every route.
    static func status(of error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case SignInError.locked: (.tooManyRequests, "locked")
        case is SignInError: (.unauthorized, "unauthorized")
        case AuthorityError.roleLacks, AuthorityError.importNeedsCityAccount, AuthorityError.otherUnion, AuthorityError.formsNeedCityAccount: (.forbidden, "forbidden")
        case UploadError.tooLarge: (.contentTooLarge, "too_large")
        case is BatchComputeBusy: (.conflict, "compute_running")
        case let refusal as FrameworkRefusal where refusal.status == .methodNotAllowed: (.methodNotAllowed, "method_not_allowed")
        case let refusal as FrameworkRefusal where refusal.status == .contentTooLarge: (.contentTooLarge, "too_large")
        case let error as any UserFacingError:
            switch error.failure {
            case .invalidValue: (.badRequest, "invalid_value")
            case .badInput: (.unprocessableContent, "bad_input")
            case .refused: (.conflict, "refused")
            case .notFound: (.notFound, "not_found")
            case .unavailable: (.serviceUnavailable, "unavailable")
            }
        default: (.internalServerError, "internal")
        }
    }

    /// The error as the API answers it; the Chinese message of a `UserFacingError`, a fixed
    /// sentence for anything else (whose text is for the log, not the client).
    static func error(_ error: any Error) -> Response {
        let (status, code) = status(of: error)
        let message = (error as? any UserFacingError)?.chinese ?? "服务器内部错误"
        let body = "{\"error\": {\"code\": \(JSONText.quote(code)), \"message\": \(JSONText.quote(message))}}"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// A query parameter or a field that cannot take its value (400).
struct InvalidField: UserFacingError {
    let field: String
    let value: String

    var chinese: String { "\(field) 的值「\(value.escapedForDisplay)」无效" }
    var english: String { "\(field) \(value.escapedForDisplay) is not a valid value" }
    var failure: Failure { .invalidValue }
}
