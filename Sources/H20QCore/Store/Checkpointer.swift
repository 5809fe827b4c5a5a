import Foundation
import GRDB

/// Copies committed pages from the write-ahead log into the database file on a thread of its
/// own, while the writer goes on writing (a passive checkpoint never blocks it). Without it the
/// writer checkpoints in line, or the whole log is copied when the index closes: about a tenth
/// of a Reuters-sized ingest, spent waiting.
final class Checkpointer: @unchecked Sendable {
    // State is guarded by `condition`.
    private let condition = NSCondition()
    private var pending = false
    private var stopping = false
    private var finished = false

    /// Starts the thread, which opens a connection of its own to the database at `path`. If
    /// it cannot, nothing is lost: the writer checkpoints in line as it would without it.
    init(path: String) {
        let thread = Thread { [self] in
            checkpoint(path)
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }
        thread.start()
    }

    /// Notes a commit: a checkpoint follows as soon as the previous one is done.
    func committed() {
        condition.withLock {
            pending = true
            condition.broadcast()
        }
    }

    /// Waits for a checkpoint under way to end, and stops the thread.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
            while !finished { condition.wait() }
        }
    }

    /// Checkpoints after each commit until stopped; the connection is gone when it returns.
    private func checkpoint(_ path: String) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(1)
        guard let connection = try? DatabaseQueue(path: path, configuration: configuration) else { return }
        defer { try? connection.close() }
        while true {
            let stop = condition.withLock {
                while !pending && !stopping { condition.wait() }
                pending = false
                return stopping
            }
            if stop { return }
            // A checkpoint that cannot run now (busy) is left to the next one, or to closing.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }
}
