import Foundation
import H20QFixtures
import H20QIngest
import H20QInput
import H20QSearch
import H20QStore
import Testing

@testable import H20QServer

/// `QueryAPI` without a socket: routes, parameters, statuses, bodies.
struct QueryAPITests {
    let folder = TemporaryFolder()
    let api: QueryAPI
    let store: StoryStore

    static let wire = """
        {"id": "w1", "title": "Ministry widens chip export licences", "body": "The trade ministry said on Wednesday it would require licences for exports of advanced accelerator chips to a wider list of countries, closing a gap that officials said had let older designs reach restricted buyers.", "source": "Wire", "published": "2025-08-13T10:00:00Z"}
        {"id": "w 2/b", "title": "Ministry widens chip export licences", "body": "The trade ministry said on Wednesday it would require licences for exports of advanced accelerator chips to a wider list of countries, closing a gap that officials said had let older designs reach restricted buyers.", "source": "Copy Desk"}
        {"id": "u1", "title": "Barges slow on low river", "body": "Grain barges moved slowly after a week of low water, shippers said.", "source": "Wire", "published": "2025-08-12T09:00:00Z"}
        """

    init() throws {
        let location = IndexLocation(folder: folder.index)
        let writer = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        let file = folder.write("wire.jsonl", Self.wire)
        let ingester = Ingester(store: writer)
        _ = try ingester.run(InputFiles.expand([file], format: nil).files, problem: { _ in })
        store = try StoryStore.open(location, mode: .readOnly)
        api = QueryAPI(location: location)
    }

    func object(_ response: APIResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    @Test func searchAnswersWithTheBytesOfTheCLIsEncoder() throws {
        let response = api.respond(method: "GET", target: "/v1/search?q=export+licences&limit=5")
        #expect(response.status == 200)
        let direct = try store.search(SearchRequest(query: "export licences", limit: 5))
        #expect(response.body == (try JSONBody.encode(direct)))
        #expect(response.body.last == UInt8(ascii: "\n"))
    }

    @Test(arguments: [
        ("/v1/search?q=chips&limit=0", "limit must be between 1 and 1000 (got 0)"),
        ("/v1/search?q=chips&limit=1001", "limit must be between 1 and 1000 (got 1001)"),
        ("/v1/search?q=chips&offset=-1", "offset must be between 0 and 1000000 (got -1)"),
        ("/v1/search?q=chips&limit=1e3", "limit must be a whole number (got \"1e3\")"),
        ("/v1/search?q=chips&all=maybe", "all must be true or false (got \"maybe\")"),
        ("/v1/search?q=chips&q=export", "q is given twice"),
        ("/v1/search", "q is required: what to search for"),
        (
            "/v1/search?q=chips&since=13/08/2025",
            "since \"13/08/2025\" is not an ISO-8601 date (2025-08-13 or 2025-08-13T09:30:00Z)"
        ),
        ("/v1/clusters?min_size=1", "min_size must be at least 2 (got 1)"),
        ("/v1/stats?verbose=1", "unknown parameter \"verbose\" (this path takes no parameters)"),
    ])
    func badParametersAreA400SayingWhy(target: String, message: String) throws {
        let response = api.respond(method: "GET", target: target)
        #expect(response.status == 400)
        let error = try #require(try object(response)["error"] as? [String: String])
        #expect(error == ["code": "bad_parameter", "message": message])
    }

    @Test func anInvalidQueryIsA400WithTheCLIsMessage() throws {
        let response = api.respond(method: "GET", target: "/v1/search?q=NOT+chips")
        #expect(response.status == 400)
        let error = try #require(try object(response)["error"] as? [String: String])
        #expect(error["code"] == "invalid_query")
        #expect(error["message"]?.hasPrefix("invalid query: ") == true)
    }

    @Test func idsArePercentEncodedInThePath() throws {
        let response = api.respond(method: "GET", target: "/v1/stories/w%202%2Fb")
        #expect(response.status == 200)
        #expect(try object(response)["id"] as? String == "w 2/b")
        #expect(response.body == (try JSONBody.encode(try #require(try store.story(id: "w 2/b")))))
        #expect(api.respond(method: "GET", target: "/v1/stories/w+2%2Fb").status == 404, "+ is a plus in a path")
    }

    @Test(arguments: [
        ("GET", "/v1/stories/nope", 404), ("GET", "/v1/clusters/abc", 404), ("GET", "/v1/clusters/99999", 404),
        ("GET", "/v1/stories/", 404), ("GET", "/v1", 404), ("GET", "/", 404), ("GET", "/v1/search/", 404),
        ("POST", "/v1/search?q=x", 405), ("DELETE", "/v1/stats", 405), ("GET", "v1/stats", 400),
        ("GET", "/v1/search?q=%e9", 400), ("GET", "/v1/search?q=%4", 400), ("GET", "/v1/health", 200),
        ("GET", "/v1/stats", 200), ("GET", "/v1/clusters", 200),
    ])
    func routesAndMethods(method: String, target: String, status: Int) {
        let response = api.respond(method: method, target: target)
        #expect(response.status == status, "\(method) \(target): \(String(decoding: response.body, as: UTF8.self))")
        if status == 405 { #expect(response.allow == "GET") }
    }

    @Test func clustersArePagedAndFoundById() throws {
        let all = try object(api.respond(method: "GET", target: "/v1/clusters"))["clusters"] as? [[String: Any]]
        #expect(all?.count == 1)
        #expect(all?.first?["canonical"] as? String == "w1")
        let id = try #require(all?.first?["id"] as? Int)
        #expect(try object(api.respond(method: "GET", target: "/v1/clusters/\(id)"))["canonical"] as? String == "w1")
        let past = try object(api.respond(method: "GET", target: "/v1/clusters?offset=1"))["clusters"] as? [Any]
        #expect(past?.isEmpty == true)
        let larger = try object(api.respond(method: "GET", target: "/v1/clusters?min_size=3"))["clusters"] as? [Any]
        #expect(larger?.isEmpty == true)
    }

    @Test func aMissingIndexIsA503() throws {
        let empty = QueryAPI(location: IndexLocation(folder: folder.path + "/none"))
        for target in ["/v1/search?q=x", "/v1/stories/x", "/v1/clusters", "/v1/clusters/1", "/v1/stats", "/v1/health"] {
            #expect(empty.respond(method: "GET", target: target).status == 503, "\(target)")
        }
    }

    @Test func theLimitCanBeLowered() {
        let small = QueryAPI(location: IndexLocation(folder: folder.index), maximumLimit: 20)
        #expect(small.respond(method: "GET", target: "/v1/search?q=chips&limit=21").status == 400)
        #expect(small.respond(method: "GET", target: "/v1/search?q=chips&limit=20").status == 200)
        #expect(small.respond(method: "GET", target: "/v1/clusters").status == 200)
    }

    @Test func thePathListIsWhatTheRouterAnswers() throws {
        #expect(Set(QueryAPI.paths).count == QueryAPI.paths.count)
        for path in QueryAPI.paths {
            let segments = try RequestTarget(path.replacingOccurrences(of: "{id}", with: "7")).segments
            #expect(try Route(segments).template == path)
        }
    }
}
