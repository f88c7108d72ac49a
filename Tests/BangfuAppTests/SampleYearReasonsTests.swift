import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Testing

/// The sample year's entries, computed with their reasons as templates and numbers, print
/// the texts the calculator wrote in full before (issue 20), and the cut filter finds the
/// entries it found in those texts.
struct SampleYearReasonsTests {
    /// Per batch of `bangfu demo`: FNV-1a (64 bits) of its entries' reasons, each entry's
    /// lines and a line break after each, and how many entries the cut filter keeps — both
    /// taken from the `reasons` column of the demo database made by the binary of c79ad87,
    /// which wrote the texts in full.
    static let before: [(batch: Int64, reasonsDigest: String, cut: Int)] = [
        (1, "99b72b77fb23e8b0", 32), (2, "9ebf5e59845d95a5", 0), (3, "b803facccddfb124", 32), (4, "025f2b61eed903b6", 36),
        (5, "0e78cfc920b0ee6a", 0), (6, "7e90a60b03366f5e", 0), (7, "d09bbe69c23a318e", 11), (8, "e9598188c140cdd8", 40),
    ]

    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }

    @Test func everyEntryOfEveryDemoBatchPrintsTheTextItsReasonsHadBefore() throws {
        // Given the sample year, its eight batches computed by this Bangfu
        let store = try DuplicateReviewScopeTests().sampleYear()
        #expect(try store.batches().map(\.id) == Self.before.map(\.batch))

        // When every entry's reasons are rendered; then each batch prints the former texts
        for (batch, reasonsDigest, cut) in Self.before {
            var text = ""
            try store.forEachEntry(ofBatch: batch) { entry in
                for line in entry.computed.reasons { text += line + "\n" }
                if entry.computed.reasons.isEmpty { text += "\n" }
            }
            #expect(Self.digest(text) == reasonsDigest, "batch \(batch)")
            #expect(try store.entryCounts(ofBatch: batch, union: nil).cut == cut, "batch \(batch)")
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
