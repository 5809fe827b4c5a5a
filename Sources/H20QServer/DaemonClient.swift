import Foundation

/// A small HTTP/1.1 client for the daemon's Unix socket, on plain POSIX calls: one connection,
/// kept alive between requests and opened again when the daemon has closed it.
///
///     let client = DaemonClient(socket: "Index/h20q.sock")
///     try client.get("/v1/stats").status -> 200
public final class DaemonClient {
    // One thread at a time: the connection is its state.
    public let socket: String
    private let timeout: Double
    private var descriptor: Int32 = -1

    /// A response: status, headers (names in lower case) and body.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public enum Failure: Error, Sendable {
        /// Nothing answers on the socket (no file, nobody listening, not allowed to connect).
        case unreachable(String)
        /// The connection broke, or the answer was not HTTP.
        case broken(String)
    }

    public init(socket: String, timeout: Double = 60) {
        self.socket = socket
        self.timeout = timeout
    }

    deinit { disconnect() }

    /// `GET target`, with `target` already percent-encoded.
    public func get(_ target: String) throws(Failure) -> Reply {
        try exchange(Array("GET \(target) HTTP/1.1\r\nHost: h20q\r\n\r\n".utf8))
    }

    /// Sends `request` as it is and reads one response. A kept-alive connection the daemon
    /// closed meanwhile is opened again once.
    public func exchange(_ request: [UInt8]) throws(Failure) -> Reply {
        let reused = descriptor >= 0
        do {
            try connectIfNeeded()
            try write(request)
            return try readReply()
        } catch {
            disconnect()
            guard reused, case .broken = error else { throw error }
            try connectIfNeeded()
            try write(request)
            return try readReply()
        }
    }

    /// Whether a daemon accepts connections on `socket`.
    public static func answers(on socket: String) -> Bool {
        let client = DaemonClient(socket: socket)
        defer { client.disconnect() }
        return (try? client.connectIfNeeded()) != nil
    }

    public func disconnect() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        buffered.removeAll()
    }

    /// `text` percent-encoded for a path segment or a query value: all but `A-Z a-z 0-9 - . _ ~`.
    ///
    ///     DaemonClient.encode("a b/c+d") -> "a%20b%2Fc%2Bd"
    public static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    // MARK: the socket

    private var buffered: [UInt8] = []

    func connectIfNeeded() throws(Failure) {
        guard descriptor < 0 else { return }
        guard socket.utf8.count <= DaemonSocket.maximumPathBytes else { throw .unreachable("socket path too long") }
        let fd = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .unreachable(String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socket.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .unreachable(reason)
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        descriptor = fd
    }

    private func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a daemon gone away is an error here, not a SIGPIPE for the process.
            let sent = bytes[offset...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw .broken("send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// More bytes into `buffered`; false at the end of the stream.
    private func fill() throws(Failure) -> Bool {
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw .broken("recv: \(String(cString: strerror(errno)))") }
        buffered += chunk[..<count]
        return count > 0
    }

    /// Where `recv` writes, made once per client rather than once per read.
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    private func readReply() throws(Failure) -> Reply {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffered)
            if headEnd == nil {
                guard try fill() else { throw .broken("the daemon closed the connection") }
            }
        }
        let (status, headers) = try Self.parseHead(buffered[..<headEnd!])
        buffered.removeFirst(headEnd! + 4)
        let body: [UInt8]
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            while buffered.count < length {
                guard try fill() else { throw .broken("the daemon closed the connection mid-answer") }
            }
            body = Array(buffered.prefix(length))
            buffered.removeFirst(length)
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try readChunked()
        } else {
            while try fill() {}
            body = buffered
            buffered.removeAll()
        }
        if headers["connection"]?.lowercased() == "close" { disconnect() }
        return Reply(status: status, headers: headers, body: body)
    }

    /// The status and headers (names in lower case, values without surrounding blanks) of a
    /// response head, byte by byte: the client's share of a round trip stays a few microseconds.
    static func parseHead(_ head: ArraySlice<UInt8>) throws(Failure) -> (Int, [String: String]) {
        var lines = head.split(separator: 13, omittingEmptySubsequences: false).map { line in
            line.first == 10 ? line.dropFirst() : line
        }
        guard !lines.isEmpty else { throw .broken("not an HTTP response") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)), parts[1].count == 3,
            parts[1].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw .broken("not an HTTP response")
        }
        let status = parts[1].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = line[..<colon].map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
            var value = line[line.index(after: colon)...]
            while let first = value.first, first == 32 || first == 9 { value.removeFirst() }
            while let last = value.last, last == 32 || last == 9 { value.removeLast() }
            headers[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
        }
        return (status, headers)
    }

    private func readChunked() throws(Failure) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = Self.find([13, 10], in: buffered)
            while lineEnd == nil {
                guard try fill() else { throw .broken("the daemon closed the connection mid-chunk") }
                lineEnd = Self.find([13, 10], in: buffered)
            }
            let sizeText = String(decoding: buffered[..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw .broken("bad chunk size")
            }
            buffered.removeFirst(lineEnd! + 2)
            while buffered.count < size + 2 {
                guard try fill() else { throw .broken("the daemon closed the connection mid-chunk") }
            }
            body += buffered.prefix(size)
            buffered.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
