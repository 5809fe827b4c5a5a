import GRDB

/// A folded search ranking worked out the long way, apart from h20q's search code, to check
/// its answers against: every story matching the FTS5 expression ranked by bm25 (title three
/// times the body; ties: story id), each with its sightings that pass the filter, one group
/// per cluster, shown by its best-ranked story's earliest passing sighting.
///
///     ExhaustiveRanking(db, expression: "\"sorghum\"", source: "meridian post", since: nil).hits.prefix(2)
///         -> ["reuters21578-1395-c1", "reuters21578-8446-c1"]   (the 20,000-story scale corpus)
struct ExhaustiveRanking {
    /// One sighting id per group, best group first.
    var hits: [String]

    /// A matching story's sighting that passes the filter.
    private struct Candidate {
        var story: Int64
        var rank: Double
        var group: Int64
        var sighting: String
        var published: String?

        /// Rank, then story, then the sighting: dated before undated, earliest date, then
        /// id byte for byte.
        static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            if a.story != b.story { return a.story < b.story }
            switch (a.published, b.published) {
            case (nil, .some): return false
            case (.some, nil): return true
            case (.some(let x), .some(let y)) where x != y: return x < y
            default: return a.sighting.utf8.lexicographicallyPrecedes(b.sighting.utf8)
            }
        }
    }

    /// `source` matches case-insensitively; `since` is a stored publication time (ISO-8601
    /// text), kept when the sighting's is the same or later.
    init(_ db: Database, expression: String, source: String?, since: String?) throws {
        var candidates: [Candidate] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT m.story, m.rank, COALESCE(s.cluster, s.id), g.id, g.published
                FROM (SELECT rowid AS story, bm25(story_fts, 3.0, 1.0) AS rank
                      FROM story_fts WHERE story_fts MATCH :expression) m
                JOIN story s ON s.id = m.story JOIN sighting g ON g.story = m.story
                WHERE (:source IS NULL OR g.source = :source COLLATE NOCASE)
                      AND (:since IS NULL OR g.published >= :since)
                """,
            arguments: ["expression": expression, "source": source, "since": since])
        while let row = try rows.next() {
            candidates.append(
                Candidate(story: row[0], rank: row[1], group: row[2], sighting: row[3], published: row[4]))
        }
        candidates.sort(by: Candidate.precedes)
        var seen = Set<Int64>()
        hits = candidates.filter { seen.insert($0.group).inserted }.map(\.sighting)
    }
}
