import CLibXML2

/// What an `XMLStream` reports: each element by its local name (namespace prefixes are
/// ignored, so that transitional and strict OOXML, which differ only in namespaces, read
/// alike) and each run of text, in document order.
protocol XMLStreamHandler: AnyObject {
    func start(_ name: XMLName, _ attributes: XMLAttributes)
    func end(_ name: XMLName)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// An element's local name as libxml2 hands it over: NUL-terminated UTF-8, valid only
/// during the callback.
struct XMLName {
    let pointer: UnsafePointer<UInt8>

    /// Whether the name is `literal`, compared byte by byte without making a `String`: the
    /// worksheet's callbacks run for every cell.
    func `is`(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for index in 0..<count where pointer[index] != bytes[index] { return false }
        return pointer[count] == 0
    }
}

/// An element's attributes as libxml2's SAX2 callback hands them over: five pointers per
/// attribute (local name, prefix, namespace, value start, value end).
struct XMLAttributes {
    let count: Int
    let pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    /// The value of the attribute named `name`; `namespaced` asks for one with a namespace
    /// (`r:id`, not `id`).
    func value(_ name: StaticString, namespaced: Bool = false) -> UnsafeBufferPointer<UInt8>? {
        guard let pointers else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let local = pointers[base], XMLName(pointer: local).is(name) else { continue }
            if namespaced, pointers[base + 2] == nil { continue }
            guard let start = pointers[base + 3], let end = pointers[base + 4] else { return nil }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value as a `String`.
    func string(_ name: StaticString, namespaced: Bool = false) -> String? {
        value(name, namespaced: namespaced).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// One part of a workbook parsed with libxml2's SAX push parser: bytes go in as the zip
/// entry is inflated, so memory stays at one chunk whatever the part's size (Foundation's
/// `XMLParser(data:)` needs the whole part and fails past ~10 MB, stack.md). A document
/// type declaration stops the parse: OOXML has none, and refusing it keeps entity
/// expansion (billion laughs) and external entities out; the network is never used.
final class XMLStream {
    private var parser: xmlParserCtxtPtr?
    /// Held strongly: an `unowned` reference costs a side-table retain on every callback;
    /// handlers refer back to the stream weakly.
    private let handler: any XMLStreamHandler
    /// The part's name in the zip, for messages.
    let part: String
    fileprivate var errorLine: Int?
    fileprivate var hasDocumentType = false
    /// Whether the parse was stopped before the end of the part.
    private(set) var isStopped = false

    init(part: String, handler: any XMLStreamHandler) throws(WorkbookProblem) {
        _ = libraryReady
        self.part = part
        self.handler = handler
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = startElement
        sax.endElementNs = endElement
        sax.characters = characters
        sax.cdataBlock = characters
        sax.internalSubset = documentType
        sax.serror = structuredError
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let parser = xmlCreatePushParserCtxt(&sax, context, nil, 0, part) else { throw .unreadablePart(part) }
        xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue))
        self.parser = parser
    }

    deinit { xmlFreeParserCtxt(parser) }

    /// Parses the next bytes of the part.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(WorkbookProblem) {
        guard !isStopped, let base = bytes.baseAddress, bytes.count > 0 else { return }
        var offset = 0
        // xmlParseChunk takes an Int32 count; inflated chunks are far smaller, but be exact.
        while offset < bytes.count, !isStopped {
            let count = min(bytes.count - offset, 1 << 20)
            let code = xmlParseChunk(parser, (base + offset).assumingMemoryBound(to: CChar.self), Int32(count), 0)
            try check(code)
            offset += count
        }
    }

    /// Ends the part: an unclosed element is an error here.
    func finish() throws(WorkbookProblem) {
        guard !isStopped else { return }
        try check(xmlParseChunk(parser, nil, 0, 1))
    }

    /// Stops the parse from inside a callback: no more callbacks come.
    func stop() {
        isStopped = true
        xmlStopParser(parser)
    }

    private func check(_ code: Int32) throws(WorkbookProblem) {
        if hasDocumentType { throw .documentType(part) }
        if isStopped { return }
        if code != 0 || errorLine != nil { throw .badXML(part: part, line: errorLine ?? 0) }
    }

    fileprivate func forwardStart(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if !isStopped { handler.start(XMLName(pointer: name), attributes) }
    }

    fileprivate func forwardEnd(_ name: UnsafePointer<UInt8>) {
        if !isStopped { handler.end(XMLName(pointer: name)) }
    }

    fileprivate func forwardText(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !isStopped { handler.text(bytes) }
    }

    fileprivate func refuseDocumentType() {
        hasDocumentType = true
        stop()
    }
}

/// libxml2 wants `xmlInitParser` once before parsers run on several threads.
private let libraryReady: Void = xmlInitParser()

/// Runs `body` with the stream behind a callback's context, without retaining it: the
/// parser runs inside the stream's own `feed`, which holds it, and a retain per element
/// (a slow one: handlers refer back to the stream weakly, which gives it a side table)
/// was a tenth of an import's time.
private func withStream(_ context: UnsafeMutableRawPointer?, _ body: (XMLStream) -> Void) {
    guard let context else { return }
    Unmanaged<XMLStream>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
}

private func startElement(
    _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<UInt8>?, _ prefix: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?,
    _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, _ attributeCount: Int32, _ defaulted: Int32,
    _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
) {
    guard let name else { return }
    withStream(context) { $0.forwardStart(name, XMLAttributes(count: Int(attributeCount), pointers: attributes)) }
}

private func endElement(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<UInt8>?, _ prefix: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?) {
    guard let name else { return }
    withStream(context) { $0.forwardEnd(name) }
}

private func characters(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<UInt8>?, _ count: Int32) {
    guard let bytes, count > 0 else { return }
    withStream(context) { $0.forwardText(UnsafeBufferPointer(start: bytes, count: Int(count))) }
}

private func documentType(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<UInt8>?, _ external: UnsafePointer<UInt8>?, _ system: UnsafePointer<UInt8>?) {
    withStream(context) { $0.refuseDocumentType() }
}

private func structuredError(_ context: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    withStream(context) { stream in
        if stream.errorLine == nil { stream.errorLine = Int(error?.pointee.line ?? 0) }
    }
}
