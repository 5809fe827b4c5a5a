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
    /// by a removal, which a lookup then does not find). A run merged away is retired:
    /// a reader whose snapshot still holds it reads its filter for that lookup alone, and it
    /// is not kept (kept, it would stay for the rest of the ingest: the writer forgot it).
    private let state = Mutex(State())

    /// Keys known to be held over the cap (the runs' stock phrases).
    let stock = StockPhrases()

    private struct State {
        var filters: [Int64: (filter: BloomFilter, pages: PageDirectory)] = [:]
        var retired: Set<Int64> = []
    }

    package init() {}

    /// The runs of `kind` as `db` sees them, newest first, with their filters.
    func runs(_ kind: PostingTable.Kind, _ db: Database) throws -> [Run] {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM posting_run WHERE kind = ? ORDER BY id DESC", arguments: [kind.code])
        return try ids.map { id in
            if let known = state.withLock({ $0.filters[id] }) {
                return Run(id: id, filter: known.filter, pages: known.pages)
            }
            let data =
                try Data.fetchOne(db, sql: "SELECT filter FROM posting_run WHERE id = ?", arguments: [id]) ?? Data()
            let filter = BloomFilter(data: data)
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

    /// Drops the filters of runs merged away, for good.
    func forget(_ ids: [Int64]) {
        state.withLock { state in
            for id in ids {
                state.filters[id] = nil
                state.retired.insert(id)
            }
        }
    }

    /// Forgets everything known, retired runs too: a transaction rolled back took away the runs
    /// it wrote and brought back those it merged away.
    func reset() {
        state.withLock { $0 = State() }
        stock.reset()
    }

    /// Runs whose filters are kept.
    var count: Int { state.withLock { $0.filters.count } }
}
