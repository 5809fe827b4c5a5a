import Foundation
import H20QInput

/// A search as the CLI and the daemon receive it.
public struct SearchRequest: Sendable, Equatable {
    public var query: String
    public var limit: Int
    public var offset: Int
    /// Only sightings from this source (case-insensitive).
    public var source: String?
    /// Only sightings published at or after this time.
    public var since: PublishedDate?
    /// Only sightings published before this time.
    public var until: PublishedDate?
    /// One hit per cluster with the other members folded under it (default), or every
    /// sighting as its own hit.
    public var foldsDuplicates: Bool

    public static let maximumLimit = 1_000
    public static let maximumOffset = 1_000_000

    /// `limit` and `offset` are clamped to 1...maximumLimit and 0...maximumOffset.
    public init(
        query: String, limit: Int = 10, offset: Int = 0, source: String? = nil, since: PublishedDate? = nil,
        until: PublishedDate? = nil, foldsDuplicates: Bool = true
    ) {
        self.query = query
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.offset = min(max(offset, 0), Self.maximumOffset)
        self.source = source
        self.since = since
        self.until = until
        self.foldsDuplicates = foldsDuplicates
    }
}
