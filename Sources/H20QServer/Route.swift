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
