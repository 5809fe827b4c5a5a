import Foundation
import GRDB
import H20QDedup
import H20QInput
import Synchronization

/// The Bloom filters and page directories of the runs, read once per run and shared by the
/// threads of an ingest, with the stock phrases seen in the runs.
package final class RunFilters: Sendable {
    struct Run {
        let id: Int64
        let filter: BloomFilter
        let pages: PageDirectory
    }

    /// A filter or directory never changes once read: runs are immutable (but for pages emptied
    /// by a removal, which a lookup then does not find). A run merged away is retired: its
    /// filter is kept until the commit after the one that made the merge seen, for readers
    /// whose snapshots still hold the run (the reading thread's next batch, read while the
    /// merge commits: a large run's filter is megabytes to read again); after that such a
    /// reader reads it again for that lookup alone, and it is not kept (kept, it would stay
    /// for the rest of the ingest: the writer forgot it).
    private let state = Mutex(State())

    /// Keys known to be held over the cap (the runs' stock phrases).
    let stock = StockPhrases()

    private struct State {
        var filters: [Int64: (filter: BloomFilter, pages: PageDirectory)] = [:]
        var retired: Set<Int64> = []
        /// Runs retired since the last commit, and those retired before it, kept for readers
        /// that still see them.
        var retiring: [Int64: (filter: BloomFilter, pages: PageDirectory)] = [:]
        var retiredBefore: [Int64: (filter: BloomFilter, pages: PageDirectory)] = [:]
    }

    package init() {}

    /// The runs of `kind` as `db` sees them, newest first, with their filters.
    func runs(_ kind: PostingTable.Kind, _ db: Database) throws -> [Run] {
        // Cached: a writer asks once for each story whose text may be stored already.
        let ids = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM posting_run WHERE kind = ? ORDER BY id DESC"),
            arguments: [kind.code])
        return try ids.map { id in
            if let known = state.withLock({ $0.filters[id] ?? $0.retiring[id] ?? $0.retiredBefore[id] }) {
                return Run(id: id, filter: known.filter, pages: known.pages)
            }
            let filter = try BloomFilter.read(run: id, db)
            let pages = try PageDirectory.read(run: id, db)
            remember(id, filter, pages)
            return Run(id: id, filter: filter, pages: pages)
        }
    }

    func remember(_ id: Int64, _ filter: BloomFilter, _ pages: PageDirectory) {
        state.withLock { state in
            if !state.retired.contains(id) { state.filters[id] = (filter, pages) }
        }
    }

    /// Drops the filters of runs merged away, for good (kept a while for readers that still
    /// see them).
    func forget(_ ids: [Int64]) {
        state.withLock { state in
            for id in ids {
                state.retiring[id] = state.filters.removeValue(forKey: id)
                state.retired.insert(id)
            }
        }
    }

    /// The writer committed: runs retired before the commit before are seen by no reader
    /// that starts now.
    func committed() {
        state.withLock { state in
            state.retiredBefore = state.retiring
            state.retiring = [:]
        }
        stock.committed()
    }

    /// Forgets everything known, retired runs too: a transaction rolled back took away the runs
    /// it wrote and brought back those it merged away.
    func reset() {
        state.withLock { $0 = State() }
        stock.reset()
    }

    /// Runs whose filters are kept (not counting those of the last merge's runs).
    var count: Int { state.withLock { $0.filters.count } }
}
