import GRDB

/// Which stories hold a text: the hash of each story's normalized words, for finding exact
/// copies. Kept in two tables rather than one index on `story(text_hash)`:
///
///     text_hash_recent   (hash, story)   the stories since the last move, a few pages
///     text_hash          (hash, story)   all others, moved in sorted, `moveLimit` at a time
///
/// Hashes are random keys: in one index every commit of a batch dirtied nearly every leaf,
/// and at a million stories that index (17 MB) took 44% of the write-ahead log's frames, more
/// than the stories themselves, and crowded the rest out of the writer's page cache. New
/// hashes go to the small table; once it holds `moveLimit`, they move to the large one in key
/// order, which writes each of its leaves once for that many stories instead of once a commit.
/// A lookup reads both.
enum TextHashes {
    /// Hashes held in the small table before they move: 65,536 (about 1 MB) at most.
    static let moveLimit = 65_536

    static func insert(story: Int64, hash: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO text_hash_recent (hash, story) VALUES (?, ?)")
            .execute(arguments: [hash, story])
    }

    static func remove(story: Int64, hash: Int64, _ db: Database) throws {
        for table in ["text_hash", "text_hash_recent"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE hash = ? AND story = ?")
                .execute(arguments: [hash, story])
        }
    }

    /// Those of `hashes` some stored story has.
    static func stored(_ hashes: [Int64], _ db: Database) throws -> Set<Int64> {
        try Int64.fetchSet(
            db,
            sql: """
                SELECT hash FROM text_hash WHERE hash IN (SELECT value FROM json_each(?1))
                UNION SELECT hash FROM text_hash_recent WHERE hash IN (SELECT value FROM json_each(?1))
                """,
            arguments: [JSONArray.integers(hashes)])
    }

    /// The stories whose text has `hash`, by id.
    static func stories(withHash hash: Int64, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT story FROM text_hash WHERE hash = ?1
                    UNION SELECT story FROM text_hash_recent WHERE hash = ?1 ORDER BY story
                    """),
            arguments: [hash])
    }

    /// Moves the small table's hashes into the large one once it holds `limit`; true if it did.
    @discardableResult
    static func moveIfFull(limit: Int = moveLimit, _ db: Database) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM text_hash_recent") ?? 0 >= limit else { return false }
        try db.execute(
            sql: """
                INSERT INTO text_hash (hash, story) SELECT hash, story FROM text_hash_recent ORDER BY hash, story;
                DELETE FROM text_hash_recent;
                """)
        return true
    }
}
