/// The answer to a search: `{"query", "total", "total_is_estimate", "hits": [...]}`.
public struct SearchResults: Sendable, Codable, Equatable {
    public var query: String
    /// Hits in all, before `limit` and `offset`: exact, or an estimate (two significant
    /// digits) when `totalIsEstimate`.
    public var total: Int
    /// The total was estimated: searches matching many stories do not read them all.
    public var totalIsEstimate: Bool
    public var hits: [SearchHit]

    enum CodingKeys: String, CodingKey {
        case query, total
        case totalIsEstimate = "total_is_estimate"
        case hits
    }
}
