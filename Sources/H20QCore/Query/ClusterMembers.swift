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
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                if a.shingleCount != b.shingleCount { return a.shingleCount > b.shingleCount }
                return a.id < b.id
            }
        }
    }
}

/// Same-story similarity between stored stories, from shingles recomputed from their text
/// and kept for the length of one request.
final class SimilarityCache: @unchecked Sendable {
    // Used by one request on one thread at a time.
    private let fingerprinter: Fingerprinter
    private var shingles: [Int64: ShingleSet] = [:]

    init(fingerprinter: Fingerprinter) {
        self.fingerprinter = fingerprinter
    }

    /// 1.0 for the same story; otherwise `Similarity.score` of the pair.
    func score(_ a: Int64, _ b: Int64, _ db: Database) throws -> Double {
        if a == b { return 1 }
        let similarity = fingerprinter.parameters.rule.compare(try shingles(of: a, db), try shingles(of: b, db))
        return (similarity.score * 1000).rounded() / 1000
    }

    private func shingles(of story: Int64, _ db: Database) throws -> ShingleSet {
        if let known = shingles[story] { return known }
        let row = try Row.fetchOne(db, sql: "SELECT title, body FROM story WHERE id = ?", arguments: [story])
        let set = row.map { fingerprinter.shingles(title: $0[0], body: $0[1]) } ?? ShingleSet(sortedValues: [])
        shingles[story] = set
        return set
    }
}
