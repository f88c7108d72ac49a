import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `receiveUpload`: a browser form's file to a temporary file, its text fields kept.
struct UploadTests {
    static let boundary = "----BangfuFormBoundary7MA4YWxk"

    /// A form as a browser sends it: each text field, then the file part.
    static func form(fields: [(String, String)], file: (name: String, bytes: [UInt8])?) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    static let formType: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    /// A router whose one route answers what `receiveUpload` gave: the fields, the file's
    /// name and bytes (base64), and whether the file existed; the file is then discarded.
    func router(limit: Int) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.post("upload") { request, context -> Response in
            let upload = try await receiveUpload(request, context: context, limit: limit)
            defer { upload.discard() }
            let bytes = try upload.file.map { try Data(contentsOf: $0).base64EncodedString() }
            let answer: [String: Any] = [
                "fields": upload.fields, "filename": upload.filename ?? NSNull(), "file": bytes ?? NSNull(),
                "private": upload.file.map { (try? FileManager.default.attributesOfItem(atPath: $0.path)[.posixPermissions] as? Int) == 0o600 } ?? NSNull(),
            ]
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(data: try JSONSerialization.data(withJSONObject: answer))))
        }
        return router
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test func theFileGoesToATemporaryFileAndTheTextFieldsAreKept() async throws {
        // A file whose bytes look like a boundary's beginning and hold CRs and LFs.
        let bytes: [UInt8] = Array("PK\u{3}\u{4}\r\n--not-the-boundary\r\n".utf8) + (0..<200_000).map { UInt8($0 % 251) }
        let body = Self.form(fields: [("kind", "households"), ("_csrf", "tok-123"), ("说明", "第二批")], file: ("户籍 2024.xlsx", bytes))
        let app = Application(router: router(limit: 1 << 20))
        try await app.test(.router) { client in
            try await client.execute(uri: "/upload", method: .post, headers: Self.formType, body: body) { response in
                #expect(response.status == .ok)
                let answer = try json(response.body)
                #expect(answer["fields"] as? [String: String] == ["kind": "households", "_csrf": "tok-123", "说明": "第二批"])
                #expect(answer["filename"] as? String == "户籍 2024.xlsx")
                #expect((answer["file"] as? String).flatMap { Data(base64Encoded: $0) } == Data(bytes))
                #expect(answer["private"] as? Bool == true)
            }
        }
    }

    @Test func aFormWithNoFileChosenHasNoFile() async throws {
        let app = Application(router: router(limit: 1 << 20))
        let body = Self.form(fields: [("kind", "aid")], file: ("", []))
        try await app.test(.router) { client in
            try await client.execute(uri: "/upload", method: .post, headers: Self.formType, body: body) { response in
                let answer = try json(response.body)
                #expect(answer["fields"] as? [String: String] == ["kind": "aid"])
                #expect(answer["file"] is NSNull)
                #expect(answer["filename"] is NSNull)
            }
        }
    }

    @Test func aFormOverTheLimitACutShortFormAndAnotherTypeAreRefused() async throws {
        let app = Application(router: router(limit: 1000))
        let large = Self.form(fields: [("kind", "aid")], file: ("a.csv", [UInt8](repeating: 65, count: 2000)))
        let whole = Self.form(fields: [("kind", "aid")], file: ("a.csv", [UInt8](repeating: 65, count: 100)))
        let cut = try #require(whole.getSlice(at: 0, length: whole.readableBytes - 30))
        try await app.test(.router) { client in
            try await client.execute(uri: "/upload", method: .post, headers: Self.formType, body: large) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/upload", method: .post, headers: Self.formType, body: cut) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/upload", method: .post, headers: [.contentType: "text/csv"], body: ByteBuffer(string: "a")) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
