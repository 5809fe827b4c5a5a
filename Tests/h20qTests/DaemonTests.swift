import Foundation
import H20QFixtures
import H20QServer
import Synchronization
import Testing

/// `h20q serve` as a user runs it: endpoints, errors, socket, lifecycle, freshness, load.
@Suite(.serialized)
struct DaemonTests {
    let h20q = BinaryRunner()

    @Test func everyEndpointAnswersAsItsCommandPrints() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let client = daemon.client()
        let cases: [(target: String, command: [String])] = [
            ("/v1/search?q=export+licence", ["search", "--json", "export licence"]),
            (
                "/v1/search?q=chips&all=true&source=harbor%20wire&limit=3",
                ["search", "--json", "--all", "--source", "harbor wire", "--limit", "3", "chips"]
            ),
            (
                "/v1/search?q=%22data+centre%22+OR+weather&since=2025-08-14",
                ["search", "--json", "--since", "2025-08-14", "\"data centre\" OR weather"]
            ),
            ("/v1/stories/hw-20250813-0901", ["show", "--json", "hw-20250813-0901"]),
            ("/v1/stories/vbb-88412", ["show", "--json", "vbb-88412"]),
            ("/v1/clusters?limit=1000", ["dupes", "--json"]),
            ("/v1/clusters?min_size=3&limit=1000", ["dupes", "--json", "--min-size", "3"]),
        ]
        for (target, command) in cases {
            let reply = try client.get(target)
            #expect(reply.status == 200, "\(target): \(reply.text)")
            #expect(reply.headers["content-type"] == "application/json")
            let direct = try h20q.run(
                Array(command.prefix(1)) + ["--index", folder.index, "--direct"] + command.dropFirst(), in: folder.path)
            #expect(reply.text == direct.output, "\(target) differs from \(command)")
        }
        let clusters = try json(client.get("/v1/clusters?limit=1").text)["clusters"] as? [[String: Any]]
        #expect(clusters?.count == 1)
        let id = try #require(clusters?.first?["id"] as? Int)
        let one = try client.get("/v1/clusters/\(id)")
        #expect(one.status == 200)
        #expect(try json(one.text)["canonical"] as? String == clusters?.first?["canonical"] as? String)
        let stats = try json(client.get("/v1/stats").text)
        #expect(stats["sightings"] as? Int == (try h20q.stats(folder.index))["sightings"] as? Int)
        let health = try json(client.get("/v1/health").text)
        #expect(health["status"] as? String == "ok")
    }

    @Test func errorsHaveTheirStatusAndShape() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(
            index: folder.index,
            arguments: ["--read-timeout", "0.3", "--max-request-line", "1000", "--max-header-bytes", "2000"])
        let cases: [(request: String, status: Int, code: String)] = [
            ("GET /v1/search?q=chips&limit=5000 HTTP/1.1\r\n\r\n", 400, "bad_parameter"),
            ("GET /v1/search?q=chips&limit=ten HTTP/1.1\r\n\r\n", 400, "bad_parameter"),
            ("GET /v1/search?q=NOT+chips HTTP/1.1\r\n\r\n", 400, "invalid_query"),
            ("GET /v1/search?q=chips&bogus=1 HTTP/1.1\r\n\r\n", 400, "bad_parameter"),
            ("GET /v1/search?q=%zz HTTP/1.1\r\n\r\n", 400, "malformed_request"),
            ("GET /v1/search?since=yesterday&q=chips HTTP/1.1\r\n\r\n", 400, "bad_parameter"),
            ("GET /v1/stories/no%20such%2Fstory HTTP/1.1\r\n\r\n", 404, "not_found"),
            ("GET /v1/clusters/999999 HTTP/1.1\r\n\r\n", 404, "not_found"),
            ("GET /v2/search HTTP/1.1\r\n\r\n", 404, "not_found"),
            ("POST /v1/search?q=chips HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405, "method_not_allowed"),
            ("GET /v1/stats HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n", 413, "body_too_large"),
            ("GET /v1/search?q=\(String(repeating: "a", count: 2000)) HTTP/1.1\r\n\r\n", 414, "uri_too_long"),
            (
                "GET /v1/stats HTTP/1.1\r\nX-Big: \(String(repeating: "b", count: 3000))\r\n\r\n", 431,
                "headers_too_large"
            ),
            ("GET /v1/stats HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", 408, "request_timeout"),
            ("GET /v1/sta", 408, "request_timeout"),
            ("GARBAGE\r\n\r\n", 400, "malformed_request"),
            ("CONNECT h20q:80 HTTP/1.1\r\n\r\n", 405, "method_not_allowed"),
        ]
        for (request, status, code) in cases {
            let reply = try daemon.client().exchange(Array(request.utf8))
            #expect(reply.status == status, "\(request.prefix(60)): \(reply.text)")
            #expect(reply.errorCode == code, "\(request.prefix(60)): \(reply.text)")
        }
        let invalid = try daemon.client().get("/v1/search?q=NOT+chips")
        let cli = try h20q.run(["search", "--index", folder.index, "--direct", "NOT", "chips"])
        #expect(cli.errors == "h20q: " + (try #require(errorMessage(invalid))) + "\n")
        let post = try daemon.client().exchange(Array("DELETE /v1/stats HTTP/1.1\r\n\r\n".utf8))
        #expect(post.headers["allow"] == "GET")
        // Still serving after all that.
        #expect(try daemon.client().get("/v1/health").status == 200)
    }

    @Test func pipelinedRequestsAreAnsweredInOrderUpToOneThatGoesWrong() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let good = "GET /v1/search?q=chips HTTP/1.1\r\nHost: h20q\r\n\r\n"
        let cases: [(request: String, statuses: [Int])] = [
            (good + good + "GET /v1/health HTTP/1.1\r\nConnection: close\r\n\r\n", [200, 200, 200]),
            // The parser rejects the third: the two before it are still answered, then the 400.
            (good + good + "GET /v1/search?q=a b HTTP/1.1\r\n\r\n" + good, [200, 200, 400]),
            (good + "GET /v1/stats HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n", [200, 413]),
            (good + "CONNECT h20q:80 HTTP/1.1\r\n\r\n" + good, [200, 405]),
            // A request to switch protocols is answered, and the connection closed at once: the
            // parser would read nothing after it.
            (
                "GET /v1/health HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n" + good, [200]
            ),
        ]
        for (request, statuses) in cases {
            let connection = try RawConnection(socket: daemon.socket, timeout: 5)
            connection.send(Array(request.utf8))
            let (bytes, timedOut) = connection.receiveUntilClosed()
            #expect(!timedOut, "\(request.debugDescription): the connection stayed open")
            let parsed = RawConnection.responses(in: bytes)
            #expect(parsed.problem == nil, "\(request.debugDescription): \(parsed.problem ?? "")")
            #expect(parsed.responses.map(\.status) == statuses, "\(request.debugDescription)")
            for response in parsed.responses where response.status >= 400 {
                let error = try json(String(decoding: response.body, as: UTF8.self))["error"] as? [String: Any]
                #expect(error?["code"] is String, "\(request.debugDescription)")
            }
            if statuses.last == 405 { #expect(parsed.responses.last?.headers["allow"] == "GET") }
        }
    }

    @Test func anUnreadableIndexIsA503UntilItExists() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.index, withIntermediateDirectories: true)
        let daemon = try ServingDaemon(index: folder.index)
        let reply = try daemon.client().get("/v1/search?q=chips")
        #expect(reply.status == 503)
        #expect(reply.errorCode == "index_unavailable")
        let file = folder.write(
            "wire.jsonl", "{\"id\": \"a1\", \"title\": \"Grain barges slow\", \"body\": \"Low water.\"}\n")
        #expect(try h20q.run(["ingest", "--index", folder.index, file]).status == 0)
        #expect(try daemon.client().get("/v1/search?q=barges").status == 200)
    }

    @Test func theSocketIsOwnerOnlyUnlessAModeIsGiven() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        var status = stat()
        #expect(lstat(daemon.socket, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let shared = try ServingDaemon(
            index: folder.index, socket: folder.path + "/shared.sock", arguments: ["--socket-mode", "0660"])
        #expect(lstat(shared.socket, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o660)
    }

    @Test func aStaleSocketIsReplacedAndALiveDaemonLeftAlone() throws {
        let folder = try ingestedSample()
        let socket = folder.index + "/h20q.sock"
        // A socket file nobody listens on, as a killed daemon leaves it.
        let stale = boundUnixSocket(socket)
        #expect(stale >= 0)
        close(stale)
        #expect(FileManager.default.fileExists(atPath: socket))

        let daemon = try ServingDaemon(index: folder.index)
        #expect(try daemon.client().get("/v1/health").status == 200)

        let second = try ServingDaemon(index: folder.index)
        let refused = second.finish()
        #expect(refused.status == 1)
        #expect(refused.log.split(separator: "\n").last?.hasPrefix("h20q: ") == true, "\(refused.log)")
        #expect(refused.log.split(separator: "\n").count == 1, "\(refused.log)")
        #expect(try daemon.client().get("/v1/health").status == 200, "the first daemon still answers")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheDaemonCleanly(signal: Int32) throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let client = daemon.client()
        #expect(try client.get("/v1/search?q=chips").status == 200)
        let (status, log) = daemon.stop(signal)
        #expect(status == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        let lines = log.split(separator: "\n")
        #expect(lines.first?.contains("serving index \(folder.index) on \(daemon.socket) (") == true, "\(log)")
        #expect(lines.contains { $0.contains("GET /v1/search?q=chips 200 ") && $0.hasSuffix("us") }, "\(log)")
        #expect(lines.last?.contains("stopped") == true, "\(log)")
    }

    @Test func aStopAnswersTheRequestUnderWayAndClosesIdleConnections() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let idle = try RawConnection(socket: daemon.socket, timeout: 5)
        #expect(idle.send(Array("GET /v1/health HTTP/1.1\r\n\r\n".utf8)))
        let reading = try RawConnection(socket: daemon.socket, timeout: 5)
        #expect(reading.send(Array("GET /v1/search?q=chips HTTP/1.1\r\nHost: h20q\r\n".utf8)))
        usleep(200_000)
        kill(daemon.process.processIdentifier, SIGTERM)
        usleep(200_000)
        #expect(reading.send(Array("\r\n".utf8)))
        let (answer, readingTimedOut) = reading.receiveUntilClosed()
        #expect(!readingTimedOut, "the connection with a request under way stayed open")
        let answered = RawConnection.responses(in: answer)
        #expect(answered.responses.map(\.status) == [200])
        #expect(answered.responses.first?.headers["connection"] == "close")
        // The keep-alive connection had its answer, then is closed without waiting out its
        // idle timeout (30 s).
        let (earlier, idleTimedOut) = idle.receiveUntilClosed()
        #expect(!idleTimedOut, "the idle connection stayed open")
        #expect(RawConnection.responses(in: earlier).responses.map(\.status) == [200])
        let (status, log) = daemon.finish()
        #expect(status == 0, "\(log)")
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
    }

    @Test func http10AndHeadAreAnsweredAsHTTPSays() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let connection = try RawConnection(socket: daemon.socket, timeout: 5)
        // HEAD: the length of the answer, no body; HTTP/1.0 without keep-alive: closed after.
        #expect(connection.send(Array("HEAD /v1/health HTTP/1.1\r\n\r\nGET /v1/health HTTP/1.0\r\n\r\n".utf8)))
        let (bytes, timedOut) = connection.receiveUntilClosed()
        #expect(!timedOut, "an HTTP/1.0 request without keep-alive left its connection open")
        let parsed = RawConnection.responses(in: bytes, bodiless: [0])
        #expect(parsed.problem == nil, "\(parsed.problem ?? "")")
        #expect(parsed.responses.map(\.status) == [405, 200])
        #expect(parsed.responses.first?.body.isEmpty == true)
        #expect(parsed.responses.first?.headers["content-length"].flatMap { Int($0) } ?? 0 > 0)
        #expect(parsed.responses.last?.headers["connection"] == "close")
        let health = try daemon.client().get("/v1/health")
        #expect(health.headers["server"] == "h20q")
        let date = try #require(health.headers["date"])
        #expect(date.hasSuffix(" GMT") && date.count == 29, "\(date)")
    }

    @Test func aStoryIngestedWhileServingIsFound() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let client = daemon.client()
        let before = try json(client.get("/v1/stats").text)["sightings"] as? Int
        #expect(try client.get("/v1/search?q=quetzalcoatlus").status == 200)
        #expect(try json(client.get("/v1/search?q=quetzalcoatlus").text)["total"] as? Int == 0)
        let file = folder.write(
            "late.jsonl",
            "{\"id\": \"late-1\", \"title\": \"Quetzalcoatlus fossil found\", \"body\": \"A wing bone turned up.\"}\n")
        #expect(try h20q.run(["ingest", "--index", folder.index, file]).status == 0)
        #expect(try json(client.get("/v1/search?q=quetzalcoatlus").text)["total"] as? Int == 1)
        #expect(try json(client.get("/v1/stats").text)["sightings"] as? Int == before.map { $0 + 1 })
    }

    @Test func twoHundredConcurrentClientsAreAllAnswered() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        let statuses = Mutex<[Int]>([])
        let socket = daemon.socket
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let client = DaemonClient(socket: socket)
            let queries = ["chips", "export licence", "weather", "\"data centre\""]
            for round in 0..<3 {
                let target = "/v1/search?q=" + DaemonClient.encode(queries[(index + round) % queries.count])
                let status = (try? client.get(target).status) ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        let answered = statuses.withLock { $0 }
        #expect(answered.count == 600)
        #expect(answered.allSatisfy { $0 == 200 })
    }
}

func errorMessage(_ reply: DaemonClient.Reply) -> String? {
    let object = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
    return (object?["error"] as? [String: Any])?["message"] as? String
}
