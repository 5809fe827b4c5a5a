/// The answer to a search: `{"query", "total", "hits": [...]}`.
public struct SearchResults: Sendable, Codable, Equatable {
    public var query: String
    /// Hits in all, before `limit` and `offset`.
    public var total: Int
    public var hits: [SearchHit]
}
