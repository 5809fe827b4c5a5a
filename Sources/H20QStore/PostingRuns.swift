import Foundation
import GRDB
import H20QDedup
import H20QInput

/// The candidate tables on disk: for each kind of key (LSH band keys, sampled shingles, text
/// hashes), a set of immutable runs of postings sorted by key, each with a Bloom filter of its
/// keys.
///
///     batch postings --sort--> new run (level 0) --4 runs of a level--> one run a level up
///
/// A batch's postings are appended as one run: a few page rows written once, where inserting
/// them one by one into a B-tree keyed by random hashes would rewrite most of its pages on
/// every batch. Four runs of a level are merged into one of the next (a log-structured merge),
/// so a key is looked up in a few runs, and the Bloom filters skip the runs that cannot hold
/// it. Runs live in the same transactions as the stories they index.
///
///     posting_run   (id, kind, level, entries, filter)   one row a run
///     posting_page  (id, run, first_key, entries)        sorted entries, a key never split
enum PostingRuns {
    /// Entries per page: a page row fits one SQLite page.
    static let pageEntries = 180
    /// Runs of one level merged into one of the next.
    static let fanOut = 4
    /// Runs are not merged past this many entries. Every run costs a lookup a probe of its
    /// filter and, for a key it holds, a page read: at a million stories, 61 runs instead of
    /// 30 cost a story about 180 us of CPU (measured), while a merge into a run of 10 million,
    /// a few seconds of one transaction, comes every 250,000 stories.
    /// (At 2 million, four runs of 0.6 million too large to merge stayed apart for good: how
    /// large a level's runs grow depends on the batches' sizes.)
    static let largestRun = 16_000_000

    /// What a lookup found under one key.
    enum Found {
        /// The key's postings across the runs, newest run first (none: the key is not stored).
        case postings([Posting])
        /// The number of the key's postings, over the lookup's cap: none of them decoded (for a
        /// known stock phrase, not even counted: the cap plus one).
        case counted(Int)
    }

    /// The postings of `keys` (any order) across every run of `kind`.
    static func lookup(
        _ kind: PostingTable.Kind, keys: [Int64], filters: RunFilters, _ db: Database
    ) throws -> [Int64: [Posting]] {
        var found: [Int64: [Posting]] = [:]
        try lookup(kind, keys: keys, cap: .max, filters: filters, db) { key, postings in
            if case .postings(let postings) = postings, !postings.isEmpty { found[key] = postings }
        }
        return found
    }

    /// Calls `body` once for each of `keys` (in key order) with what the runs of `kind` hold
    /// under it: its postings, or their number where it has more than `cap` (stock phrases,
    /// which a batch only needs to know are over the cap). A key's postings grow with the
    /// archive; the postings of a thousand stock phrases a batch would otherwise hold are
    /// millions at a million stories.
    ///
    /// The (sorted) keys are tried against each run's Bloom filter in turn, a run at a time:
    /// sorted keys read a filter's blocks front to back (`BloomFilter`), each key's hash taken
    /// once for all runs. Then keys are taken one at a time across the runs that may hold
    /// them, each run's page kept while the keys stay on it: a key's count is known before any
    /// of its postings is decoded, and they go straight to `body` (the postings array is
    /// reused; a caller keeps what it needs) instead of into a dictionary of arrays that the
    /// caller would copy again.
    ///
    /// With `stockSince`, the epoch taken before the caller's read began, keys known to be
    /// stock phrases are not looked up (`StockPhrases`), and those found over the cap are
    /// learned.
    static func lookup(
        _ kind: PostingTable.Kind, keys: [Int64], cap: Int, filters: RunFilters,
        stockSince epoch: StockPhrases.Epoch? = nil, _ db: Database, _ body: (Int64, Found) throws -> Void
    ) throws {
        guard !keys.isEmpty else { return }
        // With its run: a page emptied by a removal is deleted, and its id may be taken again
        // by a page of a later run.
        let page = try db.cachedStatement(sql: "SELECT entries FROM posting_page WHERE id = ? AND run = ?")
        let runs = try filters.runs(kind, db)
        var sorted = keys.sorted()
        sorted.removeAdjacentDuplicates()
        let stock = epoch != nil && cap < .max ? filters.stock.known(sorted) : nil
        var learned: [Int64] = []
        // Bit i of row r: the filter of run i admits sorted key r.
        let words = (runs.count + 63) / 64
        var admitted = [UInt64](repeating: 0, count: sorted.count * words)
        let mixed = sorted.map { StableHash.mix(UInt64(bitPattern: $0)) }
        for (index, run) in runs.enumerated() {
            let (word, bit) = (index / 64, UInt64(1) << (index % 64))
            for (row, key) in sorted.enumerated()
            where stock?[row] != true && run.filter.mayContain(key, mixed: mixed[row]) {
                admitted[row * words + word] |= bit
            }
        }
        var pages = [PostingPage?](repeating: nil, count: runs.count)
        var pageIDs = [Int64](repeating: 0, count: runs.count)
        var ranges = [Range<Int>](repeating: 0..<0, count: runs.count)
        var postings: [Posting] = []
        for (row, key) in sorted.enumerated() {
            if stock?[row] == true {
                try body(key, .counted(cap + 1))
                continue
            }
            var total = 0
            for index in runs.indices {
                ranges[index] = 0..<0
                guard admitted[row * words + index / 64] & (UInt64(1) << (index % 64)) != 0 else { continue }
                let run = runs[index]
                if pages[index] == nil || !pages[index]!.covers(key) {
                    // Not on the page read already: the one page of the run it may be on.
                    guard let id = run.pages.page(for: key), id != pageIDs[index],
                        let blob = try page.firstBlob(id, run.id)
                    else { continue }
                    pages[index] = PostingPage(blob)
                    pageIDs[index] = id
                }
                ranges[index] = pages[index]!.range(of: key)
                total += ranges[index].count
            }
            if total > cap {
                if stock != nil { learned.append(key) }
                try body(key, .counted(total))
                continue
            }
            postings.removeAll(keepingCapacity: true)
            for index in runs.indices where !ranges[index].isEmpty {
                pages[index]!.append(ranges[index], to: &postings)
            }
            try body(key, .postings(postings))
        }
        if let epoch { filters.stock.learn(learned, readSince: epoch) }
    }

    /// Appends `postings` as a new run of `kind`, then merges runs as levels fill up.
    static func append(
        _ kind: PostingTable.Kind, _ postings: [(key: Int64, posting: Posting)], filters: RunFilters,
        _ db: Database
    ) throws {
        guard !postings.isEmpty else { return }
        let entries = postings.map { PostingEntry(key: $0.key, story: $0.posting.story, size: $0.posting.size) }
        let distinct = PostingEntry.sorted(entries).uniqued()
        try write(kind, level: 0, entries: distinct, expectedKeys: distinct.count, filters: filters, db)
        try compact(kind, filters: filters, db)
    }

    /// Writes postings already stored elsewhere (an index upgraded) as one run of `kind`, read
    /// a row at a time: `rows` of (key, story), sorted and distinct, `count` of them. The run
    /// goes to the level where runs merged from batches' runs of `batchEntries` reach its size,
    /// to be merged with runs of its size, not small ones.
    static func build(
        _ kind: PostingTable.Kind, rows: RowCursor, count: Int, batchEntries: Int, filters: RunFilters,
        _ db: Database
    ) throws {
        guard count > 0 else { return }
        var level = 0
        var reached = max(1, batchEntries)
        while reached < count {
            reached *= fanOut
            level += 1
        }
        let entries = RowEntries(rows)
        try write(kind, level: level, entries: entries, expectedKeys: count, filters: filters, db)
        if let failure = entries.failure { throw failure }
    }

    /// Removes `story`'s postings under `keys` from every run of `kind` holding them.
    static func remove(
        _ kind: PostingTable.Kind, story: Int64, keys: [Int64], filters: RunFilters, _ db: Database
    ) throws {
        if kind == .samples { filters.stock.postingsRemoved() }
        let page = try db.cachedStatement(
            sql: """
                SELECT id, entries FROM posting_page WHERE run = ? AND first_key <= ?
                ORDER BY first_key DESC LIMIT 1
                """)
        let update = try db.cachedStatement(sql: "UPDATE posting_page SET entries = ? WHERE id = ?")
        let delete = try db.cachedStatement(sql: "DELETE FROM posting_page WHERE id = ?")
        for run in try filters.runs(kind, db) {
            for key in Set(keys) where run.filter.mayContain(key) {
                guard let row = try Row.fetchOne(page, arguments: [run.id, key]) else { continue }
                let stored = PostingPage(row[1]).entries
                let kept = stored.filter { !($0.key == key && $0.story == story) }
                guard kept.count < stored.count else { continue }
                if kept.isEmpty {
                    try delete.execute(arguments: [row[0] as Int64])
                } else {
                    try update.execute(arguments: [PostingPage.encode(kept), row[0] as Int64])
                }
            }
        }
    }

    /// Writes `entries` (sorted, distinct; at most `expectedKeys` of them) as one run of pages.
    private static func write<S: Sequence>(
        _ kind: PostingTable.Kind, level: Int, entries: S, expectedKeys: Int, filters: RunFilters, _ db: Database
    ) throws where S.Element == PostingEntry {
        try db.execute(
            sql: "INSERT INTO posting_run (kind, level, entries, filter) VALUES (?, ?, 0, x'')",
            arguments: [kind.code, level])
        let run = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: "INSERT INTO posting_page (run, first_key, entries) VALUES (?, ?, ?)")
        var filter = BloomFilter.Builder(expectedKeys: expectedKeys)
        var directory = PageDirectory()
        var page: [PostingEntry] = []
        var written = 0
        func flush() throws {
            try insert.execute(arguments: [run, page[0].key, PostingPage.encode(page)])
            directory.append(firstKey: page[0].key, id: db.lastInsertedRowID)
            written += page.count
            page.removeAll(keepingCapacity: true)
        }
        for entry in entries {
            // A full page ends before a new key: a key's entries share one page.
            if page.count >= pageEntries, entry.key != page.last!.key { try flush() }
            filter.insert(entry.key)
            page.append(entry)
        }
        if !page.isEmpty { try flush() }
        let built = filter.finish()
        try db.execute(sql: "UPDATE posting_run SET entries = ? WHERE id = ?", arguments: [written, run])
        try built.write(run: run, db)
        filters.remember(run, built, directory)
    }

    /// Merges the runs of each level that has `fanOut` of them into one run a level up,
    /// reading them a page at a time.
    private static func compact(_ kind: PostingTable.Kind, filters: RunFilters, _ db: Database) throws {
        var level = 0
        while true {
            let runs = try Row.fetchAll(
                db, sql: "SELECT id, entries FROM posting_run WHERE kind = ? AND level = ? ORDER BY id",
                arguments: [kind.code, level])
            let total = runs.reduce(0) { $0 + ($1[1] as Int) }
            guard runs.count >= fanOut, total <= largestRun else { return }
            let ids: [Int64] = runs.map { $0[0] }
            let merge = try RunMerge(runs: ids, db)
            try write(kind, level: level + 1, entries: merge, expectedKeys: total, filters: filters, db)
            if let failure = merge.failure { throw failure }
            try db.execute(
                sql: "DELETE FROM posting_page WHERE run IN (SELECT value FROM json_each(?))",
                arguments: [JSONArray.integers(ids)])
            try db.execute(
                sql: "DELETE FROM posting_run WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [JSONArray.integers(ids)])
            filters.forget(ids)
            level += 1
        }
    }
}

/// Postings of size 0 from rows of (key, story), one at a time; a read that fails ends them
/// early, and the caller throws `failure`.
private final class RowEntries: Sequence, IteratorProtocol {
    private let rows: RowCursor
    private(set) var failure: (any Error)?

    init(_ rows: RowCursor) { self.rows = rows }

    func next() -> PostingEntry? {
        guard failure == nil else { return nil }
        do {
            guard let row = try rows.next() else { return nil }
            return PostingEntry(key: row[0], story: row[1], size: 0)
        } catch {
            failure = error
            return nil
        }
    }
}
