import Foundation
import H20QFixtures
import H20QServer
import Testing

/// `search`, `show`, `dupes` and `stats` print the same bytes whether the daemon answers or
/// the index is read directly, and fall back to the direct path when the daemon fails them.
@Suite(.serialized)
struct DaemonClientPathTests {
    let h20q = BinaryRunner()

    static let commands: [[String]] = [
        ["search", "export licence"], ["search", "--json", "export licence"],
        ["search", "--json", "--all", "--source", "harbor wire", "--limit", "3", "chips"],
        ["search", "--since", "2025-08-14", "--until", "2025-08-20", "\"data centre\" OR weather"],
        ["search", "--offset", "2", "--limit", "2", "the"], ["search", "quetzalcoatlus"], ["search", "NOT", "chips"],
        ["show", "hw-20250813-0901"], ["show", "--json", "vbb-88412"], ["show", "no-such-story"],
        ["dupes"], ["dupes", "--json"], ["dupes", "--json", "--min-size", "3"], ["stats"], ["stats", "--json"],
    ]

    @Test func eachCommandPrintsTheSameBothWays() throws {
        let folder = try ingestedSample()
        let daemon = try ServingDaemon(index: folder.index)
        for command in Self.commands {
            let arguments = Array(command.prefix(1)) + ["--index", folder.index] + command.dropFirst()
            let viaDaemon = try h20q.run(arguments, in: folder.path)
            let direct = try h20q.run(
                Array(command.prefix(1)) + ["--index", folder.index, "--direct"] + command.dropFirst(), in: folder.path)
            #expect(viaDaemon.output == direct.output, "\(command)")
            #expect(viaDaemon.errors == direct.errors, "\(command)")
            #expect(viaDaemon.status == direct.status, "\(command)")
        }
        // The daemon did answer them: each request is a line of its log.
        let (_, log) = daemon.stop()
        #expect(log.contains("GET /v1/search?q=export%20licence"), "\(log)")
        #expect(log.contains("GET /v1/stories/hw-20250813-0901 200"), "\(log)")
        #expect(log.contains("GET /v1/clusters?min_size=2&limit=1000&offset=0 200"), "\(log)")
        #expect(log.contains("GET /v1/stats 200"), "\(log)")
    }

    @Test func aDaemonGoneMidRequestFallsBackToTheIndex() throws {
        let folder = try ingestedSample()
        // A listener that hangs up on every connection without a word, as a daemon killed
        // while answering does.
        let socket = folder.path + "/dying.sock"
        let listener = try HangingUpListener(socket: socket)
        for command in [
            ["search", "--json", "chips"], ["show", "vbb-88412"], ["dupes", "--json"], ["stats", "--json"],
        ] {
            let arguments = Array(command.prefix(1)) + ["--index", folder.index] + command.dropFirst()
            let fallback = try h20q.run(arguments + ["--socket", socket], in: folder.path)
            let direct = try h20q.run(arguments + ["--direct"], in: folder.path)
            #expect(fallback.status == 0, "\(command): \(fallback.errors)")
            #expect(fallback.output == direct.output, "\(command)")
            #expect(fallback.errors.isEmpty, "\(command): \(fallback.errors)")
        }
        #expect(listener.connections > 0)
    }

    @Test func aDaemonOfAnotherIndexIsNotAsked() throws {
        let folder = try ingestedSample()
        let other = TemporaryFolder()
        let file = other.write("one.jsonl", "{\"id\": \"x1\", \"title\": \"Only story\", \"body\": \"Alone here.\"}\n")
        #expect(try h20q.run(["ingest", "--index", other.index, file]).status == 0)
        let daemon = try ServingDaemon(index: other.index)
        let result = try h20q.run(["stats", "--json", "--index", folder.index, "--socket", daemon.socket])
        #expect(try json(result.output)["sightings"] as? Int == (try h20q.stats(folder.index))["sightings"] as? Int)
    }
}

/// A Unix socket that accepts connections and closes each one at once, on its own thread.
final class HangingUpListener: @unchecked Sendable {
    // The counter is written by the accept thread and read by the test after it is done.
    private let descriptor: Int32
    private(set) var connections = 0

    init(socket: String) throws {
        let descriptor = boundUnixSocket(socket)
        self.descriptor = descriptor
        guard descriptor >= 0, listen(descriptor, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(descriptor, nil, nil)
                if connection < 0 { return }
                connections += 1
                // Read the request, then hang up without answering.
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(connection, &buffer, buffer.count)
                close(connection)
            }
        }
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}
