import GRDB
import H20QDedup
import H20QInput

extension PostingTable {
    /// Reads the stored postings of `keys`; those of keys with more than `cap` are counted.
    static func read(
        _ kind: Kind, keys: Set<Int64>, cap: Int = .max, filters: RunFilters, _ db: Database
    ) throws -> PostingTable {
        var table = PostingTable(kind, minimumCapacity: keys.count)
        table.cap = cap
        guard !keys.isEmpty else { return table }
        let stored = try PostingRuns.lookup(kind, keys: Array(keys), cap: cap, filters: filters, db)
        // What is read, and about a posting a key for what the batch adds.
        table.reservePostings(stored.postings.values.reduce(keys.count) { $0 + $1.count })
        for key in keys {
            if let count = stored.counted[key] {
                table.load(key, counted: count)
            } else {
                table.load(key, stored: stored.postings[key] ?? [])
            }
        }
        return table
    }

    /// Who holds each of `keys` now: the batch's own view where it has one, else the runs
    /// (which, on the writer's connection, include earlier batches of the open transaction),
    /// read in one lookup, with what the batch added under keys it only counted.
    func holders(of keys: Set<Int64>, filters: RunFilters, _ db: Database) throws -> [Int64: [Posting]] {
        var holders: [Int64: [Posting]] = [:]
        var unknown: [Int64] = []
        for key in keys {
            if let known = postings(ifKnown: key) { holders[key] = known } else { unknown.append(key) }
        }
        for (key, stored) in try PostingRuns.lookup(kind, keys: unknown, filters: filters, db) {
            holders[key] = stored
        }
        for key in unknown {
            forEach(of: key) { holders[key, default: []].append($0) }
        }
        return holders
    }

    /// Removes `story`'s postings under `keys`, stored and added. A counted key is read again:
    /// on the writer's connection the runs hold every posting the table knew of it (stored,
    /// or merged in from batches committed since) but those the batch added, so its count is
    /// exact again, and a key back at the cap has its postings read.
    mutating func remove(_ keys: [Int64], story: Int64, filters: RunFilters, _ db: Database) throws {
        try PostingRuns.remove(kind, story: story, keys: keys, filters: filters, db)
        let counted = Set(keys).filter(isCounted)
        forget(story: story, keys: keys)
        guard !counted.isEmpty else { return }
        let stored = try PostingRuns.lookup(kind, keys: Array(counted), cap: cap, filters: filters, db)
        for key in counted {
            reset(key, stored: stored.postings[key] ?? [], counted: stored.counted[key] ?? 0)
        }
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
