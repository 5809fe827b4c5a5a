import GRDB

/// A story listed under a candidate key, with its size (shingle count under an LSH key,
/// sample size under a sampled shingle), so that candidates can be weighed before any is read.
struct Posting: Equatable, Sendable {
    var story: Int64
    var size: Int
}

/// One candidate table (LSH band keys, or sampled shingles) as a write batch sees it: the
/// stored postings of the batch's keys, fetched together, plus what the batch adds as it
/// goes. Added postings are written when the batch ends, as one run (`PostingRuns`).
struct PostingTable: Sendable {
    enum Kind: Sendable {
        case bands, samples
    }

    let kind: Kind
    private var map: PostingMap
    /// Postings added by this batch, to be written.
    private(set) var added: [(key: Int64, posting: Posting)] = []
    /// Postings this batch wrote directly (cluster repairs).
    private(set) var written: [(key: Int64, posting: Posting)] = []

    /// Everything this batch posted.
    var posted: [(key: Int64, posting: Posting)] { added + written }

    init(_ kind: Kind, minimumCapacity: Int = 16) {
        self.kind = kind
        self.map = PostingMap(minimumCapacity: minimumCapacity)
    }

    /// The number of postings under `key`.
    func count(of key: Int64) -> Int { map.count(of: key) }

    /// Calls `body` with each posting under `key`.
    func forEach(of key: Int64, _ body: (Posting) -> Void) {
        map.forEach(of: key) { posting in
            body(posting)
            return true
        }
    }

    /// Whether some posting under `key` satisfies `predicate`.
    func contains(_ key: Int64, where predicate: (Posting) -> Bool) -> Bool {
        !map.forEach(of: key) { !predicate($0) }
    }

    /// Reads the stored postings of `keys`.
    static func read(_ kind: Kind, keys: Set<Int64>, filters: RunFilters, _ db: Database) throws -> PostingTable {
        // Room for the postings this batch adds under new keys too.
        var table = PostingTable(kind, minimumCapacity: 2 * keys.count)
        guard !keys.isEmpty else { return table }
        for key in keys { table.map.reserve(key) }
        for (key, postings) in try PostingRuns.lookup(kind, keys: Array(keys), filters: filters, db) {
            for posting in postings.reversed() { table.map.add(key, posting) }
        }
        return table
    }

    /// Folds in postings written by batches this one's read did not see yet (of the keys this
    /// batch reads; the others do not concern it).
    mutating func merge(_ postings: [(key: Int64, posting: Posting)]) {
        for (key, posting) in postings where map.contains(key) {
            if !contains(key, where: { $0 == posting }) { map.add(key, posting) }
        }
    }

    /// Who holds each of `keys` now: the batch's own view where it has one, else the runs
    /// (which, on the writer's connection, include earlier batches of the open transaction),
    /// read in one lookup.
    func holders(of keys: Set<Int64>, filters: RunFilters, _ db: Database) throws -> [Int64: [Posting]] {
        var holders: [Int64: [Posting]] = [:]
        var unknown: [Int64] = []
        for key in keys {
            if map.contains(key) { holders[key] = map.postings(key) } else { unknown.append(key) }
        }
        for (key, stored) in try PostingRuns.lookup(kind, keys: unknown, filters: filters, db) {
            holders[key] = stored
        }
        return holders
    }

    /// A posting written to the table directly: kept for later batches' snapshots.
    mutating func noteWritten(_ key: Int64, _ posting: Posting) {
        map.add(key, posting)
        written.append((key, posting))
    }

    mutating func add(_ key: Int64, _ posting: Posting) {
        map.add(key, posting)
        added.append((key, posting))
    }

    mutating func remove(_ keys: [Int64], story: Int64, filters: RunFilters, _ db: Database) throws {
        try PostingRuns.remove(kind, story: story, keys: keys, filters: filters, db)
        for key in keys { map.remove(story: story, from: key) }
        added.removeAll { $0.posting.story == story }
    }

    func write(filters: RunFilters, _ db: Database) throws {
        try PostingRuns.append(kind, added, filters: filters, db)
    }
}
