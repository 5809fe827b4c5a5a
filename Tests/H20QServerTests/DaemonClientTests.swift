import Testing

@testable import H20QServer

/// The daemon client's reading of a response head.
struct DaemonClientTests {
    @Test func readsTheStatusAndHeadersOfAHead() throws {
        let head = Array(
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nCONTENT-LENGTH:\t57 \r\nH20Q-Index: /srv/a b\r\nx-empty:\r\n"
                .utf8)
        let (status, headers) = try DaemonClient.parseHead(head[...].dropLast(2))
        #expect(status == 404)
        #expect(
            headers == [
                "content-type": "application/json", "content-length": "57", "h20q-index": "/srv/a b", "x-empty": "",
            ])
    }

    @Test(arguments: ["", "SSH-2.0-OpenSSH_9.6", "HTTP/1.1 2000 OK", "HTTP/1.1 OK", "HTTP/2 200 OK"])
    func refusesWhatIsNotAnHTTPHead(_ head: String) {
        #expect(throws: DaemonClient.Failure.self) { try DaemonClient.parseHead(Array(head.utf8)[...]) }
    }
}
