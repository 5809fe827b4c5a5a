/// Why two stories are, or are not, the same story (`h20q dupes --explain ID1 ID2`): their
/// shingles, the MinHash estimate, the exact Jaccard similarity and containment recomputed
/// from their texts, which candidate path would bring them together, the rule's verdict, and
/// what the index holds of them.
///
///     explain hw-1 nl-1 -> jaccard 0.909, lsh: not taken (120 shingles), containment: 15 of 15
///                          samples shared (8 needed), verdict: same story (Jaccard 0.909 >= 0.8)
public struct PairExplanation: Sendable, Codable, Equatable {
    public var first: Side
    public var second: Side
    /// Both ids are sightings of one stored story: exact copies.
    public var sameText: Bool
    public var sharedShingles: Int
    /// Share of the 128 MinHash positions where the two signatures agree: an estimate of the
    /// Jaccard similarity.
    public var minHashEstimate: Double
    public var jaccard: Double
    /// Share of the shorter story's shingles found in the longer one.
    public var containment: Double
    /// The LSH path (both stories under 50 shingles) and the containment path (both 40+).
    public var paths: [CandidatePath]
    /// Whether the rule calls them the same story.
    public var sameStory: Bool
    /// The rule's verdict in words.
    public var reason: String
    /// Whether the index holds them as a same-story pair.
    public var storedPair: Bool
    /// What the index makes of the pair: joined, in one cluster through others, or apart.
    public var note: String
    /// Whether they are in one cluster.
    public var sameCluster: Bool
    /// When they share a cluster without being a pair: the stories that join them, from the
    /// first to the second (by their earliest sightings' ids).
    public var chain: [String]

    public struct Side: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        /// Distinct word 5-shingles of title and body.
        public var shingles: Int
        /// Shingles in its mod-8 containment sample (stories of 40+ shingles).
        public var sampledShingles: Int
        public var compilation: Bool
    }

    public struct CandidatePath: Sendable, Codable, Equatable {
        /// `lsh` or `containment`.
        public var name: String
        /// Whether both stories take this path.
        public var applies: Bool
        /// Whether this path makes them candidates (when it applies).
        public var finds: Bool
        public var detail: String
    }
}
