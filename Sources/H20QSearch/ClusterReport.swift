import H20QInput
import H20QStore

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

extension ClusterReport.Cluster {
    /// The cluster `label` of `members` (earliest first): canonical member first, each with
    /// its similarity to the canonical one.
    init(label: Int64, members: [ClusterMember], similarity: SimilarityCache, _ reader: StoreReader) throws {
        let canonical = ClusterMember.canonical(of: members)!
        let ordered = [canonical] + members.filter { !$0.id.isSameID(canonical.id) }
        self.init(
            id: label, canonical: canonical.id,
            members: try ordered.map { member in
                ClusterReport.Member(
                    id: member.id, title: member.title, source: member.source, published: member.published,
                    similarity: try similarity.score(member.story, canonical.story, reader))
            })
    }
}
