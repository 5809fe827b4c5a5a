/// One candidate table (LSH band keys, sampled shingles, or whole texts) as a write batch sees
/// it: the stored postings of the batch's keys, fetched together, plus what the batch adds as
/// it goes. The store reads it and writes what was added when the batch ends, as one run.
package struct PostingTable: Sendable {
    package enum Kind: Sendable {
        /// LSH band keys of short stories, and sampled shingles of long ones: near copies.
        case bands, samples
        /// Hashes of whole normalized texts: exact copies (postings of size 0).
        case texts
    }

    package let kind: Kind
    private var map: PostingMap
    /// Postings added by this batch, to be written.
    package private(set) var added: [(key: Int64, posting: Posting)] = []
    /// Postings this batch wrote directly (cluster repairs).
    package private(set) var written: [(key: Int64, posting: Posting)] = []

    /// Stored postings past this many under one key are counted, not read (`load(_:counted:)`).
    package var cap = Int.max

    /// Everything this batch posted: what it added, then what it wrote directly (apart, as
    /// joining them would copy what it added).
    package var posted: [[(key: Int64, posting: Posting)]] { [added, written] }

    package init(_ kind: Kind, minimumCapacity: Int = 16) {
        self.kind = kind
        self.map = PostingMap(minimumCapacity: minimumCapacity)
    }

    /// The number of postings under `key`.
    package func count(of key: Int64) -> Int { map.count(of: key) }

    /// Calls `body` with each posting under `key`.
    package func forEach(of key: Int64, _ body: (Posting) -> Void) {
        map.forEach(of: key) { posting in
            body(posting)
            return true
        }
    }

    /// Whether some posting under `key` satisfies `predicate`.
    package func contains(_ key: Int64, where predicate: (Posting) -> Bool) -> Bool {
        !map.forEach(of: key) { !predicate($0) }
    }

    /// The postings under `key`, newest first, if the table knows them all (read or added).
    package func postings(ifKnown key: Int64) -> [Posting]? {
        guard map.contains(key), !isCounted(key) else { return nil }
        return map.postings(key)
    }

    /// Records the stored postings of a key read for the batch, oldest first; a key read
    /// without postings is known to have none.
    package mutating func load(_ key: Int64, stored postings: [Posting]) {
        map.reserve(key)
        for posting in postings.reversed() { map.add(key, posting) }
    }

    /// Records that `key` has `count` stored postings, not read: a stock phrase, which the
    /// batch only counts (`count(of:)` includes them; `forEach(of:)` sees only what the batch
    /// merges in or adds). A posting merged in from a batch this one's read missed cannot be
    /// told apart from a stored one then, and may be counted twice: the count only grows past
    /// the cap, and a removal reads the key again (`reset`).
    package mutating func load(_ key: Int64, counted count: Int) {
        map.count(count, unheldUnder: key)
    }

    /// Whether some of `key`'s stored postings were counted, not read.
    package func isCounted(_ key: Int64) -> Bool {
        map.heldCount(of: key) < map.count(of: key)
    }

    /// Replaces what the table knows of `key` by what the runs hold now (`stored` postings,
    /// or a `counted` number of them) and the postings the batch added under it.
    package mutating func reset(_ key: Int64, stored postings: [Posting], counted: Int) {
        map.clear(key)
        map.count(counted, unheldUnder: key)
        for posting in postings.reversed() { map.add(key, posting) }
        for (added, posting) in added where added == key { map.add(key, posting) }
    }

    /// Folds in postings written by batches this one's read did not see yet (of the keys this
    /// batch reads; the others do not concern it).
    package mutating func merge(_ postings: [(key: Int64, posting: Posting)]) {
        for (key, posting) in postings where map.contains(key) {
            if !contains(key, where: { $0 == posting }) { map.add(key, posting) }
        }
    }

    /// A posting written to the table directly: kept for later batches' snapshots.
    package mutating func noteWritten(_ key: Int64, _ posting: Posting) {
        map.add(key, posting)
        written.append((key, posting))
    }

    package mutating func add(_ key: Int64, _ posting: Posting) {
        map.add(key, posting)
        added.append((key, posting))
    }

    /// Forgets `story`'s postings under `keys`, and those it added in this batch.
    package mutating func forget(story: Int64, keys: [Int64]) {
        for key in keys { map.remove(story: story, from: key) }
        added.removeAll { $0.posting.story == story }
    }
}
