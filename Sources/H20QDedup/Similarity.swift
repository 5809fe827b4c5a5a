/// How alike two stories are, by the numbers the duplicate rule compares.
public struct Similarity: Sendable, Equatable {
    public var jaccard: Double
    /// Share of the shorter story's shingles found in the longer one.
    public var containment: Double
    /// Whether both stories are long enough for containment to count.
    public var containmentApplies: Bool
    public var isSameStory: Bool
    /// Shingles the two stories share.
    public var shared: Int

    /// The one number shown to people: Jaccard, or containment where it applies and is higher.
    ///
    ///     jaccard 0.55, containment 0.88 (both long) -> 0.88
    public var score: Double {
        containmentApplies ? max(jaccard, containment) : jaccard
    }
}
