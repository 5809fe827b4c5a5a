import H20QStore

/// Values one thread is done with, handed to another to be deallocated there. The writer of
/// an ingest hands back each batch it has stored (its stories, texts and lookup tables); the
/// reading thread, which made them and has time to spare, frees them, and once it has read
/// everything, frees the rest as it comes until the writer is done. Freeing them on the
/// writer took about a tenth of its time.
final class Discards: Sendable {
    private struct State: Sendable {
        var pile: [any Sendable] = []
        var closed = false
    }

    private let state = Monitor(State())

    /// Adds `value` to the pile; never waits. The caller should hold no other reference to
    /// what it holds, or freeing it falls to the caller after all.
    func discard(_ value: consuming some Sendable) {
        let boxed: any Sendable = consume value
        state.withLock { $0.pile.append(boxed) }
    }

    /// Frees everything on the pile, on the calling thread (outside the lock).
    func free() {
        let taken = state.withLock { state in
            defer { state.pile = [] }
            return state.pile
        }
        _ = consume taken
    }

    /// Frees what comes, on the calling thread, until `close`.
    func freeUntilClosed() {
        while true {
            let (taken, done) = state.wait(
                until: { !$0.pile.isEmpty || $0.closed },
                then: { state in
                    defer { state.pile = [] }
                    return (state.pile, state.closed)
                })
            _ = consume taken
            if done { return }
        }
    }

    /// No more discards: what is left is freed by `freeUntilClosed`, or with this object.
    func close() {
        state.withLock { $0.closed = true }
    }
}
