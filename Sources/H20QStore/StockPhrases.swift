import Synchronization

/// The sampled-shingle keys a writing store has seen held by more stories than the cap (stock
/// phrases: boilerplate, templates), so that later batches count them over the cap without
/// reading their pages again. A stock phrase's postings sit in most runs, and counting them
/// means a page read in each: at a million stories, a third of the pages a batch read.
///
/// Nothing else writes while the store lives (`WriterLock`), and a key's count falls only
/// when a story's postings leave the runs: a removal forgets every key, and so does the next
/// commit (a snapshot read before it saw the count from before the removal) and a rollback. A
/// batch's snapshot lags the writer, so it keeps what it learned only if nothing was forgotten
/// since it began reading (`Epoch`).
package final class StockPhrases: Sendable {
    /// When a read began, as the keys' knowledge goes: taken before its transaction begins.
    package struct Epoch: Sendable {
        fileprivate let value: Int
    }

    private struct State {
        var keys: Set<Int64> = []
        var epoch = 0
        var removedSinceCommit = false

        mutating func forget() {
            keys = []
            epoch += 1
        }
    }

    private let state = Mutex(State())

    /// Keys kept at most: about 9 MB of set.
    static let limit = 1 << 19

    package init() {}

    package var epoch: Epoch { state.withLock { Epoch(value: $0.epoch) } }

    /// Whether each of `keys` is a known stock phrase.
    func known(_ keys: [Int64]) -> [Bool] {
        state.withLock { state in
            state.keys.isEmpty ? Array(repeating: false, count: keys.count) : keys.map(state.keys.contains)
        }
    }

    /// Keeps `keys`, found over the cap by a read that began at `epoch`, unless something was
    /// forgotten since.
    func learn(_ keys: [Int64], readSince epoch: Epoch) {
        guard !keys.isEmpty else { return }
        state.withLock { state in
            guard state.epoch == epoch.value else { return }
            for key in keys where state.keys.count < Self.limit { state.keys.insert(key) }
        }
    }

    /// A story's postings left the runs: counts may have fallen.
    func postingsRemoved() {
        state.withLock { state in
            state.forget()
            state.removedSinceCommit = true
        }
    }

    /// A transaction committed: what snapshots read before it learned of counts a removal in it
    /// has changed is forgotten.
    func committed() {
        state.withLock { state in
            guard state.removedSinceCommit else { return }
            state.forget()
            state.removedSinceCommit = false
        }
    }

    /// A transaction rolled back: counts are those of before it.
    func reset() {
        state.withLock { state in
            state.forget()
            state.removedSinceCommit = false
        }
    }

    /// Keys known.
    var count: Int { state.withLock { $0.keys.count } }
}
