import BangfuCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The page templates (`Templates/*.mustache`, shipped as the target's resources), read once
/// and rendered over dictionaries (stack.md: three times faster than over structs). Every
/// value is HTML-escaped by Mustache's `{{…}}`; the unescaped `{{{…}}}` is used only for the
/// forms' charts, SVG documents whose every text `SVG` has escaped already.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// The templates shipped with the program, or why they could not be read.
    static let bundled: Result<PageRenderer, PageTemplatesMissing> = {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return .failure(PageTemplatesMissing(detail: "no Templates folder in the resources")) }
        var library = MustacheLibrary()
        for name in names.sorted() where name.hasSuffix(".mustache") {
            do {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                library.register(try MustacheTemplate(string: text), named: String(name.dropLast(".mustache".count)))
            } catch {
                return .failure(PageTemplatesMissing(detail: "\(name): \(error)"))
            }
        }
        return .success(PageRenderer(library: library))
    }()

    /// Template `name` over `values` as an HTML answer.
    func page(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(values, withTemplate: name) else { throw PageTemplatesMissing(detail: "no template \(name)") }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The program's page templates cannot be read: an installation fault, not the user's.
struct PageTemplatesMissing: Error, UserFacingError {
    let detail: String
    var chinese: String { "页面模板缺失，请重新安装程序" }
    var english: String { "page templates missing: \(detail)" }
    var failure: Failure { .unavailable }
}

/// A redirect after a form (303, so the browser follows with GET) or to the sign-in page.
func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}
