import Testing

@testable import H20QServer

/// Request targets as the daemon reads them.
struct RequestTargetTests {
    @Test(arguments: [
        ("/v1/search?q=remote+shutdown", ["v1", "search"], [["q", "remote shutdown"]]),
        ("/v1/stories/a%2Fb%20c+d", ["v1", "stories", "a/b c+d"], []),
        ("/v1/search?q=caf%C3%A9&all", ["v1", "search"], [["q", "café"], ["all", ""]]),
        ("/v1/search?q=a%26b=c&&limit=3", ["v1", "search"], [["q", "a&b=c"], ["limit", "3"]]),
        ("/", [""], []),
    ])
    func targetsDecode(target: String, segments: [String], query: [[String]]) throws {
        let decoded = try RequestTarget(target)
        #expect(decoded.segments == segments)
        #expect(decoded.query.map { [$0.name, $0.value] } == query)
    }

    @Test(arguments: ["v1/search", "/v1/search?q=%", "/v1/search?q=%g1", "/v1/%ff", ""])
    func badTargetsAreRefused(target: String) {
        #expect(throws: APIError.self) { try RequestTarget(target) }
    }

    @Test func clientEncodingRoundTrips() throws {
        for text in ["a b/c+d&e=f%", "café ☕︎", "\"data centre\" OR weather", "C++"] {
            let target = "/v1/search?q=" + DaemonClient.encode(text)
            #expect(try RequestTarget(target).query.first?.value == text)
        }
    }
}
