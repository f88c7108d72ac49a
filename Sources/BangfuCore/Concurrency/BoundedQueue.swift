import Foundation

/// A blocking first-in first-out queue of fixed capacity between two threads: the
/// parser waits when the writer falls behind, so memory stays bounded.
public final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closedByConsumer = false

    public init(capacity: Int) { self.capacity = capacity }

    /// Adds an element, waiting for room. Returns false when the consumer has gone.
    public func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closedByConsumer { condition.wait() }
        guard !closedByConsumer else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Takes the oldest element, waiting for one.
    public func take() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// The consumer stops early: a waiting producer is released and further puts fail.
    public func abandon() {
        condition.lock()
        closedByConsumer = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
