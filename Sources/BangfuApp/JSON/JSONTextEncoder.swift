import BangfuCore

/// Encodes any `Encodable` as a `JSONText`: object keys in the order `encode(to:)` writes them,
/// an `ExactDecimal` as its digits and a `JSONRatio` as `JSONText.ratio` gives it. The one way
/// every front end turns the spec's JSON shapes into text (the command line element by element,
/// the web a document at a time); Foundation's `JSONEncoder` reads the same types.
public struct JSONTextEncoder: Sendable {
    /// An encoder; it has no options: the spec fixes the output.
    public init() {}

    /// The JSON value of `value`.
    public func encode(_ value: some Encodable) throws -> JSONText {
        try JSONTextEncoding.box(value, parent: nil, step: nil)
    }
}

/// One value being encoded and, once its `encode(to:)` has returned, its JSON: a single value,
/// an object's members or an array's elements, with the nested containers still being filled
/// kept aside until then. Its coding path is worked out only when asked for (an error), so that
/// a million small values cost no path arrays.
private final class JSONTextEncoding: Encoder {
    private let parent: JSONTextEncoding?
    private let step: Step?
    private var kind = Kind.empty
    private var value = JSONText.null
    private var members: [(String, JSONText)] = []
    private var elements: [JSONText] = []
    /// Nested containers and super-encoders, by the place their value takes.
    private var pending: [(index: Int, encoder: JSONTextEncoding)] = []

    enum Kind { case empty, value, object, array }

    /// Where a value sits in its parent.
    enum Step {
        case key(any CodingKey)
        case index(Int)

        var key: any CodingKey {
            switch self {
            case .key(let key): key
            case .index(let index): JSONKey(intValue: index)
            }
        }
    }

    init(parent: JSONTextEncoding?, step: Step?, kind: Kind = .empty) {
        self.parent = parent
        self.step = step
        self.kind = kind
    }

    var codingPath: [any CodingKey] { (parent?.codingPath ?? []) + (step.map { [$0.key] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The JSON of `value`: the special numbers and the common leaves directly, anything else
    /// through its `encode(to:)`.
    static func box<T: Encodable>(_ value: T, parent: JSONTextEncoding?, step: Step?) throws -> JSONText {
        if T.self == String.self { return .string(value as! String) }
        if T.self == Int.self { return .number(value as! Int) }
        if T.self == ExactDecimal.self { return .decimal(value as! ExactDecimal) }
        if T.self == JSONRatio.self { return JSONText.ratio((value as! JSONRatio).value) }
        let encoder = JSONTextEncoding(parent: parent, step: step)
        try value.encode(to: encoder)
        return encoder.resolved
    }

    /// What `encode(to:)` wrote; an empty object when it wrote nothing, as `JSONEncoder` does.
    var resolved: JSONText {
        switch kind {
        case .empty: return .object([])
        case .value: return value
        case .object:
            var members = members
            for (index, encoder) in pending { members[index].1 = encoder.resolved }
            return .object(members)
        case .array:
            var elements = elements
            for (index, encoder) in pending { elements[index] = encoder.resolved }
            return .array(elements)
        }
    }

    func set(_ value: JSONText) {
        kind = .value
        self.value = value
    }

    func add(_ value: JSONText, _ key: some CodingKey) { members.append((key.stringValue, value)) }
    func add(_ value: JSONText) { elements.append(value) }
    var count: Int { elements.count }

    /// A child encoder whose value fills the member `key` when this one is resolved.
    func child(forKey key: some CodingKey, kind: Kind) -> JSONTextEncoding {
        let child = JSONTextEncoding(parent: self, step: .key(key), kind: kind)
        pending.append((members.count, child))
        members.append((key.stringValue, .null))
        return child
    }

    /// A child encoder whose value is the next element when this one is resolved.
    func nextChild(kind: Kind) -> JSONTextEncoding {
        let child = JSONTextEncoding(parent: self, step: .index(elements.count), kind: kind)
        pending.append((elements.count, child))
        elements.append(.null)
        return child
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if kind != .object {
            kind = .object
            members = []
            pending = []
        }
        return KeyedEncodingContainer(ObjectContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if kind != .array {
            kind = .array
            elements = []
            pending = []
        }
        return ArrayContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
    static let superKey = JSONKey(stringValue: "super")
}

/// Leaves as JSON: integers that fit an `Int`, finite doubles; anything else is refused as
/// `JSONEncoder` refuses it.
private enum Leaf {
    static func integer(_ value: some BinaryInteger, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONText {
        guard let number = Int(exactly: value) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath(), debugDescription: "\(value) does not fit an Int"))
        }
        return .number(number)
    }

    static func double(_ value: Double, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONText {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath(), debugDescription: "\(value) is not a JSON number"))
        }
        return .double(value)
    }
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTextEncoding
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { encoder.add(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.add(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.add(.string(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.add(.number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.add(try Leaf.integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoder.add(try Leaf.double(value, codingPath + [key]), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.add(try JSONTextEncoding.box(value, parent: encoder, step: .key(key)), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(ObjectContainer<NestedKey>(encoder: encoder.child(forKey: key, kind: .object)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        ArrayContainer(encoder: encoder.child(forKey: key, kind: .array))
    }

    mutating func superEncoder() -> any Encoder { encoder.child(forKey: JSONKey.superKey, kind: .empty) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.child(forKey: key, kind: .empty) }
}

private struct ArrayContainer: UnkeyedEncodingContainer {
    let encoder: JSONTextEncoding
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    private var nextPath: [any CodingKey] { codingPath + [JSONKey(intValue: count)] }

    mutating func encodeNil() throws { encoder.add(.null) }
    mutating func encode(_ value: Bool) throws { encoder.add(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.add(.string(value)) }
    mutating func encode(_ value: Int) throws { encoder.add(.number(value)) }
    mutating func encode(_ value: Int64) throws { encoder.add(try Leaf.integer(value, nextPath)) }
    mutating func encode(_ value: Double) throws { encoder.add(try Leaf.double(value, nextPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.add(try JSONTextEncoding.box(value, parent: encoder, step: .index(count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(ObjectContainer<NestedKey>(encoder: encoder.nextChild(kind: .object)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { ArrayContainer(encoder: encoder.nextChild(kind: .array)) }

    mutating func superEncoder() -> any Encoder { encoder.nextChild(kind: .empty) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTextEncoding
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.set(.null) }
    mutating func encode(_ value: Bool) throws { encoder.set(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.set(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.set(try Leaf.double(value, codingPath)) }
    mutating func encode(_ value: Float) throws { encoder.set(try Leaf.double(Double(value), codingPath)) }
    mutating func encode(_ value: Int) throws { encoder.set(.number(value)) }
    mutating func encode(_ value: Int8) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int16) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int32) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int64) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt8) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt16) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt32) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt64) throws { encoder.set(try Leaf.integer(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.set(try JSONTextEncoding.box(value, parent: encoder, step: nil))
    }
}
