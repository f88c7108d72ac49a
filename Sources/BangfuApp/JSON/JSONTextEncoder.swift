import BangfuCore

/// Encodes any `Encodable` as JSON text in UTF-8 bytes: object keys in the order
/// `encode(to:)` writes them, `", "` and `": "` between members, an `ExactDecimal` as its
/// digits, a `JSONRatio` as its exact digits or the nearest double. The one way every front
/// end turns the spec's shapes into text — the command line element by element into its
/// stdout buffer, the web into a response body; Foundation's `JSONEncoder` reads the same
/// types.
///
/// The bytes are written as `encode(to:)` calls come, with no tree in between (issue 22): a
/// nested container is closed when its parent is written to again or its value ends. A
/// container written to after that is refused with an `EncodingError` (Foundation's encoder
/// would reorder it; no shape of ours does this), and a super-encoder that is never used
/// leaves its key out.
public struct JSONTextEncoder: Sendable {
    /// An encoder; it has no options: the spec fixes the output.
    public init() {}

    /// Appends the JSON of `value` to `bytes`; on an error, `bytes` is left as it was.
    public func encode(_ value: some Encodable, into bytes: inout [UInt8]) throws {
        // A listing's element (an entry, a household) writes itself, and cannot fail.
        if let writable = value as? any JSONBytesWritable { return writable.appendJSON(to: &bytes) }
        let encoding = JSONByteEncoding()
        let start = bytes.count
        swap(&encoding.bytes, &bytes)
        defer { swap(&encoding.bytes, &bytes) }
        do { try encoding.encodeWhole(value) } catch {
            encoding.bytes.removeSubrange(start...)
            throw error
        }
    }

    /// The JSON of `value` as bytes.
    public func bytes(_ value: some Encodable) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, into: &bytes)
        return bytes
    }

    /// The JSON of `value` as text.
    public func text(_ value: some Encodable) throws -> String { String(decoding: try bytes(value), as: UTF8.self) }

    /// The JSON of `head`, whose last member `key` is an empty array, cut after that array's
    /// `[`: the start of an object whose elements a front end writes as they are read
    /// (`batch show`, `GET /batches/{id}`), and closes with `]}`.
    public func openObject(_ head: some Encodable, streaming key: some CodingKey) throws -> [UInt8] {
        var object = try bytes(head)
        var emptyLast: [UInt8] = []
        JSONBytes.appendSeparator(to: &emptyLast)
        JSONBytes.appendKey(key.stringValue, to: &emptyLast)
        emptyLast.append(contentsOf: "[]}".utf8)
        guard object.count >= emptyLast.count, object.suffix(emptyLast.count).elementsEqual(emptyLast) else {
            throw EncodingError.invalidValue(key.stringValue, EncodingError.Context(codingPath: [key], debugDescription: "not the object's last member, or not empty"))
        }
        object.removeLast(2)
        return object
    }
}

/// Where a value sits in its parent: a member's key or an element's index (made into a
/// `CodingKey` only when a coding path is asked for, so that a million elements cost none).
private enum Step {
    case key(any CodingKey)
    case index(Int)

    var key: any CodingKey {
        switch self {
        case .key(let key): key
        case .index(let index): JSONKey(intValue: index)
        }
    }
}

/// The state of one encoding: the bytes so far and the containers still open.
///
/// Its state is touched by one encoding on one thread, never through two overlapping
/// accesses, so the run-time exclusivity checks are turned off for it: they were a sixth of
/// a million-archive listing (`perf`, issue 22).
private final class JSONByteEncoding: Encoder {
    @exclusivity(unchecked) var bytes: [UInt8] = []

    /// An open object or array: its closing byte, how many members it has so far, where it
    /// sits, and an id that tells a container whether its frame is still the one open here.
    struct Frame {
        let id: Int
        let isObject: Bool
        var count = 0
        let step: Step?
    }

    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var nextID = 0
    /// The first frame of the value being encoded (those below are its parents') and its step.
    @exclusivity(unchecked) private var valueDepth = 0
    @exclusivity(unchecked) private var valueStep: Step?
    /// A misuse found where the protocol cannot throw (a nested container taken from a
    /// container already closed); thrown at the next write and at the end.
    @exclusivity(unchecked) private var failure: EncodingError?

    var codingPath: [any CodingKey] { path(through: valueDepth) + (valueStep.map { [$0.key] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The keys down to the container at `frame - 1`.
    func path(through frame: Int) -> [any CodingKey] { frames.prefix(frame).compactMap { $0.step?.key } }

    func encodeWhole(_ value: some Encodable) throws {
        try box(value, step: nil)
        if let failure { throw failure }
    }

    /// Writes `value` where the next value goes: the common leaves directly, anything else
    /// through its `encode(to:)`, its containers closed after it; `{}` when it wrote
    /// nothing, as `JSONEncoder` does.
    func box<T: Encodable>(_ value: T, step: Step?) throws {
        if T.self == String.self { return JSONBytes.appendQuoted(unsafeBitCast(value, to: String.self), to: &bytes) }
        if T.self == Int.self { return JSONBytes.appendInteger(unsafeBitCast(value, to: Int.self), to: &bytes) }
        if T.self == String?.self { return appendOptional(unsafeBitCast(value, to: String?.self)) { JSONBytes.appendQuoted($0, to: &$1) } }
        if T.self == Int?.self { return appendOptional(unsafeBitCast(value, to: Int?.self)) { JSONBytes.appendInteger($0, to: &$1) } }
        if T.self == ExactDecimal.self { return bytes.append(contentsOf: unsafeBitCast(value, to: ExactDecimal.self).description.utf8) }
        if let writable = value as? any JSONBytesWritable { return writable.appendJSON(to: &bytes) }
        let (outerDepth, outerStep) = (valueDepth, valueStep)
        (valueDepth, valueStep) = (frames.count, step)
        defer { (valueDepth, valueStep) = (outerDepth, outerStep) }
        let start = bytes.count
        try value.encode(to: self)
        close(downTo: valueDepth)
        if bytes.count == start { bytes.append(contentsOf: "{}".utf8) }
    }

    private func appendOptional<Wrapped>(_ value: Wrapped?, _ append: (Wrapped, inout [UInt8]) -> Void) {
        if let value { append(value, &bytes) } else { appendNull() }
    }

    func appendNull() { bytes.append(contentsOf: "null".utf8) }
    func append(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    func append(_ value: String) { JSONBytes.appendQuoted(value, to: &bytes) }
    func append(_ value: Int) { JSONBytes.appendInteger(value, to: &bytes) }
    func append(_ value: JSONText) { value.append(to: &bytes) }

    private func close(downTo depth: Int) {
        while frames.count > depth { bytes.append(frames.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) }
    }

    /// Opens a container for the value being encoded, or returns the one already open for it
    /// (a second `container(keyedBy:)` in one `encode(to:)` adds to the same object).
    func openValueFrame(isObject: Bool) -> (index: Int, id: Int) {
        if frames.count > valueDepth {
            close(downTo: valueDepth + 1)
            if frames[valueDepth].isObject != isObject { fail("a keyed and an unkeyed container for one value") }
            return (valueDepth, frames[valueDepth].id)
        }
        return push(isObject: isObject, step: valueStep)
    }

    /// Opens a container inside the open container `frame`, as its next member or element.
    func openNested(in frame: Int, id: Int, key: (any CodingKey)?, isObject: Bool) -> (index: Int, id: Int) {
        do {
            let step = try begin(frame, id, key: key)
            return push(isObject: isObject, step: step)
        } catch {
            fail("a nested container taken after its parent was closed")
            return push(isObject: isObject, step: nil)
        }
    }

    private func push(isObject: Bool, step: Step?) -> (index: Int, id: Int) {
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(id: nextID, isObject: isObject, step: step))
        nextID += 1
        return (frames.count - 1, nextID - 1)
    }

    /// Readies the container `frame` for its next member (`key`) or element: the containers
    /// opened inside it closed, a separator, the key. Its step, for a value's coding path.
    @discardableResult
    func begin(_ frame: Int, _ id: Int, key: (any CodingKey)?) throws -> Step {
        if let failure { throw failure }
        guard isOpen(frame, id: id) else {
            throw EncodingError.invalidValue(
                key?.stringValue ?? "", EncodingError.Context(codingPath: path(through: frame), debugDescription: "written after its container was closed"))
        }
        close(downTo: frame + 1)
        let index = frames[frame].count
        if index > 0 { JSONBytes.appendSeparator(to: &bytes) }
        frames[frame].count += 1
        guard let key else { return .index(index) }
        JSONBytes.appendKey(key.stringValue, to: &bytes)
        return .key(key)
    }

    /// Whether the container `frame` is still open.
    func isOpen(_ frame: Int, id: Int) -> Bool { frame < frames.count && frames[frame].id == id }

    /// How many elements the open container `frame` has.
    func count(of frame: Int, id: Int) -> Int { isOpen(frame, id: id) ? frames[frame].count : 0 }

    func fail(_ description: String) {
        if failure == nil { failure = EncodingError.invalidValue("", EncodingError.Context(codingPath: codingPath, debugDescription: description)) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (index, id) = openValueFrame(isObject: true)
        return KeyedEncodingContainer(ObjectContainer<Key>(encoder: self, frame: index, id: id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (index, id) = openValueFrame(isObject: false)
        return ArrayContainer(encoder: self, frame: index, id: id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self, step: valueStep) }
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
    let encoder: JSONByteEncoding
    let frame: Int
    let id: Int
    var codingPath: [any CodingKey] { encoder.path(through: frame + 1) }

    @discardableResult
    private func begin(_ key: Key) throws -> Step { try encoder.begin(frame, id, key: key) }

    mutating func encodeNil(forKey key: Key) throws {
        try begin(key)
        encoder.appendNull()
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try begin(key)
        encoder.append(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try begin(key)
        encoder.append(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        try begin(key)
        encoder.append(value)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        let leaf = try Leaf.integer(value, codingPath + [key])
        try begin(key)
        encoder.append(leaf)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        let leaf = try Leaf.double(value, codingPath + [key])
        try begin(key)
        encoder.append(leaf)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.box(value, step: try begin(key)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let (index, id) = encoder.openNested(in: frame, id: id, key: key, isObject: true)
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(encoder: encoder, frame: index, id: id))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let (index, id) = encoder.openNested(in: frame, id: id, key: key, isObject: false)
        return ArrayContainer(encoder: encoder, frame: index, id: id)
    }

    mutating func superEncoder() -> any Encoder { SuperEncoder(encoder: encoder, frame: frame, id: id, key: JSONKey.superKey) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { SuperEncoder(encoder: encoder, frame: frame, id: id, key: key) }
}

private struct ArrayContainer: UnkeyedEncodingContainer {
    let encoder: JSONByteEncoding
    let frame: Int
    let id: Int
    var codingPath: [any CodingKey] { encoder.path(through: frame + 1) }
    var count: Int { encoder.count(of: frame, id: id) }

    private var nextPath: [any CodingKey] { codingPath + [JSONKey(intValue: count)] }
    @discardableResult
    private func begin() throws -> Step { try encoder.begin(frame, id, key: nil) }

    mutating func encodeNil() throws {
        try begin()
        encoder.appendNull()
    }
    mutating func encode(_ value: Bool) throws {
        try begin()
        encoder.append(value)
    }
    mutating func encode(_ value: String) throws {
        try begin()
        encoder.append(value)
    }
    mutating func encode(_ value: Int) throws {
        try begin()
        encoder.append(value)
    }
    mutating func encode(_ value: Int64) throws {
        let leaf = try Leaf.integer(value, nextPath)
        try begin()
        encoder.append(leaf)
    }
    mutating func encode(_ value: Double) throws {
        let leaf = try Leaf.double(value, nextPath)
        try begin()
        encoder.append(leaf)
    }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.box(value, step: try begin()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (index, id) = encoder.openNested(in: frame, id: id, key: nil, isObject: true)
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(encoder: encoder, frame: index, id: id))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (index, id) = encoder.openNested(in: frame, id: id, key: nil, isObject: false)
        return ArrayContainer(encoder: encoder, frame: index, id: id)
    }

    mutating func superEncoder() -> any Encoder { SuperEncoder(encoder: encoder, frame: frame, id: id, key: nil) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONByteEncoding
    let step: Step?
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.appendNull() }
    mutating func encode(_ value: Bool) throws { encoder.append(value) }
    mutating func encode(_ value: String) throws { encoder.append(value) }
    mutating func encode(_ value: Double) throws { encoder.append(try Leaf.double(value, codingPath)) }
    mutating func encode(_ value: Float) throws { encoder.append(try Leaf.double(Double(value), codingPath)) }
    mutating func encode(_ value: Int) throws { encoder.append(value) }
    mutating func encode(_ value: Int8) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int16) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int32) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: Int64) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt8) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt16) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt32) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode(_ value: UInt64) throws { encoder.append(try Leaf.integer(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.box(value, step: step) }
}

/// The encoder of a `super` member: its key is written when it is first asked for a
/// container, so that the parent's members written in between keep their places.
private final class SuperEncoder: Encoder {
    let encoder: JSONByteEncoding
    let frame: Int
    let id: Int
    let key: (any CodingKey)?
    private var opened: (index: Int, id: Int, isObject: Bool)?

    init(encoder: JSONByteEncoding, frame: Int, id: Int, key: (any CodingKey)?) {
        self.encoder = encoder
        self.frame = frame
        self.id = id
        self.key = key
    }

    var codingPath: [any CodingKey] { encoder.path(through: frame + 1) + (key.map { [$0] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private func open(isObject: Bool) -> (index: Int, id: Int) {
        if let opened, opened.isObject == isObject, encoder.isOpen(opened.index, id: opened.id) { return (opened.index, opened.id) }
        let (index, id) = encoder.openNested(in: frame, id: id, key: key, isObject: isObject)
        opened = (index, id, isObject)
        return (index, id)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (index, id) = open(isObject: true)
        return KeyedEncodingContainer(ObjectContainer<Key>(encoder: encoder, frame: index, id: id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (index, id) = open(isObject: false)
        return ArrayContainer(encoder: encoder, frame: index, id: id)
    }

    /// A single value's key is written at once: the value is expected next.
    func singleValueContainer() -> any SingleValueEncodingContainer {
        do { return SingleValueContainer(encoder: encoder, step: try encoder.begin(frame, id, key: key)) } catch {
            encoder.fail("a super-encoder used after its container was closed")
            return SingleValueContainer(encoder: encoder, step: nil)
        }
    }
}
