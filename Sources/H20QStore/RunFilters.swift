import Foundation
import GRDB
import H20QDedup
import H20QInput
import Synchronization

/// The Bloom filters of the runs, read once per run and shared by the threads of an ingest.
package final class RunFilters: Sendable {
    struct Run {
        let id: Int64
        let filter: BloomFilter
    }

    // A filter never changes once read: runs are immutable.
    private let filters = Mutex<[Int64: BloomFilter]>([:])

    package init() {}

    /// The runs of `kind` as `db` sees them, newest first, with their filters.
    func runs(_ kind: PostingTable.Kind, _ db: Database) throws -> [Run] {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM posting_run WHERE kind = ? ORDER BY id DESC", arguments: [kind.code])
        return try ids.map { id in
            if let known = filters.withLock({ $0[id] }) { return Run(id: id, filter: known) }
            let data =
                try Data.fetchOne(db, sql: "SELECT filter FROM posting_run WHERE id = ?", arguments: [id]) ?? Data()
            let filter = BloomFilter(data: data)
            remember(id, filter)
            return Run(id: id, filter: filter)
        }
    }

    func remember(_ id: Int64, _ filter: BloomFilter) {
        filters.withLock { $0[id] = filter }
    }

    func forget(_ ids: [Int64]) {
        filters.withLock { filters in for id in ids { filters[id] = nil } }
    }
}
