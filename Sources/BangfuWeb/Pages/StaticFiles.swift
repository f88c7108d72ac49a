import Foundation
import HTTPTypes
import Hummingbird

/// The style sheet, shipped as a resource and read once; browsers may keep it an hour.
func addStaticFiles(to router: Router<WebContext>) {
    let css = Bundle.module.url(forResource: "bangfu", withExtension: "css", subdirectory: "Static").flatMap { try? Data(contentsOf: $0) } ?? Data()
    router.get("static/bangfu.css") { _, _ -> Response in
        Response(
            status: css.isEmpty ? .notFound : .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: css)))
    }
}
