import GRDB
import H20QDedup

/// Rows of the `story_pair` table: the same-story pairs found, each once (`a` < `b`), with the
/// shingles they share and, for a containment-only pair, its container (the longer story).
/// Clusters are computed from them (`ClusterGraph`); a container holding two stories or more
/// may be a compilation.
enum StoryPairs {
    /// Records the pairs of a new story with the stories it matched.
    static func insert(_ story: Int64, size: Int, _ matches: [Match], rule: DuplicateRule, _ db: Database) throws {
        let insert = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO story_pair (a, b, shared, container) VALUES (?, ?, ?, ?)")
        for match in matches {
            try insert.run(
                .integer(min(story, match.story)), .integer(max(story, match.story)),
                .integer(Int64(match.similarity.shared)),
                container(story, size, match.story, match.size, match.similarity, rule: rule).map(SQLValue.integer)
                    ?? .null)
        }
    }

    /// Writes `pairs` (found among `stories`) in place of every pair those stories had.
    static func replace(
        among stories: [Int64], with pairs: [ClusterGraph.Pair], sizes: [Int64: Int], rule: DuplicateRule,
        _ db: Database
    ) throws {
        let list = JSONArray.integers(stories)
        try db.execute(
            sql: """
                DELETE FROM story_pair WHERE a IN (SELECT value FROM json_each(:list))
                   OR b IN (SELECT value FROM json_each(:list))
                """, arguments: ["list": list])
        let insert = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO story_pair (a, b, shared, container) VALUES (?, ?, ?, ?)")
        for pair in pairs {
            let a = min(pair.a, pair.b)
            let b = max(pair.a, pair.b)
            let similarity = rule.similarity(shared: pair.shared, sizes[a]!, sizes[b]!)
            let container = container(a, sizes[a]!, b, sizes[b]!, similarity, rule: rule)
            try insert.run(
                .integer(a), .integer(b), .integer(Int64(pair.shared)), container.map(SQLValue.integer) ?? .null)
        }
    }

    /// Forgets the pairs of a removed story; returns the stories it was paired with.
    static func remove(_ story: Int64, _ db: Database) throws -> Set<Int64> {
        let partners = try Int64.fetchSet(
            db, sql: "SELECT b FROM story_pair WHERE a = :story UNION SELECT a FROM story_pair WHERE b = :story",
            arguments: ["story": story])
        try db.execute(sql: "DELETE FROM story_pair WHERE a = :story OR b = :story", arguments: ["story": story])
        return partners
    }

    /// How many stories `story` contains (containment-only pairs where it is the container).
    static func containedCount(_ story: Int64, _ db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT count(*) FROM story_pair WHERE container = ?")
        return try Int.fetchOne(statement, arguments: [story]) ?? 0
    }

    /// The container of a pair that is the same story by containment alone: the longer story.
    static func container(
        _ a: Int64, _ sizeA: Int, _ b: Int64, _ sizeB: Int, _ similarity: Similarity, rule: DuplicateRule
    ) -> Int64? {
        guard similarity.jaccard < rule.jaccard, sizeA != sizeB else { return nil }
        return sizeA > sizeB ? a : b
    }
}
