import BangfuApp
import BangfuCore
import HTTPTypes
import Hummingbird

/// Turns every error a route throws into an answer a person can read: the API's JSON error
/// under `/api/`, an error page with the Chinese message everywhere else. The message of an
/// unexpected error stays in the log.
struct ErrorAnswers: RouterMiddleware {
    typealias Context = WebContext
    let pages: PageRenderer?

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            // The framework's own refusals — no such route, a body that is not the JSON asked
            // for, a path parameter of the wrong type — in the API's error shape too.
            guard request.uri.path.hasPrefix("/api/") else {
                return page(status: error.status, message: error.status == .notFound ? "没有这个页面" : "请求无法处理", context: context)
            }
            if error.status == .notFound {
                let allowed = DocumentedMethods.shipped.methods(for: request.uri.path)
                if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                    var response = APIResponse.error(FrameworkRefusal(status: .methodNotAllowed))
                    response.headers[.allow] = allowed.joined(separator: ", ")
                    return response
                }
            }
            return APIResponse.error(FrameworkRefusal(status: error.status))
        } catch {
            if !(error is any UserFacingError) { context.logger.error("request failed: \(String(describing: error))") }
            if request.uri.path.hasPrefix("/api/") { return APIResponse.error(error) }
            if case SignInError.notSignedIn = error { return redirect(to: "/login") }
            let (status, _) = APIResponse.status(of: error)
            let message = (error as? any UserFacingError)?.chinese ?? "服务器内部错误，请稍后再试或联系管理员"
            return page(status: error is FormRefused ? .forbidden : status, message: message, context: context)
        }
    }

    private func page(status: HTTPResponse.Status, message: String, context: WebContext) -> Response {
        var values: [String: Any] = ["title": "无法完成", "message": message, "status": status.code]
        if let account = context.account, let token = context.token {
            values.merge(PageFrame.values("无法完成", account: account, token: token, current: "")) { kept, _ in kept }
        }
        guard let pages, var response = try? pages.page("error", values, status: status) else {
            return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: message)))
        }
        response.status = status
        return response
    }
}

/// A request Hummingbird refused before any route ran, as the API's error answer names it.
struct FrameworkRefusal: Error, UserFacingError {
    let status: HTTPResponse.Status

    var chinese: String {
        switch status {
        case .notFound: "没有这个接口"
        case .methodNotAllowed: "接口不支持这种请求方法"
        case .contentTooLarge: "请求内容过大"
        default: "请求格式错误：请求体须为接口文档所列的 JSON，路径中的编号须为数字"
        }
    }

    var english: String { "request refused: \(status)" }

    var failure: Failure {
        switch status {
        case .notFound: .notFound
        default: .invalidValue
        }
    }
}
