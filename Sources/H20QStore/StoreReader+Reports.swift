import GRDB
import H20QInput

/// The read queries behind the duplicate reports (`h20q dupes`): clusters one at a time in
/// the order asked for, pairs, compilations and counts by source. Every one of them
/// streams or answers a bounded number of rows, so that an archive of 100,000 clusters is never
/// held in memory at once.
extension StoreReader {
    /// A duplicate cluster as the report lists it: its label and size.
    package struct ClusterHeader: Sendable {
        package var label: Int64
        package var size: Int
    }

    /// Orders of `clusterHeaders`.
    package enum ClusterOrder: Sendable {
        /// Largest first, then earliest first published, then label.
        case size
        /// Latest sighting first (undated last), then label.
        case recent
    }

    /// Each duplicate cluster (two sightings or more) of at least `minimumSize` sightings with a
    /// sighting passing `filter`, in `order`, from `offset`, at most `limit` of them, handed to
    /// `body` as the rows are read.
    package func clusterHeaders(
        filter: SightingFilter, minimumSize: Int, order: ClusterOrder, limit: Int?, offset: Int,
        _ body: (ClusterHeader) throws -> Void
    ) throws {
        let orderBy =
            switch order {
            case .size: "size DESC, first IS NULL, first, label"
            case .recent: "last IS NULL, last DESC, label"
            }
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                WITH g AS (
                    SELECT COALESCE(s.cluster, s.id) AS label, g.source AS source, g.published AS published
                    FROM sighting g JOIN story s ON s.id = g.story
                    WHERE s.cluster IS NOT NULL
                       OR g.story IN (SELECT story FROM sighting GROUP BY story HAVING count(*) > 1)
                )
                SELECT label, count(*) AS size, min(published) AS first, max(published) AS last
                FROM g GROUP BY label
                HAVING size >= :minimum AND max(CASE WHEN \(SightingFilter.sql) THEN 1 ELSE 0 END) = 1
                ORDER BY \(orderBy) LIMIT :limit OFFSET :offset
                """,
            arguments: filter.arguments + [
                "minimum": max(2, minimumSize), "limit": limit ?? -1, "offset": max(0, offset),
            ])
        while let row = try cursor.next() {
            try body(ClusterHeader(label: row[0], size: row[1]))
        }
    }

    /// Every sighting of the cluster labelled `label`, earliest first; without such a cluster,
    /// those of the story `label` when it stands alone (its exact copies).
    package func clusterMembers(label: Int64) throws -> [ClusterMember] {
        // Cached: a report runs it once per cluster, and preparing it cost more than running it.
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(ClusterMember.columns) FROM sighting g JOIN story s ON s.id = g.story
                WHERE g.story IN (
                    SELECT id FROM story WHERE cluster = :label
                    UNION SELECT id FROM story WHERE id = :label AND cluster IS NULL
                        AND NOT EXISTS (SELECT 1 FROM story WHERE cluster = :label))
                ORDER BY g.published IS NULL, g.published, g.id
                """)
        return try Row.fetchAll(statement, arguments: ["label": label]).map { ClusterMember($0) }
    }

    /// Every sighting in a cluster of two sightings or more with its cluster label, grouped by
    /// label and each group earliest first, with whether it passes `filter`; streamed.
    package func eachClusteredSighting(
        filter: SightingFilter, _ body: (_ label: Int64, _ member: ClusterMember, _ passes: Bool) throws -> Void
    ) throws {
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT COALESCE(s.cluster, s.id) AS label, \(ClusterMember.columns),
                       CASE WHEN \(SightingFilter.sql) THEN 1 ELSE 0 END
                FROM sighting g JOIN story s ON s.id = g.story
                WHERE s.cluster IS NOT NULL
                   OR g.story IN (SELECT story FROM sighting GROUP BY story HAVING count(*) > 1)
                ORDER BY label, g.published IS NULL, g.published, g.id
                """,
            arguments: filter.arguments)
        while let row = try cursor.next() {
            try body(row[0], ClusterMember(row, from: 1), row[8])
        }
    }

    /// Sightings passing `filter` of stories standing alone (in no cluster and without exact
    /// copies), counted by source (nil: no source).
    package func loneSightingsBySource(filter: SightingFilter) throws -> [(source: String?, count: Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT g.source, count(*) FROM sighting g JOIN story s ON s.id = g.story
                WHERE s.cluster IS NULL AND \(SightingFilter.sql)
                  AND g.story NOT IN (SELECT story FROM sighting GROUP BY story HAVING count(*) > 1)
                GROUP BY g.source
                """,
            arguments: filter.arguments
        ).map { ($0[0], $0[1]) }
    }

    /// Facts about a stored story the explanation of a pair needs.
    package struct StoryFacts: Sendable {
        package var story: Int64
        /// Its cluster's label; nil when it stands alone.
        package var cluster: Int64?
        package var shingleCount: Int
        package var compilation: Bool
    }

    /// The story of sighting `id`; nil when there is no such sighting.
    package func storyFacts(sighting id: String) throws -> StoryFacts? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT s.id, s.cluster, s.shingle_count, s.compilation
                FROM sighting g JOIN story s ON s.id = g.story WHERE g.id = ?
                """,
            arguments: [id]
        ).map { StoryFacts(story: $0[0], cluster: $0[1], shingleCount: $0[2], compilation: $0[3]) }
    }

    /// A same-story pair as stored: the shingles shared and, for a pair by containment alone,
    /// the container.
    package struct StoredPair: Sendable {
        package var a: Int64
        package var b: Int64
        package var shared: Int
        package var container: Int64?
    }

    /// The stored pairs between stories of the cluster labelled `label`.
    package func pairs(inCluster label: Int64) throws -> [StoredPair] {
        try Row.fetchAll(
            db,
            sql: """
                WITH members AS (SELECT id FROM story WHERE cluster = :label)
                SELECT a, b, shared, container FROM story_pair
                WHERE a IN (SELECT id FROM members) AND b IN (SELECT id FROM members)
                ORDER BY a, b
                """,
            arguments: ["label": label]
        ).map { StoredPair(a: $0[0], b: $0[1], shared: $0[2], container: $0[3]) }
    }

    /// The stored pair of stories `a` and `b`, if they are one.
    package func pair(_ a: Int64, _ b: Int64) throws -> StoredPair? {
        try Row.fetchOne(
            db, sql: "SELECT a, b, shared, container FROM story_pair WHERE a = ? AND b = ?",
            arguments: [min(a, b), max(a, b)]
        ).map { StoredPair(a: $0[0], b: $0[1], shared: $0[2], container: $0[3]) }
    }

    /// The earliest sighting of `story`: the id people know it by.
    package func firstSighting(ofStory story: Int64) throws -> String? {
        try String.fetchOne(
            db,
            sql: "SELECT id FROM sighting WHERE story = ? ORDER BY published IS NULL, published, id LIMIT 1",
            arguments: [story])
    }

    /// Compilations, by their earliest sighting: id, title and story; streamed.
    package func eachCompilation(_ body: (_ sighting: String, _ title: String, _ story: Int64) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT \(Self.firstSightingSQL("s")), s.title, s.id FROM story s WHERE s.compilation = 1 ORDER BY 1
                """)
        while let row = try cursor.next() { try body(row[0], row[1], row[2]) }
    }

    static func firstSightingSQL(_ table: String) -> String {
        """
        (SELECT g.id FROM sighting g WHERE g.story = \(table).id
         ORDER BY g.published IS NULL, g.published, g.id LIMIT 1)
        """
    }
}
