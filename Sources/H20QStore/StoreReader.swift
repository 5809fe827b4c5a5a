import GRDB
import H20QInput

/// The read queries behind search, `show` and `dupes`, on one consistent snapshot of the
/// index (`StoryStore.reading`). It answers in rows; what they mean to people (ranking pages,
/// folding, canonical members) is the search module's.
package struct StoreReader {
    let db: Database

    /// Which sightings count: from a source (case-insensitive), published in a time range.
    package struct SightingFilter: Sendable {
        package var source: String?
        package var since: PublishedDate?
        package var until: PublishedDate?

        package init(source: String?, since: PublishedDate?, until: PublishedDate?) {
            self.source = source
            self.since = since
            self.until = until
        }

        /// No filter at all.
        package var isEmpty: Bool { source == nil && since == nil && until == nil }

        static let sql = """
            (:source IS NULL OR g.source = :source COLLATE NOCASE)
            AND (:since IS NULL OR g.published >= :since)
            AND (:until IS NULL OR g.published < :until)
            """

        /// A sighting of the story `s` that passes: for `EXISTS (...)` or a count.
        static let passingSightingOfStory = "SELECT 1 FROM sighting g WHERE g.story = s.id AND \(sql)"

        var arguments: StatementArguments {
            ["source": source, "since": since?.text, "until": until?.text]
        }
    }

    /// A sighting of a matching story, with its story's bm25 rank (lower is better).
    package struct RankedSighting: Sendable {
        package var story: Int64
        package var rank: Double
        package var sighting: String
        /// The story's cluster label, or the story itself when it stands alone.
        package var cluster: Int64

        package init(story: Int64, rank: Double, sighting: String, cluster: Int64) {
            self.story = story
            self.rank = rank
            self.sighting = sighting
            self.cluster = cluster
        }
    }

    /// The sightings, passing `filter`, of the `pool` best-ranked stories matching the FTS5
    /// `expression`, in rank order (ties: story, then earliest sighting).
    package func rankedSightings(
        matching expression: String, pool: Int, filter: SightingFilter
    ) throws -> [RankedSighting] {
        try Row.fetchAll(
            db,
            sql: """
                WITH top AS (
                    SELECT rowid AS story, bm25(story_fts, \(RankFunction.titleWeight), 1.0) AS rank
                    FROM story_fts WHERE story_fts MATCH :expression ORDER BY rank, rowid LIMIT :pool
                )
                SELECT top.story, top.rank, g.id, COALESCE(s.cluster, s.id)
                FROM top JOIN story s ON s.id = top.story JOIN sighting g ON g.story = top.story
                WHERE \(SightingFilter.sql)
                ORDER BY top.rank, top.story, g.published IS NULL, g.published, g.id
                """,
            arguments: filter.arguments + ["expression": expression, "pool": pool]
        ).map { RankedSighting(story: $0[0], rank: $0[1], sighting: $0[2], cluster: $0[3]) }
    }

    /// What a search hit shows of a sighting of a matching story.
    package struct HitText: Sendable {
        package var title: String
        package var source: String?
        package var url: String?
        package var published: String?
        /// Body text around the matches (the title, for a story without body), each match
        /// between `open` and `close`.
        package var snippet: String
    }

    /// A hit's text with its matches marked: the body around them, or the title of a story
    /// that is only a title (a flash).
    private static let snippetColumn = """
        CASE WHEN s.body = '' THEN highlight(story_fts, 0, :open, :close)
             ELSE snippet(story_fts, 1, :open, :close, '…', :words) END
        """

    /// The hit text of `sighting`, a sighting of `story`; nil if the story no longer matches.
    package func hitText(
        story: Int64, sighting: String, matching expression: String, marks: (open: String, close: String),
        snippetWords: Int
    ) throws -> HitText? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT s.title, g.source, g.url, g.published, \(Self.snippetColumn)
                FROM story_fts CROSS JOIN story s ON s.id = story_fts.rowid JOIN sighting g ON g.id = :sighting
                WHERE story_fts MATCH :expression AND story_fts.rowid = :story
                """)
        return try Row.fetchOne(
            statement,
            arguments: [
                "expression": expression, "story": story, "sighting": sighting, "open": marks.open,
                "close": marks.close, "words": snippetWords,
            ]
        ).map { HitText(title: $0[0], source: $0[1], url: $0[2], published: $0[3], snippet: $0[4] ?? "") }
    }

    /// The hit texts of several sightings at once, by story: one statement over the range of
    /// ids the stories span instead of one per story. For a prefix query, whose every statement
    /// merges the lists of all the words the prefix begins (a millisecond at 200,000 stories),
    /// where walking the range's matches costs less. Stories that no longer match are left out.
    package func hitTexts(
        of hits: [(story: Int64, sighting: String)], matching expression: String, marks: (open: String, close: String),
        snippetWords: Int
    ) throws -> [Int64: HitText] {
        guard let low = hits.map(\.story).min(), let high = hits.map(\.story).max() else { return [:] }
        // `+rowid`: the list filters the range's matches, rather than making a statement per id.
        let texts = try db.cachedStatement(
            sql: """
                SELECT story_fts.rowid, s.title, \(Self.snippetColumn)
                FROM story_fts CROSS JOIN story s ON s.id = story_fts.rowid
                WHERE story_fts MATCH :expression AND story_fts.rowid >= :low AND story_fts.rowid <= :high
                  AND +story_fts.rowid IN (SELECT value FROM json_each(:stories))
                """)
        var found: [Int64: (title: String, snippet: String)] = [:]
        for row in try Row.fetchAll(
            texts,
            arguments: [
                "expression": expression, "low": low, "high": high, "stories": JSONArray.integers(hits.map(\.story)),
                "open": marks.open,
                "close": marks.close, "words": snippetWords,
            ])
        {
            found[row[0]] = (row[1], row[2] ?? "")
        }
        let sightings = try db.cachedStatement(sql: "SELECT source, url, published FROM sighting WHERE id = ?")
        var result: [Int64: HitText] = [:]
        for hit in hits {
            guard let text = found[hit.story],
                let sighting = try Row.fetchOne(sightings, arguments: [hit.sighting])
            else { continue }
            result[hit.story] = HitText(
                title: text.title, source: sighting[0], url: sighting[1], published: sighting[2], snippet: text.snippet)
        }
        return result
    }

    /// A sighting as a search hit lists it among the hit's duplicates.
    package struct Listed: Sendable {
        package var id: String
        package var story: Int64
        package var source: String?
        package var published: String?
    }

    /// Every sighting of the cluster labelled `cluster` that `story` belongs to (the story's
    /// own sightings when it stands alone), earliest first, read from indexes alone.
    package func listedMembers(ofCluster cluster: Int64, story: Int64) throws -> [Listed] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT g.id, g.story, g.source, g.published FROM sighting g
                WHERE g.story IN (SELECT id FROM story WHERE cluster = :cluster UNION SELECT :story)
                ORDER BY g.published IS NULL, g.published, g.id
                """)
        return try Row.fetchAll(statement, arguments: ["cluster": cluster, "story": story]).map {
            Listed(id: $0[0], story: $0[1], source: $0[2], published: $0[3])
        }
    }

    /// Every sighting of the cluster `story` belongs to (the sightings of the story itself
    /// when it stands alone), earliest first.
    package func clusterMembers(ofStory story: Int64) throws -> [ClusterMember] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(ClusterMember.columns) FROM sighting g JOIN story s ON s.id = g.story
                WHERE g.story IN (
                    SELECT id FROM story WHERE cluster = (SELECT cluster FROM story WHERE id = :story)
                    UNION SELECT :story)
                ORDER BY g.published IS NULL, g.published, g.id
                """,
            arguments: ["story": story]
        ).map { ClusterMember($0) }
    }

    /// Every sighting in a cluster of two sightings or more, with its cluster label: grouped
    /// by label, each group earliest first.
    package func clusteredSightings() throws -> [(cluster: Int64, member: ClusterMember)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT COALESCE(s.cluster, s.id) AS label, \(ClusterMember.columns)
                FROM sighting g JOIN story s ON s.id = g.story
                WHERE s.cluster IS NOT NULL
                   OR g.story IN (SELECT story FROM sighting GROUP BY story HAVING count(*) > 1)
                ORDER BY label, g.published IS NULL, g.published, g.id
                """
        ).map { ($0[0], ClusterMember($0, from: 1)) }
    }

    /// The stored title and body of `story`; nil if it does not exist.
    package func storyText(_ story: Int64) throws -> (title: String, body: String)? {
        let statement = try db.cachedStatement(sql: "SELECT title, body FROM story WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [story]).map { ($0[0], $0[1]) }
    }

    /// A sighting as `show` gives it.
    package struct SightingRecord: Sendable {
        package var story: Int64
        package var title: String
        package var body: String
        package var source: String?
        package var url: String?
        package var published: String?
        /// Metadata as stored: a JSON object's text.
        package var metadata: String?
        package var origin: String
        package var cluster: Int64
        /// The sighting whose wording the story's text is; nil once that id tells another story.
        package var wording: String?
    }

    /// The sighting `id` with its story's text; nil when no such id.
    package func sighting(id: String) throws -> SightingRecord? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT g.story, s.title, s.body, g.source, g.url, g.published, g.metadata, g.origin,
                       COALESCE(s.cluster, s.id), s.wording
                FROM sighting g JOIN story s ON s.id = g.story WHERE g.id = ?
                """,
            arguments: [id]
        ).map {
            SightingRecord(
                story: $0[0], title: $0[1], body: $0[2], source: $0[3], url: $0[4], published: $0[5],
                metadata: $0[6], origin: $0[7], cluster: $0[8], wording: $0[9])
        }
    }

    /// A story a compilation contains, or a compilation a story is in: its first sighting's
    /// id, its title, and the share of the contained story's shingles found in the container.
    package struct Containment: Sendable {
        package var sighting: String
        package var title: String
        package var containment: Double
    }

    /// What `story` contains, if it is a compilation; earliest sighting first.
    package func contents(ofStory story: Int64) throws -> [Containment] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(Self.firstSighting("o")), o.title, CAST(p.shared AS REAL) / o.shingle_count
                FROM story_pair p JOIN story o ON o.id = CASE WHEN p.a = :story THEN p.b ELSE p.a END
                WHERE p.container = :story AND (SELECT compilation FROM story WHERE id = :story) = 1
                ORDER BY 1
                """,
            arguments: ["story": story]
        ).map { Containment(sighting: $0[0], title: $0[1], containment: $0[2]) }
    }

    /// The compilations that contain `story`.
    package func compilations(containing story: Int64) throws -> [Containment] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(Self.firstSighting("c")), c.title,
                       CAST(p.shared AS REAL) / (SELECT shingle_count FROM story WHERE id = :story)
                FROM story_pair p JOIN story c ON c.id = p.container
                WHERE (p.a = :story OR p.b = :story) AND p.container <> :story AND c.compilation = 1
                ORDER BY 1
                """,
            arguments: ["story": story]
        ).map { Containment(sighting: $0[0], title: $0[1], containment: $0[2]) }
    }

    /// The earliest sighting of the story aliased `table`, as an SQL expression.
    private static func firstSighting(_ table: String) -> String {
        """
        (SELECT g.id FROM sighting g WHERE g.story = \(table).id
         ORDER BY g.published IS NULL, g.published, g.id LIMIT 1)
        """
    }
}
