import H20QStore

/// A blocking first-in first-out queue of limited capacity between two threads: the sender
/// waits while it is full, the receiver while it is empty. Closing wakes both.
final class BoundedChannel<Element: Sendable>: Sendable {
    private struct State: Sendable {
        var buffer: [Element] = []
        var closed = false
        var cancelled = false
    }

    private let state = Monitor(State())
    private let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "A channel needs room for at least one element.")
        self.capacity = capacity
    }

    /// Waits for room and appends; false if the channel was closed (the receiver gave up).
    /// The element is moved in: the sender keeps no reference that would make the receiver's
    /// first change to it a copy.
    @discardableResult
    func send(_ element: consuming Element) -> Bool {
        var element: Element? = consume element
        return state.wait(
            until: { $0.buffer.count < capacity || $0.closed },
            then: { state in
                guard !state.closed else { return false }
                state.buffer.append(element.take()!)
                return true
            })
    }

    /// Waits for an element; nil once the channel is closed and drained.
    func receive() -> Element? {
        state.wait(
            until: { !$0.buffer.isEmpty || $0.closed },
            then: { state in state.buffer.isEmpty ? nil : state.buffer.removeFirst() })
    }

    /// True when a receive would wait.
    var isEmpty: Bool { state.withLock { $0.buffer.isEmpty } }

    /// Whether the receiver gave up: a sender should stop producing.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func close() {
        state.withLock { $0.closed = true }
    }

    /// Closes and drops whatever is queued: the receiver stops early, and so should the sender.
    func cancel() {
        let dropped = state.withLock { state in
            state.closed = true
            state.cancelled = true
            defer { state.buffer = [] }
            return state.buffer
        }
        _ = consume dropped
    }
}
