import GRDB

/// Everything about one sighting: the story, its exact copies, and its cluster
/// (`h20q show`).
public struct StoryDetail: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    @Nullable public var source: String?
    @Nullable public var url: String?
    @Nullable public var published: String?
    @Nullable public var metadata: JSONValue?
    /// Where it was read: `path:line`.
    public var origin: String
    /// Other ids with exactly this text.
    public var sightings: [Sighting]
    /// The cluster the story belongs to (itself and its copies when it stands alone).
    public var cluster: ClusterReport.Cluster

    public struct Sighting: Sendable, Codable, Equatable {
        public var id: String
        @Nullable public var source: String?
        @Nullable public var url: String?
        @Nullable public var published: String?
    }
}

/// Duplicate clusters (`h20q dupes`): `{"clusters": [{"id", "canonical", "members": [...]}]}`.
public struct ClusterReport: Sendable, Codable, Equatable {
    public var clusters: [Cluster]

    public struct Cluster: Sendable, Codable, Equatable {
        /// Stable while the cluster's stories stay together.
        public var id: Int64
        /// Id of the canonical member: earliest published, then the longest story.
        public var canonical: String
        /// Canonical first, then by date.
        public var members: [Member]
    }

    public struct Member: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        @Nullable public var source: String?
        @Nullable public var published: String?
        /// Same-story similarity to the canonical member; 1.0 for its exact copies.
        public var similarity: Double
    }
}

extension StoryStore {
    /// The sighting `id` with its story, copies and cluster; nil when no such id.
    public func story(id: String) throws(StoreError) -> StoryDetail? {
        let similarity = SimilarityCache(fingerprinter: Fingerprinter(parameters: parameters))
        return try read("cannot read story \(id)") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT g.story, s.title, s.body, g.source, g.url, g.published, g.metadata, g.origin,
                               COALESCE(s.cluster, s.id) AS label
                        FROM sighting g JOIN story s ON s.id = g.story WHERE g.id = ?
                        """,
                    arguments: [id])
            else { return nil }
            let storyID: Int64 = row["story"]
            let members = try ClusterMembers.of(story: storyID, db)
            let metadata = try (row["metadata"] as String?).map { text in try JSONParser.parse(text) }
            return StoryDetail(
                id: id, title: row["title"], body: row["body"], source: row["source"], url: row["url"],
                published: row["published"], metadata: metadata, origin: row["origin"],
                sightings: members.filter { $0.story == storyID && $0.id != id }.map {
                    StoryDetail.Sighting(id: $0.id, source: $0.source, url: $0.url, published: $0.published)
                },
                cluster: try ClusterReport.Cluster(label: row["label"], members: members, similarity: similarity, db))
        }
    }

    /// Clusters of at least `minimumSize` members (sightings), largest first.
    public func clusters(minimumSize: Int = 2) throws(StoreError) -> ClusterReport {
        let similarity = SimilarityCache(fingerprinter: Fingerprinter(parameters: parameters))
        return try read("cannot list clusters") { db in
            // Stories in clusters, and stories alone with more than one sighting.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT COALESCE(s.cluster, s.id) AS label, \(ClusterMembers.columns)
                    FROM sighting g JOIN story s ON s.id = g.story
                    WHERE s.cluster IS NOT NULL
                       OR g.story IN (SELECT story FROM sighting GROUP BY story HAVING count(*) > 1)
                    ORDER BY label, g.published IS NULL, g.published, g.id
                    """)
            var groups: [(label: Int64, members: [ClusterMember])] = []
            for row in rows {
                let label: Int64 = row["label"]
                let member = ClusterMembers.member(row, from: 1)
                if groups.last?.label == label {
                    groups[groups.count - 1].members.append(member)
                } else {
                    groups.append((label, [member]))
                }
            }
            var clusters = try groups.filter { $0.members.count >= max(2, minimumSize) }.map { group in
                try ClusterReport.Cluster(label: group.label, members: group.members, similarity: similarity, db)
            }
            clusters.sort { a, b in
                if a.members.count != b.members.count { return a.members.count > b.members.count }
                switch (a.members.first?.published, b.members.first?.published) {
                case (let x?, let y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.canonical < b.canonical
                }
            }
            return ClusterReport(clusters: clusters)
        }
    }
}

extension ClusterReport.Cluster {
    init(label: Int64, members: [ClusterMember], similarity: SimilarityCache, _ db: Database) throws {
        let canonical = ClusterMembers.canonical(of: members)!
        let ordered = [canonical] + members.filter { $0.id != canonical.id }
        self.init(
            id: label, canonical: canonical.id,
            members: try ordered.map { member in
                ClusterReport.Member(
                    id: member.id, title: member.title, source: member.source, published: member.published,
                    similarity: try similarity.score(member.story, canonical.story, db))
            })
    }
}
