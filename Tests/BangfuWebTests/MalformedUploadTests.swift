import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Forms that are not what a browser sends: each is refused with 400 and the form's own
/// Chinese message, never a 500 or a crash, and never read on as an import.
struct MalformedUploadTests {
    let uploads = UploadTests()
    static let boundary = UploadTests.boundary

    /// A part's opening lines, then its bytes.
    static func part(_ disposition: String, _ content: String) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; \(disposition)\r\n\r\n\(content)\r\n"
    }

    static let end = "--\(boundary)--\r\n"

    static let malformed: [(String, String, String)] = [
        ("no boundary in the type", "multipart/form-data", part("name=\"kind\"", "aid") + end),
        ("an empty boundary", "multipart/form-data; boundary=", part("name=\"kind\"", "aid") + end),
        ("a boundary of 300 characters", "multipart/form-data; boundary=" + String(repeating: "b", count: 300), part("name=\"kind\"", "aid") + end),
        ("a body with another boundary", "multipart/form-data; boundary=other", part("name=\"kind\"", "aid") + end),
        ("an empty body", "multipart/form-data; boundary=\(boundary)", ""),
        ("only the closing boundary", "multipart/form-data; boundary=\(boundary)", end),
        ("no closing boundary", "multipart/form-data; boundary=\(boundary)", part("name=\"kind\"", "aid")),
        ("a part's headers that never end", "multipart/form-data; boundary=\(boundary)", "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n"),
        ("a header line without a colon", "multipart/form-data; boundary=\(boundary)", "--\(boundary)\r\nno colon here\r\n\r\naid\r\n" + end),
        ("text before the first boundary only", "multipart/form-data; boundary=\(boundary)", "hello, this is not a form"),
        ("two files", "multipart/form-data; boundary=\(boundary)", part("name=\"a\"; filename=\"a.csv\"", "x") + part("name=\"b\"; filename=\"b.csv\"", "y") + end),
        ("a text field of 70 KB", "multipart/form-data; boundary=\(boundary)", part("name=\"kind\"", String(repeating: "甲", count: 24_000)) + end),
        ("65 text fields", "multipart/form-data; boundary=\(boundary)", (0..<65).map { part("name=\"f\($0)\"", "x") }.joined() + end),
        ("a JSON body", "application/json", "{\"kind\": \"aid\"}"),
    ]

    @Test("a malformed form is refused with 400 and says why in Chinese", arguments: malformed.map { [$0.0, $0.1, $0.2] })
    func aMalformedFormIsRefused(form: [String]) async throws {
        let app = Application(router: uploads.router(limit: 1 << 20))
        try await app.test(.router) { client in
            try await client.execute(uri: "/upload", method: .post, headers: [.contentType: form[1]], body: ByteBuffer(string: form[2])) { response in
                #expect(response.status == .badRequest, "\(form[0])")
                let error = try #require(try uploads.json(response.body)["error"] as? [String: Any], "\(form[0])")
                let message = try #require(error["message"] as? String)
                #expect(message.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(form[0]): \(message)")
            }
        }
    }

    @Test(
        "a file's name from the sender's computer is kept without its folders",
        arguments: [
            ("../../etc/passwd", "passwd"), ("..\\..\\windows\\win.ini", "win.ini"), ("C:\\Users\\周婷\\户籍 2024.xlsx", "户籍 2024.xlsx"),
            ("/etc/shadow", "shadow"), ("..", "上传文件"), ("a\u{0}b.csv", "ab.csv"),
        ])
    func aFileNameKeepsNoFolders(given: String, kept: String) async throws {
        let body = UploadTests.form(fields: [("kind", "aid")], file: (given, Array("x".utf8)))
        let app = Application(router: uploads.router(limit: 1 << 20))
        try await app.test(.router) { client in
            try await client.execute(uri: "/upload", method: .post, headers: UploadTests.formType, body: body) { response in
                #expect(response.status == .ok)
                let answer = try uploads.json(response.body)
                #expect(answer["filename"] as? String == kept)
            }
        }
    }
}
