import BangfuCore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /api/v1/openapi.json` (spec §9): the OpenAPI document kept in the repository
/// (`Sources/BangfuWeb/OpenAPI/openapi.json`), shipped as a resource and served as it is, so
/// that what clients read and what the conformance tests check are the same bytes. No
/// sign-in: the document describes the API, not anyone's data.
func addOpenAPIDocument(to api: RouterGroup<WebContext>) {
    let document = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI").flatMap { try? Data(contentsOf: $0) }
    api.get("openapi.json") { _, _ -> Response in
        guard let document else { throw OpenAPIDocumentMissing() }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
}

/// The program's OpenAPI document cannot be read: an installation fault, not the client's.
struct OpenAPIDocumentMissing: UserFacingError {
    var chinese: String { "API 文档缺失，请重新安装程序" }
    var english: String { "the OpenAPI document is missing from the resources" }
    var failure: Failure { .unavailable }
}
