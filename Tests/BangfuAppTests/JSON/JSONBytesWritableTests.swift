import BangfuApp
import BangfuCore
import Testing

/// The shapes that write their own JSON write what their `encode(to:)` writes through the
/// encoder's generic path, byte for byte, for the values that are hard to get right: null
/// members, empty arrays, text to escape.
struct JSONBytesWritableTests {
    /// `value` encoded through its `encode(to:)`: a wrapper the fast path does not know.
    struct Generic<Value: Encodable>: Encodable {
        let value: Value
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    func same(_ value: some Encodable) throws -> Bool {
        let encoder = JSONTextEncoder()
        let fast = try encoder.bytes(value)
        let generic = try encoder.bytes(Generic(value: value))
        return fast == generic && !fast.isEmpty
    }

    static let awkward = ["", "引号\"和\\反斜杠", "换行\n回车\r制表\t", "\u{1}控制", "𠮷 emoji 👨‍👩‍👧"]

    @Test func aBatchEntryWritesWhatItsEncodeWrites() throws {
        var entry = BatchEntryJSON(JSONShapeFixtures.workerEntry)
        #expect(try same(BatchEntryJSON(JSONShapeFixtures.studentEntry)))
        #expect(try same(entry))
        for text in Self.awkward {
            entry.reasons = [text, "第二行" + text]
            entry.archiveNo = text
            entry.studentIDNumber = text.isEmpty ? nil : text
            entry.transferState = "failed"
            entry.transferReason = text
            entry.transferRound = 2
            entry.amountFen = -12
            entry.eligible = true
            #expect(try same(entry), "\(text)")
            #expect(try same([entry, entry]))
            // And reasons kept as templates, rendered straight into the bytes and escaped there
            let templates = ReasonTemplates(numbering: ["学生\(ReasonTemplate.Hole.text)“引\"号\\”：\(ReasonTemplate.Hole.yuan)元", "\(ReasonTemplate.Hole.yuan)元×\(ReasonTemplate.Hole.count)人=\(ReasonTemplate.Hole.yuan)元"])
            var reasons = EntryReasons(templates)
            reasons.add(1, text, Money(fen: -12_345))
            reasons.add(2, Money(fen: 5), 3, Money(fen: 0))
            reasons.append(text)
            entry.reasonLines = reasons
            #expect(try same(entry), "\(text)")
            entry.reasonLines = EntryReasons(templates)
            #expect(try same(entry), "\(text)")
        }
    }

    @Test func aModelWorkerWritesWhatItsEncodeWrites() throws {
        var json = ModelWorkerJSON(JSONShapeFixtures.specialWorker)
        #expect(try same(json))
        #expect(try same(ModelWorkerJSON(JSONShapeFixtures.livingWorker)))
        for text in Self.awkward {
            json.name = text
            json.specialCause = text.isEmpty ? nil : text
            #expect(try same(json), "\(text)")
            #expect(try same([json, json]))
        }
    }

    @Test func aHouseholdWithAndWithoutMembersWritesWhatItsEncodeWrites() throws {
        let household = JSONShapeFixtures.household
        #expect(try same(HouseholdJSON(household, members: [])))
        #expect(try same(HouseholdJSON(household, members: JSONShapeFixtures.members)))
        var json = HouseholdJSON(household, members: [])
        for text in Self.awkward {
            json.headName = text
            let member = Member(archiveNumber: household.archiveNumber, name: text, idNumber: JSONShapeFixtures.child, relation: text, schoolStage: .college)
            json.members = [MemberJSON(member), MemberJSON(member)]
            #expect(try same(json), "\(text)")
            #expect(try same([json, json]))
        }
    }
}
