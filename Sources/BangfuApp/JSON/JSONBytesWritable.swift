import BangfuCore

/// A shape that writes its own JSON — the very bytes its `encode(to:)` makes through
/// `JSONTextEncoder` — for the shapes a listing writes a million times: the generic keyed
/// containers were half of `batch show --format json` at a province (issue 22, bench/README
/// "Listings", run 5). `JSONBytesWritableTests` holds each to its `encode(to:)`.
protocol JSONBytesWritable {
    func appendJSON(to bytes: inout [UInt8])
}

/// The members of one object, written in order with the encoder's separators.
struct JSONObjectBytes {
    private var first = true

    init(_ bytes: inout [UInt8]) { bytes.append(UInt8(ascii: "{")) }

    /// Written unescaped: these keys are the shapes' own `CodingKeys`, plain ASCII words
    /// (`JSONBytesWritableTests` holds the bytes to the escaping encoder's).
    mutating func key(_ key: some CodingKey, _ bytes: inout [UInt8]) {
        if first { first = false } else { JSONBytes.appendSeparator(to: &bytes) }
        bytes.append(JSONBytes.quote)
        bytes.append(contentsOf: key.stringValue.utf8)
        bytes.append(contentsOf: "\": ".utf8)
    }

    mutating func string(_ key: some CodingKey, _ value: String?, _ bytes: inout [UInt8]) {
        self.key(key, &bytes)
        if let value { JSONBytes.appendQuoted(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    mutating func integer(_ key: some CodingKey, _ value: Int?, _ bytes: inout [UInt8]) {
        self.key(key, &bytes)
        if let value { JSONBytes.appendInteger(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    mutating func bool(_ key: some CodingKey, _ value: Bool, _ bytes: inout [UInt8]) {
        self.key(key, &bytes)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func strings(_ key: some CodingKey, _ values: [String], _ bytes: inout [UInt8]) {
        self.key(key, &bytes)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { JSONBytes.appendSeparator(to: &bytes) }
            JSONBytes.appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An array of `reasons`' lines, rendered straight into `bytes` and escaped there.
    mutating func lines(_ key: some CodingKey, _ reasons: EntryReasons, _ bytes: inout [UInt8]) {
        self.key(key, &bytes)
        bytes.append(UInt8(ascii: "["))
        reasons.appendLines(
            to: &bytes,
            opening: { bytes, number in
                if number > 0 { JSONBytes.appendSeparator(to: &bytes) }
                bytes.append(JSONBytes.quote)
            },
            closing: { bytes, start in
                JSONBytes.escapeInPlace(&bytes, from: start)
                bytes.append(JSONBytes.quote)
            })
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func objects(_ key: some CodingKey, _ values: [some JSONBytesWritable], _ bytes: inout [UInt8]) {
        self.key(key, &bytes)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { JSONBytes.appendSeparator(to: &bytes) }
            value.appendJSON(to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    func end(_ bytes: inout [UInt8]) { bytes.append(UInt8(ascii: "}")) }
}

extension HouseholdJSON: JSONBytesWritable {
    func appendJSON(to bytes: inout [UInt8]) {
        var object = JSONObjectBytes(&bytes)
        object.string(CodingKeys.archiveNo, archiveNo, &bytes)
        object.string(CodingKeys.headName, headName, &bytes)
        object.string(CodingKeys.headIDNumber, headIDNumber, &bytes)
        object.string(CodingKeys.category, category, &bytes)
        object.integer(CodingKeys.size, size, &bytes)
        object.integer(CodingKeys.annualIncomeFen, annualIncomeFen, &bytes)
        object.string(CodingKeys.status, status, &bytes)
        object.objects(CodingKeys.members, members, &bytes)
        object.end(&bytes)
    }
}

extension MemberJSON: JSONBytesWritable {
    func appendJSON(to bytes: inout [UInt8]) {
        var object = JSONObjectBytes(&bytes)
        object.string(CodingKeys.name, name, &bytes)
        object.string(CodingKeys.idNumber, idNumber, &bytes)
        object.string(CodingKeys.relation, relation, &bytes)
        object.string(CodingKeys.schoolStage, schoolStage, &bytes)
        object.end(&bytes)
    }
}

extension BatchEntryJSON: JSONBytesWritable {
    func appendJSON(to bytes: inout [UInt8]) {
        var object = JSONObjectBytes(&bytes)
        object.string(CodingKeys.idNumber, idNumber, &bytes)
        object.string(CodingKeys.name, name, &bytes)
        object.string(CodingKeys.archiveNo, archiveNo, &bytes)
        object.string(CodingKeys.studentIDNumber, studentIDNumber, &bytes)
        object.bool(CodingKeys.eligible, eligible, &bytes)
        object.integer(CodingKeys.amountFen, amountFen, &bytes)
        object.lines(CodingKeys.reasons, reasonLines, &bytes)
        object.string(CodingKeys.transferState, transferState, &bytes)
        object.string(CodingKeys.transferDate, transferDate, &bytes)
        object.string(CodingKeys.transferReason, transferReason, &bytes)
        object.integer(CodingKeys.transferRound, transferRound, &bytes)
        object.end(&bytes)
    }
}

extension ModelWorkerJSON: JSONBytesWritable {
    func appendJSON(to bytes: inout [UInt8]) {
        var object = JSONObjectBytes(&bytes)
        object.string(CodingKeys.name, name, &bytes)
        object.string(CodingKeys.idNumber, idNumber, &bytes)
        object.string(CodingKeys.level, level, &bytes)
        object.integer(CodingKeys.annualIncomeFen, annualIncomeFen, &bytes)
        object.string(CodingKeys.hardship, hardship, &bytes)
        object.string(CodingKeys.specialCause, specialCause, &bytes)
        object.end(&bytes)
    }
}
