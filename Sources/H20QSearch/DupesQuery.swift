import H20QInput
import H20QStore

/// Which duplicate clusters a report lists, in which order: `h20q dupes [--since DATE]
/// [--until DATE] [--source S] [--min-size N] [--sort size|recent] [--limit N]`, and the
/// daemon's `/v1/clusters?min_size=…&limit=…&offset=…`.
///
///     DupesQuery(source: "Harbor Wire", minimumSize: 3) -> clusters of 3+ sightings, one of them Harbor Wire's
public struct DupesQuery: Sendable, Equatable {
    /// Clusters with a sighting from this source (case-insensitive); listed whole.
    public var source: String?
    /// Clusters with a sighting published at or after this time.
    public var since: PublishedDate?
    /// Clusters with a sighting published before this time.
    public var until: PublishedDate?
    /// Sightings a cluster has at least (2 or more).
    public var minimumSize: Int
    public var order: Order
    /// Clusters listed at most; nil: all.
    public var limit: Int?
    /// Clusters skipped first, in `order`.
    public var offset: Int

    public enum Order: String, Sendable, CaseIterable {
        /// Largest first, then earliest published first.
        case size
        /// Most recent sighting first.
        case recent
    }

    public init(
        source: String? = nil, since: PublishedDate? = nil, until: PublishedDate? = nil, minimumSize: Int = 2,
        order: Order = .size, limit: Int? = nil, offset: Int = 0
    ) {
        self.source = source
        self.since = since
        self.until = until
        self.minimumSize = minimumSize
        self.order = order
        self.limit = limit
        self.offset = offset
    }

    var filter: StoreReader.SightingFilter {
        StoreReader.SightingFilter(source: source, since: since, until: until)
    }
}
