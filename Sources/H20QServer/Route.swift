/// The paths the daemon answers, from a request target's decoded segments.
///
///     try Route(["v1", "stories", "hw-1"]) -> .story("hw-1")
enum Route: Equatable {
    case search
    case story(String)
    case clusters
    case cluster(String)
    case stats
    case health

    /// Every path the daemon answers, written as docs/openapi.yaml writes them; the document's
    /// test walks this list, so a route added here and not documented fails it.
    static let templates = [
        "/v1/search", "/v1/stories/{id}", "/v1/clusters", "/v1/clusters/{id}", "/v1/stats", "/v1/health",
    ]

    /// The path of `templates` this route answers.
    var template: String {
        switch self {
        case .search: "/v1/search"
        case .story: "/v1/stories/{id}"
        case .clusters: "/v1/clusters"
        case .cluster: "/v1/clusters/{id}"
        case .stats: "/v1/stats"
        case .health: "/v1/health"
        }
    }

    init(_ segments: [String]) throws(APIError) {
        switch segments {
        case ["v1", "search"]: self = .search
        case ["v1", "clusters"]: self = .clusters
        case ["v1", "stats"]: self = .stats
        case ["v1", "health"]: self = .health
        case let path where path.count == 3 && path[0] == "v1" && !path[2].isEmpty:
            switch path[1] {
            case "stories": self = .story(path[2])
            case "clusters": self = .cluster(path[2])
            default: throw Self.unknown(segments)
            }
        default: throw Self.unknown(segments)
        }
    }

    private static func unknown(_ segments: [String]) -> APIError {
        .notFound(
            "no such path: /\(segments.joined(separator: "/")) (the API is /v1/search, /v1/stories/ID, /v1/clusters, /v1/clusters/ID, /v1/stats, /v1/health)"
        )
    }
}
