/// Everything duplicate detection needs to know about one story's text, computed once.
public struct StoryFingerprint: Sendable {
    /// Identity of the normalized text: equal texts have equal hashes.
    public var textHash: Int64
    public var shingles: ShingleSet
    /// LSH keys, for stories short enough to match by Jaccard alone; otherwise empty.
    public var bandKeys: [Int64]
    /// Containment sample, for stories long enough for containment; otherwise empty.
    public var sampleKeys: [Int64]
}
