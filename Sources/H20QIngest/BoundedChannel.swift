import H20QStore

/// A blocking first-in first-out queue of limited capacity between two threads: the sender
/// waits while it is full, the receiver while it is empty. Closing wakes both. With capacity
/// 0 it is a hand-over: the sender waits until the receiver has taken what it sent, so that
/// the sender holds one element at most (the one it is making) and the queue none once taken.
final class BoundedChannel<Element: Sendable>: Sendable {
    private struct State: Sendable {
        var buffer: [Element] = []
        var closed = false
        var cancelled = false
        /// Elements sent and received so far.
        var sent = 0
        var received = 0
    }

    private let state = Monitor(State())
    private let capacity: Int

    init(capacity: Int) {
        precondition(capacity >= 0, "A channel's capacity cannot be negative.")
        self.capacity = capacity
    }

    /// Waits for room and appends (with capacity 0, then waits for the receiver to take it);
    /// false if the channel was closed (the receiver gave up). The element is moved in: the
    /// sender keeps no reference that would make the receiver's first change to it a copy.
    @discardableResult
    func send(_ element: consuming Element) -> Bool {
        var element: Element? = consume element
        let room = max(capacity, 1)
        let sequence = state.wait(
            until: { $0.buffer.count < room || $0.closed },
            then: { state -> Int? in
                guard !state.closed else { return nil }
                state.buffer.append(element.take()!)
                state.sent += 1
                return state.sent
            })
        guard let sequence else { return false }
        guard capacity == 0 else { return true }
        return state.wait(
            until: { $0.received >= sequence || $0.closed }, then: { state in state.received >= sequence })
    }

    /// Waits for an element; nil once the channel is closed and drained.
    func receive() -> Element? {
        state.wait(
            until: { !$0.buffer.isEmpty || $0.closed },
            then: { state in
                guard !state.buffer.isEmpty else { return nil }
                state.received += 1
                return state.buffer.removeFirst()
            })
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
