import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A JSON value as the schema checker reads it. Decoded with `JSONDecoder`, not
/// `JSONSerialization`, because the latter gives one `NSNumber` for `1`, `1.5` and `true`,
/// and an integer schema must refuse a boolean and a fraction.
indirect enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
    static func parse(_ text: String) throws -> JSONValue { try parse(Data(text.utf8)) }

    subscript(key: String) -> JSONValue? { object?[key] }

    var object: [String: JSONValue]? { if case .object(let members) = self { members } else { nil } }
    var array: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var integer: Int? { if case .integer(let number) = self { number } else { nil } }
}

/// Checks a JSON value against a schema of the OpenAPI document, for the subset of JSON
/// Schema the document uses. `SchemaChecker.understood` lists that subset; a test keeps the
/// document to it, so that no keyword is silently ignored.
struct SchemaChecker: Sendable {
    /// The document `$ref`s point into.
    let root: JSONValue

    /// The keywords that constrain a value, each checked here.
    static let understood: Set<String> = ["$ref", "type", "nullable", "required", "properties", "items", "enum", "pattern", "minimum", "maximum"]
    /// Keywords for people and generators only: nothing to check.
    static let annotations: Set<String> = ["description", "format", "default"]

    /// The schema a `$ref` names (`#/components/schemas/Batch`), or nil when it names nothing.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") {
            node = node?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    /// `node` itself, or what its `$ref` names (nil when that is nothing).
    func resolved(_ node: JSONValue) -> JSONValue? {
        guard let reference = node["$ref"]?.string else { return node }
        return resolve(reference).flatMap(resolved)
    }

    /// Every way `value` (at `path`, for the messages) breaks `schema`; empty when it fits.
    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        if let reference = schema["$ref"]?.string {
            guard let target = resolve(reference) else { return ["\(path): $ref \(reference) names nothing"] }
            return problems(value, target, at: path)
        }
        if value == .null {
            return schema["nullable"] == .bool(true) ? [] : ["\(path): null where the schema allows no null"]
        }
        if let type = schema["type"]?.string, !Self.value(value, isOf: type) {
            return ["\(path): \(Self.describe(value)) where the schema wants \(type)"]
        }
        var found: [String] = []
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            found.append("\(path): \(Self.describe(value)) is not one of \(allowed.compactMap(\.string))")
        }
        if let pattern = schema["pattern"]?.string, let text = value.string, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum {
                found.append("\(path): \(Self.describe(value)) is below the minimum \(Self.plain(minimum))")
            }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum {
                found.append("\(path): \(Self.describe(value)) is above the maximum \(Self.plain(maximum))")
            }
        }
        if let members = value.object {
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where members[key] == nil {
                found.append("\(path): the required key \"\(key)\" is missing")
            }
            for (key, property) in schema["properties"]?.object ?? [:] {
                if let member = members[key] { found += problems(member, property, at: "\(path).\(key)") }
            }
        }
        if let items = value.array, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
        }
        return found
    }

    private static func value(_ value: JSONValue, isOf type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("integer", .integer): true
        case ("number", .integer), ("number", .number): true
        default: false
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    /// A bound as the document writes it: `0`, not `0.0`.
    private static func plain(_ number: Double) -> String { number == number.rounded() ? String(Int(number)) : String(number) }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "the boolean \(flag)"
        case .integer(let number): "the integer \(number)"
        case .number(let number): "the number \(number)"
        case .string(let text): "the string \"\(text)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// The OpenAPI document kept in the repository, and what it says a request may be answered.
struct APIContract: Sendable {
    /// Where the API is mounted: the document's `servers[0].url`.
    static let prefix = "/api/v1"
    /// The document's file in the repository (the resource the server ships).
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BangfuWeb/OpenAPI/openapi.json")

    let bytes: Data
    let document: JSONValue
    var checker: SchemaChecker { SchemaChecker(root: document) }

    init() throws {
        bytes = try Data(contentsOf: Self.file)
        document = try JSONValue.parse(bytes)
    }

    /// Every documented operation: its method (`POST`), path template (`/batches/{id}/pay`)
    /// and the operation object.
    var operations: [(method: String, path: String, operation: JSONValue)] {
        (document["paths"]?.object ?? [:]).sorted { $0.key < $1.key }.flatMap { path, item in
            (item.object ?? [:]).sorted { $0.key < $1.key }.map { (method: $0.key.uppercased(), path: path, operation: $0.value) }
        }
    }

    /// The documented path template a request path (`/api/v1/batches/7/pay`) falls under:
    /// a literal segment before a parameter, as the router chooses (`/households/unchanged`
    /// before `/households/{archive_no}`).
    func template(for requestPath: String) -> String? {
        guard requestPath.hasPrefix(Self.prefix) else { return nil }
        let segments = requestPath.dropFirst(Self.prefix.count).split(separator: "/")
        let matching = (document["paths"]?.object ?? [:]).keys.filter { template in
            let parts = template.split(separator: "/")
            return parts.count == segments.count && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return matching.max { $0.split(separator: "/").filter { !$0.hasPrefix("{") }.count < $1.split(separator: "/").filter { !$0.hasPrefix("{") }.count }
    }

    /// What is wrong with answering `method path` with `status`, `contentType` and `body`:
    /// an undocumented operation or status, a body of another type or another shape.
    func problems(method: String, path: String, status: Int, contentType: String?, body: Data) -> [String] {
        guard let template = template(for: path), let operation = document["paths"]?[template]?[method.lowercased()] else {
            return ["\(method) \(path) is not a documented operation"]
        }
        let name = "\(method) \(template)"
        guard let documented = operation["responses"]?[String(status)] else {
            return ["\(name) answered \(status), which the document does not list"]
        }
        let response = checker.resolved(documented) ?? documented
        guard let content = response["content"]?.object else {
            return body.isEmpty ? [] : ["\(name) \(status): the document says no body, the server sent \(body.count) bytes"]
        }
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let schema = content[type]?["schema"] else {
            return ["\(name) \(status): content type \"\(contentType ?? "none")\" is not one of \(content.keys.sorted())"]
        }
        // A file (a list's xlsx or csv) is checked by its type alone: a binary string.
        if type != "application/json" { return schema["format"]?.string == "binary" && !body.isEmpty ? [] : ["\(name) \(status): an empty or undocumented file"] }
        guard let value = try? JSONValue.parse(body) else { return ["\(name) \(status): the body is not JSON: \(String(decoding: body, as: UTF8.self))"] }
        return checker.problems(value, schema).map { "\(name) \(status): \($0)" }
    }

    /// What is wrong with `body` as the JSON request body of `method template`; nothing to
    /// check where the operation takes no JSON (an import's file, a step without a body).
    func requestProblems(method: String, template: String, body: String) -> [String] {
        guard let schema = document["paths"]?[template]?[method.lowercased()]?["requestBody"]?["content"]?["application/json"]?["schema"] else {
            return []
        }
        guard let value = try? JSONValue.parse(body) else { return ["the request body is not JSON"] }
        return checker.problems(value, schema).map { "\(method) \(template) request: \($0)" }
    }
}

/// One request's answer, checked against the document.
struct CheckedAnswer {
    var status: HTTPResponse.Status
    var body: JSONValue?
    /// How the answer breaks the document; empty when it conforms.
    var problems: [String]

    /// The answer's `error.code`, for an error.
    var errorCode: String? { body?["error"]?["code"]?.string }
}

extension APIContract {
    /// `method uri` through `client` with `headers` and `body`, checked against the document:
    /// the answer's status must be `expected`, and its status and body as documented. A body
    /// meant to conform (`bodyConforms`) is checked against the request schema first, so the
    /// document's request side is held to what the server accepts.
    @discardableResult
    func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil,
        bodyConforms: Bool = true, expecting expected: HTTPResponse.Status,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CheckedAnswer {
        let path = String(uri.split(separator: "?", maxSplits: 1)[0])
        if let body, bodyConforms, let template = template(for: path) {
            let sent = requestProblems(method: method.rawValue, template: template, body: body)
            #expect(sent.isEmpty, "\(sent)", sourceLocation: sourceLocation)
        }
        let answer = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let bytes = Data(buffer: response.body)
            return CheckedAnswer(
                status: response.status, body: try? JSONValue.parse(bytes),
                problems: problems(method: method.rawValue, path: path, status: response.status.code, contentType: response.headers[.contentType], body: bytes))
        }
        #expect(answer.status == expected, "\(method) \(uri): \(answer.body.map { "\($0)" } ?? "no JSON body")", sourceLocation: sourceLocation)
        #expect(answer.problems.isEmpty, "\(answer.problems)", sourceLocation: sourceLocation)
        return answer
    }
}

/// The checker itself: a conformance test is only as good as its ability to refuse.
struct OpenAPICheckerTests {
    let checker: SchemaChecker
    let entry: JSONValue

    init() throws {
        checker = SchemaChecker(root: try JSONValue.parse(#"{"components": {"schemas": {"Day": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}}}"#))
        entry = try JSONValue.parse(
            """
        {"type": "object", "required": ["name", "archive_no", "eligible", "amount_fen", "reasons", "kind"],
         "properties": {"name": {"type": "string"}, "archive_no": {"type": "string", "nullable": true}, "eligible": {"type": "boolean"},
          "amount_fen": {"type": "integer", "minimum": 0}, "reasons": {"type": "array", "items": {"type": "string"}},
          "kind": {"type": "string", "enum": ["living", "warmth"]}, "date": {"$ref": "#/components/schemas/Day"}}}
        """)
    }

    @Test func aValueThatFitsTheSchemaHasNoProblem() throws {
        let value = try JSONValue.parse(
            #"{"name": "王", "archive_no": null, "eligible": true, "amount_fen": 0, "reasons": ["a"], "kind": "living", "date": "2024-01-20", "extra": 1}"#)
        #expect(checker.problems(value, entry).isEmpty)
    }

    @Test(arguments: [
        (#""eligible": 1"#, "$.eligible: the integer 1 where the schema wants boolean"),
        (#""amount_fen": 1.5"#, "$.amount_fen: the number 1.5 where the schema wants integer"),
        (#""amount_fen": -1"#, "$.amount_fen: the integer -1 is below the minimum 0"),
        (#""name": null"#, "$.name: null where the schema allows no null"),
        (#""kind": "medical""#, "$.kind: the string \"medical\" is not one of [\"living\", \"warmth\"]"),
        (#""reasons": ["a", 2]"#, "$.reasons[1]: the integer 2 where the schema wants string"),
        (#""date": "2024/01/20""#, "$.date: \"2024/01/20\" does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    ])
    func aValueThatBreaksTheSchemaIsNamedWithItsPath(member: String, problem: String) throws {
        let base = [#""name": "王""#, #""archive_no": "QD-001""#, #""eligible": true"#, #""amount_fen": 0"#, #""reasons": []"#, #""kind": "living""#]
        let key = member.split(separator: ":")[0]
        let value = try JSONValue.parse("{" + (base.filter { !$0.hasPrefix(key) } + [member]).joined(separator: ", ") + "}")
        #expect(checker.problems(value, entry) == [problem])
    }

    @Test func aMissingRequiredKeyAndAnUnresolvedReferenceAreProblems() throws {
        let value = try JSONValue.parse(#"{"name": "王", "eligible": true, "amount_fen": 0, "reasons": [], "kind": "living"}"#)
        #expect(checker.problems(value, entry) == [#"$: the required key "archive_no" is missing"#])
        #expect(checker.problems(.string("x"), try JSONValue.parse(##"{"$ref": "#/components/schemas/Nothing"}"##)) == ["$: $ref #/components/schemas/Nothing names nothing"])
    }
}
