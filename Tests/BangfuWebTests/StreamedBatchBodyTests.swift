import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird
import Testing

@testable import BangfuWeb

/// `GET /api/v1/batches/{id}` writes its body as the entries are read (issue 22): the same
/// bytes as the whole value encoded, in chunks, and a client that goes away ends the read.
struct StreamedBatchBodyTests {
    /// A client that takes `patience` chunks and then goes away.
    final class Client: ResponseBodyWriter {
        var received: [UInt8] = []
        var chunks = 0
        let patience: Int

        init(patience: Int = .max) { self.patience = patience }

        func write(_ buffer: ByteBuffer) async throws {
            guard chunks < patience else { throw CancellationError() }
            chunks += 1
            received.append(contentsOf: buffer.readableBytesView)
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    @Test func everyAccountsBatchIsTheWholeValuesBytesInChunks() throws {
        // Given the sample year and accounts of the whole city, masked, and of one union
        let store = try ListingBodiesTests().sampleYear()
        let viewers = [
            Account(login: "zhouting", name: "周婷", roles: [.clerk], union: nil), Account(login: "wangzhuxi", name: "王主席", roles: [.approver], union: nil),
            Account(login: "shinan", name: "市南录入员", roles: [.clerk], union: "市南区总工会"),
        ]
        for viewer in viewers {
            for id in try store.batches().map(\.id) {
                guard let whole = try? JSONTextEncoder().bytes(Batches.view(batch: id, viewer: viewer, in: store)) else {
                    // A union without entries in the batch: refused the same way, before any byte
                    #expect(throws: BatchStoreError.noSuchBatch(id)) { try Batches.writeView(batch: id, viewer: viewer, in: store) { _ in Issue.record() } }
                    continue
                }
                // When it is written 4 KiB at a time
                var chunks: [[UInt8]] = []
                try Batches.writeView(batch: id, viewer: viewer, in: store, chunkSize: 4096) { chunks.append($0) }
                // Then the chunks make the whole value's bytes, the head first on its own
                #expect(Array(chunks.joined()) == whole, "\(viewer.login) \(id)")
                #expect(chunks.first?.last == UInt8(ascii: "["))
                #expect(chunks.count >= 2 && chunks.dropFirst().dropLast().allSatisfy { $0.count >= 4096 && $0.count < 4096 + 2048 })
            }
        }
    }

    @Test func aReaderThatStopsTakingEndsTheWriting() throws {
        let store = try ListingBodiesTests().sampleYear()
        let clerk = Account(login: "zhouting", name: "周婷", roles: [.clerk], union: nil)
        var taken = 0
        #expect(throws: CancellationError.self) {
            try Batches.writeView(batch: 1, viewer: clerk, in: store, chunkSize: 256) { _ in
                taken += 1
                if taken == 2 { throw CancellationError() }
            }
        }
        #expect(taken == 2)
    }

    @Test func theBodyIsEveryChunkInOrder() async throws {
        let response = try await StreamedBody.json { emit in
            for index in 0..<100 { try emit(Array(repeating: UInt8(index), count: 1000)) }
        }
        let client = Client()
        try await response.body.write(client)
        #expect(client.received == (0..<100).flatMap { Array(repeating: UInt8($0), count: 1000) })
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
    }

    @Test func aClientThatGoesAwayEndsTheRead() async throws {
        // Given a producer that would write a hundred thousand chunks, reporting how many it wrote
        let (written, report) = AsyncStream.makeStream(of: Int.self)
        let response = try await StreamedBody.json { emit in
            var count = 0
            defer {
                report.yield(count)
                report.finish()
            }
            for _ in 0..<100_000 {
                try emit([UInt8](repeating: 0x20, count: 1000))
                count += 1
            }
        }
        // When the client takes three chunks and goes away
        await #expect(throws: CancellationError.self) { try await response.body.write(Client(patience: 3)) }
        // Then the producer stops within the few chunks that may wait
        var iterator = written.makeAsyncIterator()
        let count = try #require(await iterator.next())
        #expect(count < 10)
    }

    @Test func aRefusalBeforeTheFirstChunkIsTheAnswersError() async throws {
        await #expect(throws: BatchStoreError.noSuchBatch(9)) {
            _ = try await StreamedBody.json { _ in throw BatchStoreError.noSuchBatch(9) }
        }
    }
}
