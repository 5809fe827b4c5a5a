import Foundation
import H20QFixtures
import Testing

/// The peer check as the kernel reports it (`SO_PEERCRED`), from a process of another uid
/// (`nobody`) on a socket anyone may connect to: refused with 403 and the JSON error unless
/// `--allow-group` names its group.
@Suite(
    .serialized,
    .disabled(
        if: ForeignPeer.unavailable != nil,
        "needs a second uid: root, /usr/bin/setpriv and /usr/bin/python3 (see ForeignPeer.unavailable)"))
struct PeerCredentialTests {
    static let health = Array("GET /v1/health HTTP/1.1\r\nHost: h20q\r\nConnection: close\r\n\r\n".utf8)

    /// A daemon on a socket of mode 0666 in a folder anyone may enter, with `arguments`.
    static func daemon(_ folder: TemporaryFolder, _ arguments: [String] = []) throws -> ServingDaemon {
        try ServingDaemon(
            index: folder.index, socket: folder.path + "/shared.sock", arguments: ["--socket-mode", "0666"] + arguments)
    }

    static func answer(_ daemon: ServingDaemon) throws -> RawConnection.Response {
        let parsed = RawConnection.responses(in: try ForeignPeer.exchange(health, socket: daemon.socket))
        return try #require(parsed.responses.first, "no answer: \(parsed.problem ?? "nothing came back")")
    }

    @Test func anotherUserIsRefusedWith403() throws {
        let folder = try ingestedSample()
        let daemon = try Self.daemon(folder)
        let reply = try Self.answer(daemon)
        #expect(reply.status == 403)
        #expect(reply.headers["content-type"] == "application/json")
        let error = try json(String(decoding: reply.body, as: UTF8.self))["error"] as? [String: Any]
        #expect(error?["code"] as? String == "forbidden")
        #expect((error?["message"] as? String)?.contains("uid \(ForeignPeer.uid) may not use this daemon") == true)
        // The owner (root) is still served on the same socket.
        #expect(try daemon.client().get("/v1/health").status == 200)
        let (_, log) = daemon.stop()
        #expect(log.contains("peer refused: uid \(ForeignPeer.uid)"), "\(log)")
    }

    @Test(arguments: ["nogroup", "65534"])
    func aMemberOfTheAllowedGroupIsServed(group: String) throws {
        let folder = try ingestedSample()
        let daemon = try Self.daemon(folder, ["--allow-group", group])
        let reply = try Self.answer(daemon)
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.headers["content-type"] == "application/json")
        #expect(try json(String(decoding: reply.body, as: UTF8.self))["status"] as? String == "ok")
    }

    @Test func anotherGroupDoesNotLetThemIn() throws {
        let folder = try ingestedSample()
        let daemon = try Self.daemon(folder, ["--allow-group", "root"])
        #expect(try Self.answer(daemon).status == 403)
    }
}
