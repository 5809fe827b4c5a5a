import Foundation
import H20QInput

/// State shared by threads that wait for each other: a value guarded by a lock, with a
/// condition to wait on until the value says go. `Mutex` guards state but cannot wait, and an
/// ingest's threads must (a full channel, an empty pile of discards, a checkpoint to run), so
/// this is the package's one hand-made synchronized type; everything else uses `Mutex`.
///
///     let queue = Monitor([Int]())
///     queue.withLock { $0.append(1) }                            // wakes every waiter
///     queue.wait(until: { !$0.isEmpty }) { $0.removeFirst() }    // -> 1
package final class Monitor<State: Sendable>: @unchecked Sendable {
    // `state` is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var state: State

    package init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with the state locked, then wakes every waiter to look at it again.
    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&state)
    }

    /// Waits until `ready` holds of the state, then runs `body` with it still locked.
    package func wait<Result>(
        until ready: (State) -> Bool, then body: (inout State) throws -> Result
    ) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while !ready(state) { condition.wait() }
        return try body(&state)
    }
}
