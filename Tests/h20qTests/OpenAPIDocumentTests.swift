import Foundation
import H20QFixtures
import H20QServer
import Testing

/// docs/openapi.yaml against the running daemon: every documented path and status is answered
/// as documented (the status, `Content-Type: application/json`, a body of the documented
/// shape), every status the daemon can be made to give on a path is documented for it, and
/// the daemon serves no path the document lacks.
@Suite(.serialized)
struct OpenAPIDocumentTests {
    let document: OpenAPIDocument

    init() throws {
        document = try OpenAPIDocument(path: OpenAPIDocument.repositoryCopy)
    }

    /// Limits small enough that a request reaches each of them at once.
    static let limits = [
        "--read-timeout", "0.3", "--max-request-line", "1000", "--max-header-bytes", "2000", "--max-body-bytes", "1000",
    ]

    /// Paths near the documented ones that are not paths of the API.
    static let undocumented = [
        "/", "/v1", "/v1/", "/v2/search", "/v1/search/", "/v1/search/x", "/v1/stories", "/v1/stories/",
        "/v1/stories/a/b", "/v1/clusters/", "/v1/clusters/1/members", "/v1/Search", "/V1/health", "/v1/health/",
        "/v1/stat", "/v1//health", "/openapi.yaml", "/v1/openapi.json",
    ]

    @Test func theDocumentIsReadWholeAndOnlyGetIsDocumented() {
        #expect(document.problems.isEmpty, "\(document.problems)")
        #expect(!document.paths.isEmpty)
        for path in document.paths {
            #expect(document.operations(of: path) == ["get"], "\(path)")
            #expect(document.statuses(of: path).contains(200), "\(path)")
        }
    }

    @Test func theDocumentHasEveryPathTheDaemonServesAndNoOther() {
        #expect(document.paths == QueryAPI.paths.sorted())
    }

    @Test func everyDocumentedStatusIsAnsweredAsDocumented() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index, arguments: Self.limits)
        let empty = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: empty.index, withIntermediateDirectories: true)
        let unreadable = try ServingDaemon(index: empty.index, arguments: Self.limits)
        let samples = try Samples(daemon.client())
        var checked = 0
        for template in document.paths {
            let documented = Set(document.statuses(of: template))
            for status in documented.union(Self.provokable).subtracting([403]).sorted() {
                guard let request = Self.request(provoking: status, on: template, samples) else {
                    Issue.record("\(template): the document lists \(status), and no request in this test provokes it")
                    continue
                }
                for target in request.targets {
                    let raw = request.raw(target)
                    let reply = try (status == 503 ? unreadable : daemon).client().exchange(Array(raw.utf8))
                    let label = "\(template) \(status): \(raw.prefix(80).debugDescription)"
                    if documented.contains(status) {
                        check(
                            reply.status, reply.headers, reply.body, as: status, of: template, label,
                            nonEmpty: request.nonEmpty)
                        checked += 1
                    } else {
                        #expect(
                            reply.status != status,
                            "\(label): the daemon answers \(status), which the document does not list for \(template)")
                    }
                }
            }
        }
        #expect(checked >= 50)
    }

    @Test func aPathTheDocumentLacksIsA404WithTheErrorShape() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let schema = document.resolve(["$ref": "#/components/schemas/Error"])
        #expect(schema["type"] as? String == "object")
        for path in Self.undocumented {
            let reply = try daemon.client().get(path)
            #expect(reply.status == 404, "\(path): \(reply.text)")
            #expect(reply.headers["content-type"] == "application/json", "\(path)")
            let body = try JSONSerialization.jsonObject(with: Data(reply.body))
            #expect(document.mismatches(body, schema).isEmpty, "\(path): \(document.mismatches(body, schema))")
            #expect(reply.errorCode == "not_found", "\(path)")
        }
    }

    @Test(
        .disabled(
            if: ForeignPeer.unavailable != nil,
            "needs a second uid: root, /usr/bin/setpriv and /usr/bin/python3 (see ForeignPeer.unavailable)"))
    func forbiddenIsAnsweredOnEveryPathAsDocumented() throws {
        let folder = try ingestedSample()
        let socket = folder.path + "/shared.sock"
        let daemon = try ServingDaemon(index: folder.index, socket: socket, arguments: ["--socket-mode", "0666"])
        let samples = try Samples(daemon.client())
        for template in document.paths {
            let target = try #require(Self.request(provoking: 200, on: template, samples)?.targets.first)
            let bytes = try ForeignPeer.exchange(
                Array("GET \(target) HTTP/1.1\r\nHost: h20q\r\nConnection: close\r\n\r\n".utf8), socket: socket)
            let parsed = RawConnection.responses(in: bytes)
            let reply = try #require(parsed.responses.first, "\(template): \(parsed.problem ?? "no answer")")
            let label = "\(template) as uid \(ForeignPeer.uid)"
            if document.statuses(of: template).contains(403) {
                check(reply.status, reply.headers, reply.body, as: 403, of: template, label, nonEmpty: [])
            } else {
                #expect(reply.status != 403, "\(label): 403, which the document does not list for \(template)")
            }
        }
    }

    /// Statuses a request of this test can draw from the daemon on any path (404 only on
    /// paths with an id); each is checked against the document both ways.
    static let provokable: Set<Int> = [200, 400, 404, 405, 408, 413, 414, 431, 503]

    /// A story and a cluster of the sample corpus, for the paths that take an id.
    struct Samples {
        var story = "hw-20250813-0901"
        /// A story in no duplicate cluster, whose `cluster` then has one member.
        var loneStory = "vbb-88412"
        var cluster: Int

        init(_ client: DaemonClient) throws {
            let clusters = try json(client.get("/v1/clusters?limit=1").text)["clusters"] as? [[String: Any]]
            cluster = try #require(clusters?.first?["id"] as? Int)
        }
    }

    /// How to draw `status` from `GET template`: the targets to ask for, and how to send them.
    struct Provocation {
        var targets: [String]
        var raw: (String) -> String
        /// Arrays in the answer that must have members, so that the document's item shapes
        /// are checked too.
        var nonEmpty: [String] = []
    }

    static func request(provoking status: Int, on template: String, _ samples: Samples) -> Provocation? {
        let plain: (String) -> String = { "GET \($0) HTTP/1.1\r\nHost: h20q\r\n\r\n" }
        let withID = { (id: String) in template.replacingOccurrences(of: "{id}", with: DaemonClient.encode(id)) }
        let hasID = template.contains("{id}")
        var path: String
        switch template {
        case "/v1/stories/{id}": path = withID(samples.story)
        case "/v1/clusters/{id}": path = withID(String(samples.cluster))
        default:
            guard !hasID else { return nil }
            path = template
        }
        if template == "/v1/search" { path += "?q=chips" }
        let padded = path + (path.contains("?") ? "&" : "?") + "pad=" + String(repeating: "a", count: 1200)
        switch status {
        case 200:
            switch template {
            case "/v1/search": return Provocation(targets: [path], raw: plain, nonEmpty: ["hits"])
            case "/v1/clusters": return Provocation(targets: [path], raw: plain, nonEmpty: ["clusters"])
            case "/v1/clusters/{id}": return Provocation(targets: [path], raw: plain, nonEmpty: ["members"])
            case "/v1/stories/{id}":
                return Provocation(targets: [path, withID(samples.loneStory)], raw: plain, nonEmpty: [])
            default: return Provocation(targets: [path], raw: plain)
            }
        case 400:
            let bad = path + (path.contains("?") ? "&" : "?")
            return Provocation(targets: [bad + "bogus=1", bad + "x=%zz"], raw: plain)
        case 404:
            switch template {
            case "/v1/stories/{id}": return Provocation(targets: [withID("no such/story")], raw: plain)
            case "/v1/clusters/{id}": return Provocation(targets: [withID("999999"), withID("x")], raw: plain)
            default: return Provocation(targets: [path], raw: plain)  // answered, and must not be a 404
            }
        case 405:
            return Provocation(
                targets: [path], raw: { "DELETE \($0) HTTP/1.1\r\nHost: h20q\r\n\r\n" })
        case 408:
            return Provocation(
                targets: [path], raw: { "GET \($0) HTTP/1.1\r\nHost: h20q\r\nContent-Length: 5\r\n\r\nab" })
        case 413:
            return Provocation(
                targets: [path], raw: { "GET \($0) HTTP/1.1\r\nHost: h20q\r\nContent-Length: 10000000\r\n\r\n" })
        case 414:
            return Provocation(targets: [padded], raw: plain)
        case 431:
            let header = "X-Big: " + String(repeating: "b", count: 3000)
            return Provocation(targets: [path], raw: { "GET \($0) HTTP/1.1\r\nHost: h20q\r\n\(header)\r\n\r\n" })
        case 503:
            return Provocation(targets: [path], raw: plain)
        default:
            return nil
        }
    }

    /// Records every way an answer departs from the document's `status` for `template`.
    func check(
        _ status: Int, _ headers: [String: String], _ body: [UInt8], as expected: Int, of template: String,
        _ label: String, nonEmpty: [String]
    ) {
        #expect(status == expected, "\(label): \(String(decoding: body, as: UTF8.self))")
        #expect(headers["content-type"] == "application/json", "\(label): \(headers)")
        if expected == 405 { #expect(headers["allow"] == "GET", "\(label): \(headers)") }
        guard let schema = document.schema(of: template, status: expected) else {
            Issue.record("\(label): the document gives no application/json schema for \(expected)")
            return
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body)) else {
            Issue.record("\(label): the body is not JSON: \(String(decoding: body, as: UTF8.self))")
            return
        }
        let mismatches = document.mismatches(value, schema)
        #expect(mismatches.isEmpty, "\(label): \(mismatches)")
        for key in nonEmpty {
            let array = (value as? [String: Any])?[key] as? [Any]
            #expect(array?.isEmpty == false, "\(label): \(key) is empty, so its items' shape went unchecked")
        }
    }
}
