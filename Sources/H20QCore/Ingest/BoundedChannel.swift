import Foundation

/// A blocking first-in first-out queue of limited capacity between two threads: the sender
/// waits while it is full, the receiver while it is empty. Closing wakes both.
final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var buffer: [Element] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "A channel needs room for at least one element.")
        self.capacity = capacity
    }

    /// Waits for room and appends; false if the channel was closed (the receiver gave up).
    @discardableResult
    func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        buffer.append(element)
        condition.broadcast()
        return true
    }

    /// Waits for an element; nil once the channel is closed and drained.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty && !closed { condition.wait() }
        guard !buffer.isEmpty else { return nil }
        let element = buffer.removeFirst()
        condition.broadcast()
        return element
    }

    /// True when a receive would wait.
    var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return buffer.isEmpty
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Closes and drops whatever is queued: the receiver stops early.
    func cancel() {
        condition.lock()
        closed = true
        buffer.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
