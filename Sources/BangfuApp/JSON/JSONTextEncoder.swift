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
        try JSONTextEncoding.box(value, codingPath: [])
    }
}

/// One value being encoded: what its `encode(to:)` asked for (a single value, a keyed or an
/// unkeyed container), resolved into a `JSONText` once it has returned.
private final class JSONTextEncoding: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var storage: Storage = .empty

    enum Storage {
        case empty
        case value(JSONText)
        case object(ObjectStorage)
        case array(ArrayStorage)
    }

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    /// The JSON of `value`: the special numbers and the common leaves directly, anything else
    /// through its `encode(to:)`.
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONText {
        switch value {
        case let text as String: return .string(text)
        case let number as Int: return .number(number)
        case let flag as Bool: return .bool(flag)
        case let decimal as ExactDecimal: return .decimal(decimal)
        case let ratio as JSONRatio: return JSONText.ratio(ratio.value)
        default:
            let encoder = JSONTextEncoding(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.resolved
        }
    }

    /// What `encode(to:)` wrote; an empty object when it wrote nothing, as `JSONEncoder` does.
    var resolved: JSONText {
        switch storage {
        case .empty: .object([])
        case .value(let value): value
        case .object(let object): object.resolved
        case .array(let array): array.resolved
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectStorage
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = ObjectStorage()
            storage = .object(object)
        }
        return KeyedEncodingContainer(ObjectContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayStorage
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = ArrayStorage()
            storage = .array(array)
        }
        return ArrayContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

/// A member or element not known until its container is done: a nested container or a
/// super-encoder's value.
private enum Pending {
    case done(JSONText)
    case object(ObjectStorage)
    case array(ArrayStorage)
    case encoder(JSONTextEncoding)

    var resolved: JSONText {
        switch self {
        case .done(let value): value
        case .object(let object): object.resolved
        case .array(let array): array.resolved
        case .encoder(let encoder): encoder.resolved
        }
    }
}

/// An object's members in the order they were encoded.
private final class ObjectStorage {
    var members: [(String, Pending)] = []
    var resolved: JSONText { .object(members.map { ($0.0, $0.1.resolved) }) }
}

/// An array's elements in order.
private final class ArrayStorage {
    var elements: [Pending] = []
    var resolved: JSONText { .array(elements.map(\.resolved)) }
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
    static func integer(_ value: some BinaryInteger, _ codingPath: [any CodingKey]) throws -> JSONText {
        guard let number = Int(exactly: value) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) does not fit an Int"))
        }
        return .number(number)
    }

    static func double(_ value: Double, _ codingPath: [any CodingKey]) throws -> JSONText {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) is not a JSON number"))
        }
        return .double(value)
    }
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectStorage
    let codingPath: [any CodingKey]

    init(object: ObjectStorage, codingPath: [any CodingKey]) {
        self.object = object
        self.codingPath = codingPath
    }

    private func add(_ value: JSONText, _ key: Key) { object.members.append((key.stringValue, .done(value))) }

    mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(.number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(try Leaf.integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(try Leaf.double(value, codingPath + [key]), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        add(try JSONTextEncoding.box(value, codingPath: codingPath + [key]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectStorage()
        object.members.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayStorage()
        object.members.append((key.stringValue, .array(nested)))
        return ArrayContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: JSONKey.superKey) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let encoder = JSONTextEncoding(codingPath: codingPath + [key])
        object.members.append((key.stringValue, .encoder(encoder)))
        return encoder
    }
}

private struct ArrayContainer: UnkeyedEncodingContainer {
    let array: ArrayStorage
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    private var nextPath: [any CodingKey] { codingPath + [JSONKey(intValue: count)] }
    private func add(_ value: JSONText) { array.elements.append(.done(value)) }

    mutating func encodeNil() throws { add(.null) }
    mutating func encode(_ value: Bool) throws { add(.bool(value)) }
    mutating func encode(_ value: String) throws { add(.string(value)) }
    mutating func encode(_ value: Int) throws { add(.number(value)) }
    mutating func encode(_ value: Int64) throws { add(try Leaf.integer(value, nextPath)) }
    mutating func encode(_ value: Double) throws { add(try Leaf.double(value, nextPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { add(try JSONTextEncoding.box(value, codingPath: nextPath)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectStorage(), path = nextPath
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(object: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayStorage(), path = nextPath
        array.elements.append(.array(nested))
        return ArrayContainer(array: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = JSONTextEncoding(codingPath: nextPath)
        array.elements.append(.encoder(encoder))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTextEncoding
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: JSONText) { encoder.storage = .value(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(try Leaf.double(value, codingPath)) }
    mutating func encode(_ value: Float) throws { set(try Leaf.double(Double(value), codingPath)) }
    mutating func encode(_ value: Int) throws { set(.number(value)) }
    mutating func encode(_ value: Int8) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int16) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int32) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int64) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt8) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt16) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt32) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt64) throws { set(try Leaf.integer(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try JSONTextEncoding.box(value, codingPath: codingPath)) }
}
