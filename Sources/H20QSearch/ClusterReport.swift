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
        /// Word 5-shingle Jaccard similarity to the canonical member.
        public var jaccard: Double
        /// Share of the shorter story's shingles found in the other (whether or not both are
        /// long enough for the rule to count it).
        public var containment: Double
        /// What differs from the canonical member, by a word diff of the two texts.
        public var differences: StoryDifferences
    }
}
