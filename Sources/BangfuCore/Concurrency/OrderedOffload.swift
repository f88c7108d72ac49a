import Foundation

/// Runs `transform` on a second thread over inputs submitted in order and hands the
/// outputs back in the same order, at most `depth` in flight: the submitting thread
/// keeps the database, the second core does the arithmetic and the texts.
public final class OrderedOffload<Input: Sendable, Output: Sendable> {
    private let inbox: BoundedQueue<Input?>
    private let outbox: BoundedQueue<Output>
    private let depth: Int
    private var inFlight = 0
    private let finished = DispatchSemaphore(value: 0)
    private var stopped = false

    public init(depth: Int = 4, transform: @escaping @Sendable (Input) -> Output) {
        self.depth = depth
        // One spare place each way: the stop signal never waits behind a full queue.
        let inbox = BoundedQueue<Input?>(capacity: depth + 1)
        let outbox = BoundedQueue<Output>(capacity: depth + 1)
        self.inbox = inbox
        self.outbox = outbox
        let finished = finished
        Thread {
            while let input = inbox.take() { _ = outbox.put(transform(input)) }
            finished.signal()
        }.start()
    }

    /// Queues `input`; when `depth` are in flight, first hands the oldest output to `consume`.
    public func submit(_ input: Input, consume: (Output) throws -> Void) rethrows {
        if inFlight == depth {
            inFlight -= 1
            try consume(outbox.take())
        }
        _ = inbox.put(input)
        inFlight += 1
    }

    /// Hands every remaining output to `consume`, in order, and stops the thread.
    public func finish(consume: (Output) throws -> Void) rethrows {
        while inFlight > 0 {
            inFlight -= 1
            try consume(outbox.take())
        }
        stop()
    }

    deinit { stop() }

    /// Stops the thread, also after an error: outputs not taken are dropped.
    private func stop() {
        guard !stopped else { return }
        stopped = true
        _ = inbox.put(nil)
        outbox.abandon()
        finished.wait()
    }
}
