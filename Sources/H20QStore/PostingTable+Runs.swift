import GRDB
import H20QDedup
import H20QInput

extension PostingTable {
    /// Reads the stored postings of `keys`; those of keys with more than `cap` are counted
    /// (known stock phrases among them not even read, with `stockSince`: see `PostingRuns.lookup`).
    static func read(
        _ kind: Kind, keys: Set<Int64>, cap: Int = .max, filters: RunFilters,
        stockSince epoch: StockPhrases.Epoch? = nil,
        _ db: Database
    ) throws -> PostingTable {
        var table = PostingTable(kind, minimumCapacity: keys.count)
        table.cap = cap
        try PostingRuns.lookup(kind, keys: Array(keys), cap: cap, filters: filters, stockSince: epoch, db) {
            key, found in
            table.load(key, found)
        }
        return table
    }

    /// Who holds each of `keys` now: the batch's own view where it has one, else the runs
    /// (which, on the writer's connection, include earlier batches of the open transaction),
    /// read in one lookup, with what the batch added under keys it only counted. Keys held by
    /// more than `cap` stories (stock phrases) are only named, in `overCap`.
    func holders(
        of keys: Set<Int64>, cap: Int = .max, filters: RunFilters, _ db: Database
    ) throws -> (held: [Int64: [Posting]], overCap: Set<Int64>) {
        var holders: [Int64: [Posting]] = [:]
        var overCap = Set<Int64>()
        var unknown: [Int64] = []
        for key in keys {
            if count(of: key) > cap {
                overCap.insert(key)
            } else if let known = postings(ifKnown: key) {
                holders[key] = known
            } else {
                unknown.append(key)
            }
        }
        try PostingRuns.lookup(kind, keys: unknown, cap: cap, filters: filters, db) { key, found in
            switch found {
            case .postings(let stored): if !stored.isEmpty { holders[key] = stored }
            case .counted: overCap.insert(key)
            }
        }
        for key in unknown where !overCap.contains(key) {
            forEach(of: key) { holders[key, default: []].append($0) }
        }
        return (holders, overCap)
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
        try PostingRuns.lookup(kind, keys: Array(counted), cap: cap, filters: filters, db) { key, found in
            switch found {
            case .postings(let postings): reset(key, stored: postings, counted: 0)
            case .counted(let count): reset(key, stored: [], counted: count)
            }
        }
    }

    /// Reads `keys` again as the runs hold them now, with what the batch added under them: on
    /// the writer's connection, what every batch wrote is there. Keys the table knows are read
    /// too, as the batch may know one only by what it added (a removed story's keys handed over
    /// to its cluster).
    mutating func reread(_ keys: [Int64], filters: RunFilters, _ db: Database) throws {
        guard !keys.isEmpty else { return }
        try PostingRuns.lookup(kind, keys: keys, cap: cap, filters: filters, db) { key, found in
            switch found {
            case .postings(let postings): reset(key, stored: postings, counted: 0)
            case .counted(let count): reset(key, stored: [], counted: count)
            }
        }
    }

    /// Writes the postings this batch added, as one run.
    func write(filters: RunFilters, _ db: Database) throws {
        try PostingRuns.append(kind, added, filters: filters, db)
    }
}

extension PostingTable {
    /// Records what a lookup found under `key`.
    fileprivate mutating func load(_ key: Int64, _ found: PostingRuns.Found) {
        switch found {
        case .postings(let postings): load(key, stored: postings)
        case .counted(let count): load(key, counted: count)
        }
    }
}

extension PostingTable.Kind {
    /// How the kind is stored in `posting_run.kind`.
    var code: Int {
        switch self {
        case .bands: 0
        case .samples: 1
        case .texts: 2
        }
    }
}
