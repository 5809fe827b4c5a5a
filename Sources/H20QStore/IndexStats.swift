import H20QDedup

/// What an index holds (`h20q stats`).
public struct IndexStats: Sendable, Codable, Equatable {
    public var index: String
    /// Every id ingested.
    public var sightings: Int
    /// Distinct texts stored (sightings with identical normalized text share one).
    public var stories: Int
    /// Groups of the same story, including stories alone.
    public var clusters: Int
    /// Clusters with more than one sighting.
    public var duplicateClusters: Int
    /// Sightings in duplicate clusters.
    public var duplicateSightings: Int
    /// Bytes on disk, write-ahead log included.
    public var indexBytes: Int64
    public var created: String?
    public var version: String?
    public var parameters: DedupParameters
}
