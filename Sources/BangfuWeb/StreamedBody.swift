import BangfuApp
import BangfuStore
import Foundation
import HTTPTypes
import Hummingbird

/// A JSON answer written by a use case as it reads (a batch of a million entries: issue 22),
/// on a thread of its own as `Blocking` runs one, while the client takes the body: a few
/// chunks wait at most, so memory stays flat, and a client that goes away ends the read at
/// its next chunk. An error before the first chunk (a refusal, not found) is the request's
/// error answer; one after it cuts the body short, which the client sees as a broken answer.
enum StreamedBody {
    static func json(_ produce: @escaping @Sendable (_ emit: ([UInt8]) throws -> Void) throws -> Void) async throws -> Response {
        let pipe = ChunkPipe(capacity: 4)
        Thread {
            do {
                try produce(pipe.put)
                pipe.end(nil)
            } catch {
                pipe.end(StoreError(error) ?? error)
            }
        }.start()
        let first: [UInt8]
        do {
            first = try await pipe.next() ?? []
        } catch {
            pipe.abandon()
            throw error
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody { writer in
                defer { pipe.abandon() }
                try await writer.write(ByteBuffer(bytes: first))
                while let chunk = try await pipe.next() { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
    }
}

/// One producer thread handing chunks to one async consumer, the producer waiting while
/// `capacity` chunks are not taken yet.
private final class ChunkPipe: @unchecked Sendable {
    /// Guards every member below; the producer waits on it for room.
    private let condition = NSCondition()
    private let capacity: Int
    private var chunks: [[UInt8]] = []
    private var waiting: CheckedContinuation<[UInt8]?, any Error>?
    private var ending: Result<Void, any Error>?
    private var abandoned = false

    init(capacity: Int) { self.capacity = capacity }

    /// Hands `chunk` over; throws once the consumer has gone.
    func put(_ chunk: [UInt8]) throws {
        condition.lock()
        while chunks.count >= capacity, !abandoned { condition.wait() }
        guard !abandoned else {
            condition.unlock()
            throw ClientGone()
        }
        if let waiting {
            self.waiting = nil
            condition.unlock()
            waiting.resume(returning: chunk)
            return
        }
        chunks.append(chunk)
        condition.unlock()
    }

    /// No more chunks: the producer is done, or failed with `error`.
    func end(_ error: (any Error)?) {
        condition.lock()
        ending = error.map { .failure($0) } ?? .success(())
        let waiting = waiting
        self.waiting = nil
        condition.unlock()
        if let waiting {
            if let error { waiting.resume(throwing: error) } else { waiting.resume(returning: nil) }
        }
    }

    /// The next chunk; nil after the last.
    func next() async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if !chunks.isEmpty {
                let chunk = chunks.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: chunk)
            } else if let ending {
                condition.unlock()
                continuation.resume(with: ending.map { [UInt8]?.none })
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }

    /// The consumer has gone: a producer waiting for room, or handing its next chunk, stops.
    func abandon() {
        condition.lock()
        abandoned = true
        chunks.removeAll()
        condition.signal()
        condition.unlock()
    }
}

/// The client went away before the body was written.
private struct ClientGone: Error {}
