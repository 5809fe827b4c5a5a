import GRDB

/// A sighting in a cluster, with what listing it needs.
struct ClusterMember: Sendable {
    var id: String
    var story: Int64
    var title: String
    var source: String?
    var url: String?
    var published: String?
    var shingleCount: Int
}

/// The sightings that make up clusters.
enum ClusterMembers {
    static let columns = "g.id, g.story, s.title, g.source, g.url, g.published, s.shingle_count"

    /// Every sighting of the cluster `story` belongs to (the sightings of the story itself
    /// when it stands alone), earliest first.
    static func of(story: Int64, _ db: Database) throws -> [ClusterMember] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(columns) FROM sighting g JOIN story s ON s.id = g.story
                WHERE g.story IN (
                    SELECT id FROM story WHERE cluster = (SELECT cluster FROM story WHERE id = :story)
                    UNION SELECT :story)
                ORDER BY g.published IS NULL, g.published, g.id
                """,
            arguments: ["story": story]
        ).map { member($0) }
    }

    /// A member from `columns`, read from column `start` on.
    static func member(_ row: Row, from start: Int = 0) -> ClusterMember {
        ClusterMember(
            id: row[start], story: row[start + 1], title: row[start + 2], source: row[start + 3],
            url: row[start + 4], published: row[start + 5], shingleCount: row[start + 6])
    }

    /// The canonical member: earliest published (undated last), then the longest story,
    /// then the smallest id, so that any order of ingest picks the same one.
    static func canonical(of members: [ClusterMember]) -> ClusterMember? {
        members.min { a, b in
            switch (a.published, b.published) {
            case (let x?, let y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                if a.shingleCount != b.shingleCount { return a.shingleCount > b.shingleCount }
                return a.id < b.id
            }
        }
    }
}
