import Foundation

/// Values one thread is done with, handed to another to be deallocated there. The writer of
/// an ingest hands back each batch it has stored (its stories, texts and lookup tables); the
/// reading thread, which made them and has time to spare, frees them, and once it has read
/// everything, frees the rest as it comes until the writer is done. Freeing them on the
/// writer took about a tenth of its time.
final class Discards: @unchecked Sendable {
    // State is guarded by `condition`.
    private let condition = NSCondition()
    private var pile: [any Sendable] = []
    private var closed = false

    /// Adds `value` to the pile; never waits. The caller should hold no other reference to
    /// what it holds, or freeing it falls to the caller after all.
    func discard(_ value: consuming some Sendable) {
        let boxed: any Sendable = consume value
        condition.lock()
        pile.append(boxed)
        condition.broadcast()
        condition.unlock()
    }

    /// Frees everything on the pile, on the calling thread.
    func free() {
        let taken = condition.withLock {
            let taken = pile
            pile = []
            return taken
        }
        _ = consume taken
    }

    /// Frees what comes, on the calling thread, until `close`.
    func freeUntilClosed() {
        while true {
            let (taken, done) = condition.withLock {
                while pile.isEmpty && !closed { condition.wait() }
                let taken = pile
                pile = []
                return (taken, closed)
            }
            _ = consume taken
            if done { return }
        }
    }

    /// No more discards: what is left is freed by `freeUntilClosed`, or with this object.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }
}
