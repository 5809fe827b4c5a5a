import GRDB
import H20QDedup
import H20QInput

extension PostingTable {
    /// Reads the stored postings of `keys`.
    static func read(_ kind: Kind, keys: Set<Int64>, filters: RunFilters, _ db: Database) throws -> PostingTable {
        // Room for the postings this batch adds under new keys too.
        var table = PostingTable(kind, minimumCapacity: 2 * keys.count)
        guard !keys.isEmpty else { return table }
        let stored = try PostingRuns.lookup(kind, keys: Array(keys), filters: filters, db)
        for key in keys { table.load(key, stored: stored[key] ?? []) }
        return table
    }

    /// Who holds each of `keys` now: the batch's own view where it has one, else the runs
    /// (which, on the writer's connection, include earlier batches of the open transaction),
    /// read in one lookup.
    func holders(of keys: Set<Int64>, filters: RunFilters, _ db: Database) throws -> [Int64: [Posting]] {
        var holders: [Int64: [Posting]] = [:]
        var unknown: [Int64] = []
        for key in keys {
            if let known = postings(ifKnown: key) { holders[key] = known } else { unknown.append(key) }
        }
        for (key, stored) in try PostingRuns.lookup(kind, keys: unknown, filters: filters, db) {
            holders[key] = stored
        }
        return holders
    }

    /// Removes `story`'s postings under `keys`, stored and added.
    mutating func remove(_ keys: [Int64], story: Int64, filters: RunFilters, _ db: Database) throws {
        try PostingRuns.remove(kind, story: story, keys: keys, filters: filters, db)
        forget(story: story, keys: keys)
    }

    /// Writes the postings this batch added, as one run.
    func write(filters: RunFilters, _ db: Database) throws {
        try PostingRuns.append(kind, added, filters: filters, db)
    }
}

extension PostingTable.Kind {
    /// How the kind is stored in `posting_run.kind`.
    var code: Int { self == .bands ? 0 : 1 }
}
