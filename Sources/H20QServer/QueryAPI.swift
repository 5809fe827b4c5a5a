import H20QInput
import H20QSearch
import H20QStore

/// The daemon's API without the HTTP: a method and a request target in, a status and the JSON
/// of the matching CLI command out. Routing and every parameter check live here, so that they
/// can be tested without a socket; nothing a client sends makes it throw.
///
///     api.respond(method: "GET", target: "/v1/search?q=remote+shutdown")
///         -> 200, the bytes of `h20q search --json remote shutdown`
public struct QueryAPI: Sendable {
    let index: LiveIndex
    /// The largest `limit` taken (`serve --max-results`).
    let maximumLimit: Int

    public static let maximumLimit = SearchRequest.maximumLimit
    /// The paths served, as docs/openapi.yaml writes them (`/v1/stories/{id}`).
    package static let paths = Route.templates
    /// Clusters a page of `/v1/clusters` holds unless `limit` says otherwise.
    public static let defaultClusterLimit = 100

    package init(index: LiveIndex, maximumLimit: Int = Self.maximumLimit) {
        self.index = index
        self.maximumLimit = min(maximumLimit, Self.maximumLimit)
    }

    public init(location: IndexLocation, maximumLimit: Int = Self.maximumLimit) {
        self.init(index: LiveIndex(location), maximumLimit: maximumLimit)
    }

    public func respond(method: String, target: String) -> APIResponse {
        do throws(APIError) {
            let target = try RequestTarget(target)
            let route = try Route(target.segments)
            guard method == "GET" else { throw APIError.methodNotAllowed(method) }
            return try answer(route, target.query)
        } catch {
            return error.response
        }
    }

    private func answer(_ route: Route, _ items: [(name: String, value: String)]) throws(APIError) -> APIResponse {
        switch route {
        case .search:
            let parameters = try QueryParameters(
                items, taking: ["q", "limit", "offset", "all", "source", "since", "until"])
            return try search(parameters)
        case .story(let id):
            _ = try QueryParameters(items, taking: [])
            guard let detail = try unavailableUnlessRead({ () throws(StoreError) in try index.store().story(id: id) })
            else {
                throw .notFound("no story with id \"\(id)\"")
            }
            return .ok(detail)
        case .clusters:
            let parameters = try QueryParameters(items, taking: ["min_size", "limit", "offset"])
            let minimumSize = try parameters.integer("min_size", in: 2...Int.max, default: 2)
            let limit = try parameters.integer(
                "limit", in: 1...maximumLimit, default: min(Self.defaultClusterLimit, maximumLimit))
            let offset = try parameters.integer("offset", in: 0...SearchRequest.maximumOffset, default: 0)
            let report = try unavailableUnlessRead { () throws(StoreError) in try index.clusters() }
            let page = report.clusters.filter { $0.members.count >= minimumSize }.dropFirst(offset).prefix(limit)
            return .ok(ClusterReport(page: Array(page)))
        case .cluster(let id):
            _ = try QueryParameters(items, taking: [])
            let report = try unavailableUnlessRead { () throws(StoreError) in try index.clusters() }
            guard let label = Int64(id), let cluster = report.clusters.first(where: { $0.id == label }) else {
                throw .notFound("no duplicate cluster with id \"\(id)\"")
            }
            return .ok(cluster)
        case .stats:
            _ = try QueryParameters(items, taking: [])
            return .ok(try unavailableUnlessRead { () throws(StoreError) in try index.stats() })
        case .health:
            _ = try QueryParameters(items, taking: [])
            let stats = try unavailableUnlessRead { () throws(StoreError) in try index.stats() }
            return .ok(Health(status: "ok", index: stats.index, stories: stats.stories))
        }
    }

    private func search(_ parameters: QueryParameters) throws(APIError) -> APIResponse {
        guard let query = parameters.string("q") else {
            throw .badParameter("q is required: what to search for")
        }
        let limit = try parameters.integer("limit", in: 1...maximumLimit, default: 10)
        let offset = try parameters.integer("offset", in: 0...SearchRequest.maximumOffset, default: 0)
        let dates = try SearchDates.parse(
            since: parameters.string("since"), until: parameters.string("until"), names: ("since", "until"))
        let request = SearchRequest(
            query: query, limit: limit, offset: offset, source: parameters.string("source"), since: dates.since,
            until: dates.until, foldsDuplicates: !(try parameters.flag("all")))
        let store = try unavailableUnlessRead { () throws(StoreError) in try index.store() }
        do throws(SearchError) {
            return .ok(try store.search(request))
        } catch {
            switch error {
            case .query: throw .invalidQuery(error.message)
            case .store(let failure) where failure.code == .invalidQuery: throw .invalidQuery(error.message)
            case .store(let failure): throw .unavailable(failure.message)
            }
        }
    }

    /// `read`'s answer; an index that cannot be read is a 503, with the CLI's message.
    private func unavailableUnlessRead<T>(_ read: () throws(StoreError) -> T) throws(APIError) -> T {
        do {
            return try read()
        } catch {
            throw .unavailable(error.message)
        }
    }

    /// `/v1/health`: the daemon is up and its index readable.
    struct Health: Encodable {
        var status: String
        var index: String
        var stories: Int
    }
}
