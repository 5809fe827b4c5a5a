import Foundation
import GRDB
import H20QInput

/// Copies committed pages from the write-ahead log into the database file on a thread of its
/// own, while the writer goes on writing (a passive checkpoint never blocks it). Without it the
/// writer checkpoints in line, or the whole log is copied when the index closes: about a tenth
/// of a Reuters-sized ingest, spent waiting.
package final class Checkpointer: Sendable {
    private struct State: Sendable {
        var pending = false
        var stopping = false
        var finished = false
    }

    private let state = Monitor(State())

    /// Starts the thread, which opens a connection of its own to the database at `path`. If
    /// it cannot, nothing is lost: the writer checkpoints in line as it would without it.
    init(path: String) {
        let thread = Thread { [state] in
            Self.checkpoint(path, state)
            state.withLock { $0.finished = true }
        }
        thread.start()
    }

    /// Notes a commit: a checkpoint follows as soon as the previous one is done.
    package func committed() {
        state.withLock { $0.pending = true }
    }

    /// Waits for a checkpoint under way to end, and stops the thread.
    package func stop() {
        state.withLock { $0.stopping = true }
        state.wait(until: \.finished) { _ in }
    }

    /// Checkpoints after each commit until stopped; the connection is gone when it returns.
    private static func checkpoint(_ path: String, _ state: Monitor<State>) {
        guard let connection = try? DatabaseQueue(path: path, configuration: StoryStore.makeConfiguration())
        else { return }
        defer { try? connection.close() }
        while true {
            let stop = state.wait(
                until: { $0.pending || $0.stopping },
                then: { state in
                    state.pending = false
                    return state.stopping
                })
            if stop { return }
            // A checkpoint that cannot run now (busy) is left to the next one, or to closing.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }
}
