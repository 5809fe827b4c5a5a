import H20QDedup

/// A stored story found to be the same story as a new one.
struct Match {
    var story: Int64
    /// The stored story's cluster label; nil while it stands alone.
    var cluster: Int64?
    var similarity: Similarity
    /// The stored story's shingle count.
    var size: Int
    /// Whether the stored story is a compilation.
    var isCompilation: Bool
}
