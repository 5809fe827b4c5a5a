import Foundation
import GRDB

/// The candidate tables on disk: for each kind of key (LSH band keys, sampled shingles), a
/// set of immutable runs of postings sorted by key, each with a Bloom filter of its keys.
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
    /// Runs are not merged past this many entries: larger merges would hold a transaction
    /// for long, and more runs of this size cost only their Bloom filters.
    static let largestRun = 2_000_000

    /// The postings of `keys` (any order) across every run of `kind`.
    static func lookup(
        _ kind: PostingTable.Kind, keys: [Int64], filters: RunFilters, _ db: Database
    ) throws -> [Int64: [Posting]] {
        var found: [Int64: [Posting]] = [:]
        guard !keys.isEmpty else { return found }
        let sorted = keys.sorted()
        let page = try db.cachedStatement(
            sql: "SELECT entries FROM posting_page WHERE run = ? AND first_key <= ? ORDER BY first_key DESC LIMIT 1")
        for run in try filters.runs(kind, db) {
            var current: PostingPage?
            for key in sorted where run.filter.mayContain(key) {
                if current == nil || !current!.covers(key) {
                    guard let blob = try Data.fetchOne(page, arguments: [run.id, key]) else { continue }
                    current = PostingPage(blob)
                }
                let postings = current!.postings(of: key)
                if !postings.isEmpty { found[key, default: []] += postings }
            }
        }
        return found
    }

    /// Appends `postings` as a new run of `kind`, then merges runs as levels fill up.
    static func append(
        _ kind: PostingTable.Kind, _ postings: [(key: Int64, posting: Posting)], filters: RunFilters,
        _ db: Database
    ) throws {
        guard !postings.isEmpty else { return }
        let entries = postings.map { PostingEntry(key: $0.key, story: $0.posting.story, size: $0.posting.size) }
        let distinct = PostingEntry.sorted(entries).uniqued()
        try write(kind, level: 0, count: distinct.count, entries: distinct, filters: filters, db)
        try compact(kind, filters: filters, db)
    }

    /// Removes `story`'s postings under `keys` from every run of `kind` holding them.
    static func remove(
        _ kind: PostingTable.Kind, story: Int64, keys: [Int64], filters: RunFilters, _ db: Database
    ) throws {
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
                let stored = PostingPage(row[1])
                let kept = stored.entries.filter { !($0.key == key && $0.story == story) }
                guard kept.count < stored.entries.count else { continue }
                if kept.isEmpty {
                    try delete.execute(arguments: [row[0] as Int64])
                } else {
                    try update.execute(arguments: [PostingPage.encode(kept), row[0] as Int64])
                }
            }
        }
    }

    /// Writes `entries` (sorted, distinct; at most `count` of them) as one run of pages.
    private static func write<S: Sequence>(
        _ kind: PostingTable.Kind, level: Int, count: Int, entries: S, filters: RunFilters, _ db: Database
    ) throws where S.Element == PostingEntry {
        try db.execute(
            sql: "INSERT INTO posting_run (kind, level, entries, filter) VALUES (?, ?, 0, x'')",
            arguments: [kind.code, level])
        let run = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: "INSERT INTO posting_page (run, first_key, entries) VALUES (?, ?, ?)")
        var filter = BloomFilter(capacity: count)
        var page: [PostingEntry] = []
        var written = 0
        func flush() throws {
            try insert.execute(arguments: [run, page[0].key, PostingPage.encode(page)])
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
        try db.execute(
            sql: "UPDATE posting_run SET entries = ?, filter = ? WHERE id = ?", arguments: [written, filter.data, run])
        filters.remember(run, kind: kind, filter)
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
            try write(kind, level: level + 1, count: total, entries: merge, filters: filters, db)
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

/// The entries of several runs in key order, duplicates once, read a page at a time per run.
final class RunMerge: Sequence, IteratorProtocol {
    private struct Cursor {
        let run: Int64
        var page: [PostingEntry]
        var index = 0
        var lastFirstKey: Int64
    }

    private let db: Database
    private let nextPage: Statement
    private var cursors: [Cursor] = []
    private var previous: PostingEntry?
    /// A read that failed mid-merge; the merge then ends early and the caller throws it.
    private(set) var failure: (any Error)?

    init(runs: [Int64], _ db: Database) throws {
        self.db = db
        nextPage = try db.makeStatement(
            sql:
                "SELECT first_key, entries FROM posting_page WHERE run = ? AND first_key > ? ORDER BY first_key LIMIT 1"
        )
        for run in runs {
            if let cursor = try fetch(run: run, after: .min) { cursors.append(cursor) }
        }
    }

    private func fetch(run: Int64, after key: Int64) throws -> Cursor? {
        guard let row = try Row.fetchOne(nextPage, arguments: [run, key]) else { return nil }
        let page = PostingPage(row[1]).entries
        return page.isEmpty ? try fetch(run: run, after: row[0]) : Cursor(run: run, page: page, lastFirstKey: row[0])
    }

    func next() -> PostingEntry? {
        while failure == nil {
            guard
                let smallest = cursors.indices.min(by: {
                    cursors[$0].page[cursors[$0].index] < cursors[$1].page[cursors[$1].index]
                })
            else { return nil }
            let entry = cursors[smallest].page[cursors[smallest].index]
            cursors[smallest].index += 1
            if cursors[smallest].index == cursors[smallest].page.count {
                do {
                    if let following = try fetch(run: cursors[smallest].run, after: cursors[smallest].lastFirstKey) {
                        cursors[smallest] = following
                    } else {
                        cursors.remove(at: smallest)
                    }
                } catch {
                    failure = error
                    return nil
                }
            }
            if entry != previous {
                previous = entry
                return entry
            }
        }
        return nil
    }
}

/// One posting as runs store it.
struct PostingEntry: Comparable {
    var key: Int64
    var story: Int64
    var size: Int

    /// `entries` in order. Keys are hashes, spread evenly: one counting pass places each entry
    /// in a bucket by the top bits of its key, and each bucket (a handful of entries) is sorted
    /// on its own. Keys that crowd one bucket only make that bucket's sort larger.
    static func sorted(_ entries: [PostingEntry]) -> [PostingEntry] {
        guard entries.count > 64 else { return entries.sorted() }
        let bits = min(16, max(1, (entries.count / 4).bitWidth - (entries.count / 4).leadingZeroBitCount))
        let shift = UInt64(64 - bits)
        // Signed order: the sign bit flipped, negative keys come first.
        func bucket(_ entry: PostingEntry) -> Int {
            Int(truncatingIfNeeded: (UInt64(bitPattern: entry.key) ^ (1 << 63)) >> shift)
        }
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for entry in entries { starts[bucket(entry) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var next = starts
        // Every position is written once: the buckets partition the entries.
        return [PostingEntry](unsafeUninitializedCapacity: entries.count) { result, initialized in
            for entry in entries {
                let index = bucket(entry)
                (result.baseAddress! + next[index]).initialize(to: entry)
                next[index] += 1
            }
            initialized = entries.count
            for index in 0..<(starts.count - 1) where starts[index + 1] - starts[index] > 1 {
                var slice = UnsafeMutableBufferPointer(rebasing: result[starts[index]..<starts[index + 1]])
                slice.sort()
            }
        }
    }

    static func < (lhs: PostingEntry, rhs: PostingEntry) -> Bool {
        (lhs.key, lhs.story) < (rhs.key, rhs.story)
    }

    static func == (lhs: PostingEntry, rhs: PostingEntry) -> Bool {
        lhs.key == rhs.key && lhs.story == rhs.story
    }
}

/// A page of a run: entries sorted by key, 20 bytes each (key, story, size; little-endian).
struct PostingPage {
    let entries: [PostingEntry]

    static let entrySize = 20

    init(_ data: Data) {
        entries = data.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count - Self.entrySize + 1, by: Self.entrySize).map { offset in
                PostingEntry(
                    key: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)),
                    story: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self)),
                    size: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))))
            }
        }
    }

    static func encode<C: Collection>(_ entries: C) -> Data where C.Element == PostingEntry {
        var data = Data(count: entries.count * entrySize)
        data.withUnsafeMutableBytes { raw in
            for (index, entry) in entries.enumerated() {
                let offset = index * entrySize
                raw.storeBytes(of: entry.key.littleEndian, toByteOffset: offset, as: Int64.self)
                raw.storeBytes(of: entry.story.littleEndian, toByteOffset: offset + 8, as: Int64.self)
                raw.storeBytes(
                    of: UInt32(clamping: entry.size).littleEndian, toByteOffset: offset + 16, as: UInt32.self)
            }
        }
        return data
    }

    /// Whether `key` falls in this page's range: if it is anywhere in the run, it is here.
    func covers(_ key: Int64) -> Bool {
        guard let first = entries.first, let last = entries.last else { return false }
        return first.key <= key && key <= last.key
    }

    func postings(of key: Int64) -> [Posting] {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        var postings: [Posting] = []
        while low < entries.count && entries[low].key == key {
            postings.append(Posting(story: entries[low].story, size: entries[low].size))
            low += 1
        }
        return postings
    }
}

extension PostingTable.Kind {
    /// How the kind is stored in `posting_run.kind`.
    var code: Int { self == .bands ? 0 : 1 }
}

/// The Bloom filters of the runs, read once per run and shared by the threads of an ingest.
final class RunFilters: @unchecked Sendable {
    struct Run {
        let id: Int64
        let filter: BloomFilter
    }

    // `filters` is guarded by `lock`; a filter never changes once read (runs are immutable).
    private let lock = NSLock()
    private var filters: [Int64: (kind: PostingTable.Kind, filter: BloomFilter)] = [:]

    /// The runs of `kind` as `db` sees them, newest first, with their filters.
    func runs(_ kind: PostingTable.Kind, _ db: Database) throws -> [Run] {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM posting_run WHERE kind = ? ORDER BY id DESC", arguments: [kind.code])
        return try ids.map { id in
            if let known = lock.withLock({ filters[id] }) { return Run(id: id, filter: known.filter) }
            let data =
                try Data.fetchOne(db, sql: "SELECT filter FROM posting_run WHERE id = ?", arguments: [id]) ?? Data()
            let filter = BloomFilter(data: data)
            remember(id, kind: kind, filter)
            return Run(id: id, filter: filter)
        }
    }

    func remember(_ id: Int64, kind: PostingTable.Kind, _ filter: BloomFilter) {
        lock.withLock { filters[id] = (kind, filter) }
    }

    func forget(_ ids: [Int64]) {
        lock.withLock { for id in ids { filters[id] = nil } }
    }
}

/// A Bloom filter over 64-bit keys (already uniformly random hashes): 10 bits and 7 probes a
/// key, about 1% false positives.
struct BloomFilter: Sendable {
    private var words: [UInt64]

    static let bitsPerKey = 10
    static let probes = 7

    /// A power of two of words, so that a bit's position is a mask, not a division: the one
    /// nearest the 10 bits a key asked for, down to 7.5 (about 3% false positives) or up.
    init(capacity: Int) {
        let needed = max(1, (capacity * Self.bitsPerKey + 63) / 64)
        let above = 1 << (Int.bitWidth - (needed - 1).leadingZeroBitCount)
        let below = above / 2
        words = [UInt64](repeating: 0, count: below > 0 && 4 * below >= 3 * needed ? below : above)
    }

    /// Reads the form written by `data`; an empty or damaged filter admits every key.
    init(data: Data) {
        let count = data.count / 8
        guard count > 0 else {
            words = [.max]
            return
        }
        words = data.withUnsafeBytes { raw in
            (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }

    var data: Data {
        var data = Data(count: words.count * 8)
        data.withUnsafeMutableBytes { raw in
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return data
    }

    mutating func insert(_ key: Int64) {
        let bits = UInt64(words.count * 64)
        let mask = bits & (bits - 1) == 0 ? bits - 1 : nil
        var (hash, step) = Self.hashes(key)
        for _ in 0..<Self.probes {
            let bit = mask.map { hash & $0 } ?? hash % bits
            words[Int(bit / 64)] |= 1 << (bit % 64)
            hash &+= step
        }
    }

    func mayContain(_ key: Int64) -> Bool {
        let bits = UInt64(words.count * 64)
        let mask = bits & (bits - 1) == 0 ? bits - 1 : nil
        var (hash, step) = Self.hashes(key)
        for _ in 0..<Self.probes {
            let bit = mask.map { hash & $0 } ?? hash % bits
            if words[Int(bit / 64)] & (1 << (bit % 64)) == 0 { return false }
            hash &+= step
        }
        return true
    }

    /// Double hashing: the key itself, and an odd step derived from it.
    private static func hashes(_ key: Int64) -> (UInt64, UInt64) {
        let value = UInt64(bitPattern: key)
        return (value, StableHash.mix(value) | 1)
    }
}
