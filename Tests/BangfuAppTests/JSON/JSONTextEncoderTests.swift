import BangfuCore
import Foundation
import Testing

@testable import BangfuApp

/// `JSONTextEncoder` writes bytes as `encode(to:)` calls come (issue 22): nested containers,
/// super-encoders and escapes come out as the tree-building encoder before it wrote them.
struct JSONTextEncoderTests {
    /// A value using every kind of container: a nested object and array, a super-encoder.
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case a, inner, list, after }
        enum InnerKeys: String, CodingKey { case x, y }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try inner.encode("x", forKey: .x)
            try inner.encodeNil(forKey: .y)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            var pair = list.nestedUnkeyedContainer()
            try pair.encode(Int64(2))
            try pair.encode(2.5)
            try container.encode([String](), forKey: .after)
            var parent = container.superEncoder().singleValueContainer()
            try parent.encode("base")
        }
    }

    /// A container written to after its parent moved on, which no stream can honour.
    struct LateWrite: Encodable {
        enum Keys: String, CodingKey { case first, second }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var first = container.nestedUnkeyedContainer(forKey: .first)
            try container.encode(1, forKey: .second)
            try first.encode(2)
        }
    }

    @Test func nestedContainersAndASuperEncoderAreWrittenInTheOrderOfTheirCalls() throws {
        #expect(try JSONTextEncoder().text(Nested()) == #"{"a": 1, "inner": {"x": "x", "y": null}, "list": [true, [2, 2.5]], "after": [], "super": "base"}"#)
    }

    @Test func aValueThatWritesNothingIsAnEmptyObject() throws {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try JSONTextEncoder().text([Nothing(), Nothing()]) == "[{}, {}]")
    }

    @Test func aContainerWrittenAfterItWasClosedIsRefusedAndLeavesTheBytesAsTheyWere() throws {
        var bytes = Array("[".utf8)
        #expect(throws: EncodingError.self) { try JSONTextEncoder().encode(LateWrite(), into: &bytes) }
        #expect(bytes == Array("[".utf8))
    }

    @Test func controlCharactersAreEscapedAndEverythingElseIsWrittenAsItIs() throws {
        // Given every ASCII control character, a quote, a backslash, DEL, a line separator and Chinese
        let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\\u{7F}\u{2028}王"
        // Then the named escapes, \u00xx for the rest, and the others as they are
        let expected = #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\"# + "\u{7F}\u{2028}王\""
        #expect(try JSONTextEncoder().text(text) == expected)
        #expect(JSONText.quote(text) == expected)
        // And Foundation reads it back as it was
        let read = try JSONSerialization.jsonObject(with: Data(expected.utf8), options: .fragmentsAllowed) as? String
        #expect(read == text)
    }

    /// One byte as a JSON string holds it, written out byte by byte.
    static func escaped(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): Array("\\".utf8) + [byte]
        case UInt8(ascii: "\n"): Array("\\n".utf8)
        case UInt8(ascii: "\r"): Array("\\r".utf8)
        case UInt8(ascii: "\t"): Array("\\t".utf8)
        case 0..<0x20: Array(String(format: "\\u%04x", byte).utf8)
        default: [byte]
        }
    }

    @Test func aByteToEscapeIsFoundWhereverItStandsInTheEightBytesReadAtOnce() throws {
        // Given each byte below 0x80 and those above that look like one in part (0xA2 = 0x22 | 0x80), at each place of a text of Chinese and ASCII
        let around = Array("学生王学ab".utf8)
        for byte in Array(0..<0x80) + [0x80, 0x9F, 0xA0, 0xA2, 0xBF, 0xDC, 0xE4, 0xFF] as [UInt8] {
            for place in 0...around.count {
                var text = around
                text.insert(byte, at: place)
                // Then the first byte to escape is found as a byte-by-byte look finds it
                let expected = text.firstIndex { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
                #expect(text.withUnsafeBufferPointer(JSONBytes.firstToEscape) == expected, "\(byte) at \(place)")
                // And escaping in place after a prefix escapes each byte of the text and nothing before it
                var inPlace = Array("前缀".utf8)
                let start = inPlace.count
                inPlace += text
                JSONBytes.escapeInPlace(&inPlace, from: start)
                #expect(inPlace == Array("前缀".utf8) + text.flatMap(Self.escaped), "\(byte) at \(place)")
            }
        }
    }

    @Test func integersAreWrittenAsTheirDigitsToTheExtremes() throws {
        #expect(try JSONTextEncoder().text([0, -1, 1_200_050, Int.max, Int.min]) == "[0, -1, 1200050, \(Int.max), \(Int.min)]")
    }
}
