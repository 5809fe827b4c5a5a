import H20QStore

/// Why a search failed: the query, or the index.
public enum SearchError: Error, Sendable {
    case query(QueryError)
    case store(StoreError)

    public var message: String {
        switch self {
        case .query(let error): return "invalid query: \(error.message)"
        case .store(let error): return error.message
        }
    }
}
