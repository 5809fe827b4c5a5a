import GRDB
import GRDBSQLite

/// A story listed under a candidate key, with its size (shingle count under an LSH key,
/// sample size under a sampled shingle), so that candidates can be weighed before any is read.
struct Posting: Equatable, Sendable {
    var story: Int64
    var size: Int
}

/// One candidate table (`lsh_band` or `shingle_sample`) as a write batch sees it: the stored
/// postings of the batch's keys, fetched together, plus what the batch adds as it goes.
/// Added postings are written when the batch ends, sorted by key, which keeps SQLite's
/// B-tree inserts local.
struct PostingTable: Sendable {
    enum Kind: Sendable {
        case bands, samples

        var table: String { self == .bands ? "lsh_band" : "shingle_sample" }
        var keyColumn: String { self == .bands ? "key" : "hash" }
        var sizeColumn: String { self == .bands ? "shingles" : "samples" }
    }

    let kind: Kind
    private(set) var postings: [Int64: [Posting]] = [:]
    /// Postings added by this batch, to be written.
    private(set) var added: [(key: Int64, posting: Posting)] = []
    /// Postings this batch wrote directly (cluster repairs).
    private(set) var written: [(key: Int64, posting: Posting)] = []

    /// Everything this batch posted.
    var posted: [(key: Int64, posting: Posting)] { added + written }

    init(_ kind: Kind) {
        self.kind = kind
    }

    func postings(_ key: Int64) -> [Posting] { postings[key] ?? [] }

    /// Reads the stored postings of `keys`.
    static func read(_ kind: Kind, keys: Set<Int64>, _ db: Database) throws -> PostingTable {
        var table = PostingTable(kind)
        guard !keys.isEmpty else { return table }
        table.postings.reserveCapacity(keys.count)
        for key in keys { table.postings[key] = [] }
        // One lookup per key, in key order: cheaper than any set-valued query SQLite offers.
        let lookup = try db.cachedStatement(
            sql: "SELECT story, \(kind.sizeColumn) FROM \(kind.table) WHERE \(kind.keyColumn) = ?")
        let handle = lookup.sqliteStatement
        for key in keys.sorted() {
            sqlite3_bind_int64(handle, 1, key)
            var status = sqlite3_step(handle)
            while status == SQLITE_ROW {
                table.postings[key]!.append(
                    Posting(story: sqlite3_column_int64(handle, 0), size: Int(sqlite3_column_int64(handle, 1))))
                status = sqlite3_step(handle)
            }
            sqlite3_reset(handle)
            guard status == SQLITE_DONE else { throw DatabaseError(status, handle) }
        }
        return table
    }

    /// Folds in postings written by batches this one's read did not see yet (of the keys this
    /// batch reads; the others do not concern it).
    mutating func merge(_ postings: [(key: Int64, posting: Posting)]) {
        for (key, posting) in postings where self.postings[key] != nil {
            if !self.postings[key]!.contains(posting) { self.postings[key]!.append(posting) }
        }
    }

    /// Who holds `key` now: the batch's own view where it has one, else the table (which, on the
    /// writer's connection, includes earlier batches of the open transaction).
    func holders(_ key: Int64, _ db: Database) throws -> [Posting] {
        if let known = postings[key] { return known }
        let lookup = try db.cachedStatement(
            sql: "SELECT story, \(kind.sizeColumn) FROM \(kind.table) WHERE \(kind.keyColumn) = ?")
        return try Row.fetchAll(lookup, arguments: [key]).map { Posting(story: $0[0], size: $0[1]) }
    }

    /// A posting written to the table directly: kept for later batches' snapshots.
    mutating func noteWritten(_ key: Int64, _ posting: Posting) {
        postings[key, default: []].append(posting)
        written.append((key, posting))
    }

    mutating func add(_ key: Int64, _ posting: Posting) {
        postings[key, default: []].append(posting)
        added.append((key, posting))
    }

    mutating func remove(_ keys: [Int64], story: Int64, _ db: Database) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM \(kind.table) WHERE \(kind.keyColumn) = ? AND story = ?")
        for key in keys {
            try delete.run(.integer(key), .integer(story))
            postings[key]?.removeAll { $0.story == story }
        }
        added.removeAll { $0.posting.story == story }
    }

    func write(_ db: Database) throws {
        guard !added.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO \(kind.table) (\(kind.keyColumn), story, \(kind.sizeColumn)) VALUES (?, ?, ?)
                """)
        for (key, posting) in added.sorted(by: { ($0.key, $0.posting.story) < ($1.key, $1.posting.story) }) {
            try insert.run(.integer(key), .integer(posting.story), .integer(Int64(posting.size)))
        }
    }
}
