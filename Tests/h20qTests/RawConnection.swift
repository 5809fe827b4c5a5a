import Foundation

/// A Unix-socket connection for tests that send what no well-behaved client would: the bytes
/// go out as given, and whatever comes back is kept until the daemon closes the connection.
/// `responses(in:)` splits what came back into HTTP responses without trusting it.
///
///     let connection = try RawConnection(socket: daemon.socket)
///     connection.send(Array("GARBAGE\r\n\r\n".utf8))
///     RawConnection.responses(in: connection.receiveUntilClosed().bytes).responses[0].status -> 400
final class RawConnection {
    private let descriptor: Int32

    /// A response as read off the wire: status, headers (names in lower case), body.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    /// What came back, split: the whole responses, and why the rest is not one (nil when
    /// nothing is left over, or only the start of a response the daemon then cut short).
    struct Parsed {
        var responses: [Response] = []
        var problem: String?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to `socket`; `timeout` seconds bound every later send and each wait for bytes.
    init(socket: String, timeout: Double = 10) throws {
        descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socket.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect \(socket): \(reason)")
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends `bytes`; false when the daemon closed the connection before taking them all,
    /// which it may do to a request it has refused.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a connection the daemon closed is a return value, not a SIGPIPE.
            let sent = bytes[offset...].withUnsafeBytes {
                Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Everything received until the daemon closes the connection; `timedOut` when it went
    /// quiet for the timeout without closing.
    func receiveUntilClosed() -> (bytes: [UInt8], timedOut: Bool) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk.prefix(count)
            } else if count == 0 || errno == ECONNRESET || errno == EPIPE {
                return (received, false)
            } else if errno == EINTR {
                continue
            } else {
                return (received, true)
            }
        }
    }

    /// `bytes` as consecutive HTTP/1.1 responses. `bodiless` holds the positions of responses
    /// to HEAD requests, which announce a length and send no body.
    static func responses(in bytes: [UInt8], bodiless: Set<Int> = []) -> Parsed {
        var parsed = Parsed()
        var rest = bytes[...]
        while !rest.isEmpty {
            guard rest.starts(with: Array("HTTP/1.1 ".utf8)) || rest.count < 9 && "HTTP/1.1 ".utf8.starts(with: rest)
            else {
                parsed.problem =
                    "not a status line: \(String(decoding: rest.prefix(40), as: UTF8.self).debugDescription)"
                return parsed
            }
            guard let headEnd = find([13, 10, 13, 10], in: rest) else { return parsed }
            let head = String(decoding: rest[..<headEnd], as: UTF8.self)
            rest = rest[(headEnd + 4)...]
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst()
            let fields = statusLine.split(separator: " ", maxSplits: 2)
            guard fields.count >= 2, fields[1].count == 3, let status = Int(fields[1]) else {
                parsed.problem = "a bad status line: \(statusLine.debugDescription)"
                return parsed
            }
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else {
                    parsed.problem = "a header line without a colon: \(line.debugDescription)"
                    return parsed
                }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
            var body: [UInt8] = []
            let length = headers["content-length"].flatMap { Int($0) }
            if bodiless.contains(parsed.responses.count)
                && !(headers["connection"] == "close" && length != nil && rest.count == length)
            {
                // A request the parser rejects has no known method: its answer may carry its
                // body even when the request looked like a HEAD, and then closes.
                body = []
            } else if let length {
                guard rest.count >= length else { return parsed }
                body = Array(rest.prefix(length))
                rest = rest.dropFirst(length)
            } else if headers["transfer-encoding"] != nil {
                parsed.problem = "a chunked response (the daemon sends lengths)"
                return parsed
            } else {
                body = Array(rest)
                rest = []
            }
            parsed.responses.append(Response(status: status, headers: headers, body: body))
        }
        return parsed
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.startIndex
        while start <= haystack.endIndex - needle.count {
            if haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
                return start
            }
            start += 1
        }
        return nil
    }
}
