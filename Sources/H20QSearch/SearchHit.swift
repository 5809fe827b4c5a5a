import H20QInput

/// One story found, with its republications folded under it.
public struct SearchHit: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    @Nullable public var source: String?
    @Nullable public var url: String?
    @Nullable public var published: String?
    /// bm25 relevance: higher is better.
    public var score: Double
    /// Body text around the matches, matched words marked `**like this**`.
    public var snippet: String
    public var duplicates: [Duplicate]

    /// Another member of the hit's cluster.
    public struct Duplicate: Sendable, Codable, Equatable {
        public var id: String
        @Nullable public var source: String?
        @Nullable public var published: String?
        /// Same-story similarity to the hit (see `Similarity.score`); 1.0 for exact copies.
        public var similarity: Double
    }
}
