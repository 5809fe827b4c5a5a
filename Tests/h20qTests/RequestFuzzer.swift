import Foundation
import H20QFixtures
import H20QServer

/// Hostile requests for the daemon, the same ones on every run for a seed: malformed request
/// lines, huge and broken headers, chunked bodies (valid, cut short, lying about their
/// sizes), random bytes, query strings full of bad percent-encoding, NULs, FTS5 syntax, emoji
/// and repeated parameters, several requests at once, all sent in pieces of random sizes.
///
///     var fuzzer = RequestFuzzer(seed: 7)
///     fuzzer.next().pieces -> what one connection sends (the same bytes on every run)
struct RequestFuzzer {
    private var random: SeededGenerator

    /// What one connection sends: `pieces` are written one call each.
    struct Case {
        var kind: String
        var pieces: [[UInt8]]
        /// Positions of the HEAD requests among those sent, whose answers carry no body.
        var bodiless: Set<Int> = []
    }

    /// A well-formed last request that asks the daemon to close: a connection that is still
    /// in step ends at once instead of at the idle timeout.
    static let closing = "GET /v1/health HTTP/1.1\r\nHost: h20q\r\nConnection: close\r\n\r\n"

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func next() -> Case {
        var made: Case
        switch random.next(below: 7) {
        case 0, 1: made = hostileQuery()
        case 2: made = malformedRequestLine()
        case 3: made = brokenHeaders()
        case 4: made = chunkedBody()
        case 5: made = randomBytes()
        default: made = pipelined()
        }
        // Most cases end with a request that closes the connection; the others end however
        // the daemon ends them (an error, the read timeout, the idle timeout).
        if random.next(below: 4) != 0, var last = made.pieces.popLast() {
            last += Array(Self.closing.utf8)
            made.pieces.append(last)
        }
        made.pieces = split(made.pieces.flatMap { $0 })
        return made
    }

    // MARK: kinds

    private mutating func hostileQuery() -> Case {
        let method = random.next(below: 8) == 0 ? pick(["HEAD", "POST", "DELETE", "get", "OPTIONS", "BREW"]) : "GET"
        let request = method + " " + hostileTarget() + " HTTP/1.1\r\nHost: h20q\r\n\r\n"
        return Case(kind: "query", pieces: [Array(request.utf8)], bodiless: method == "HEAD" ? [0] : [])
    }

    private mutating func malformedRequestLine() -> Case {
        let lines = [
            "GET /v1/health\r\n\r\n", "GET /v1/health HTTP/2.0\r\n\r\n", "GET /v1/health HTTP/9.9\r\n\r\n",
            "GET /v1/health HTTP/1.0\r\n\r\n", "GET /v1/health HTTP/1\r\n\r\n", "GET /v1/health http/1.1\r\n\r\n",
            "get /v1/health HTTP/1.1\r\n\r\n", "GET  /v1/health  HTTP/1.1\r\n\r\n", "GET\t/v1/health\tHTTP/1.1\r\n\r\n",
            "GET /v1/health HTTP/1.1\n\n", "GET /v1/health HTTP/1.1\r\r\r\r",
            "GET http://h20q/v1/health HTTP/1.1\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\n\r\n", "CONNECT h20q:80 HTTP/1.1\r\n\r\n", " GET /v1/health HTTP/1.1\r\n\r\n",
            "\r\n\r\nGET /v1/health HTTP/1.1\r\n\r\n", "GET /v1/health#fragment HTTP/1.1\r\n\r\n",
            "GET v1/health HTTP/1.1\r\n\r\n", "GET /v1/he\0alth HTTP/1.1\r\n\r\n", "GET /v1/health HTTP/1.1",
            "HTTP/1.1 200 OK\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "GET /v1/search?q=a b HTTP/1.1\r\n\r\n",
            "GET /v1/search?q=\u{1F4C8} HTTP/1.1\r\n\r\n", "GET \r\n\r\n", " \r\n\r\n", "\0\0\0\0\r\n\r\n",
            "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}",
            String(repeating: "G", count: 10_000) + " / HTTP/1.1\r\n\r\n",
            "GET " + String(repeating: "/", count: 9_000) + " HTTP/1.1\r\n\r\n",
            "GET /v1/health HTTP/1.1" + String(repeating: " ", count: 9_000) + "\r\n\r\n",
            "GET /v1/health?" + String(repeating: "&", count: 7_000) + " HTTP/1.1\r\n\r\n",
            "GET /v1/search?q=" + String(repeating: "%", count: 3_000) + " HTTP/1.1\r\n\r\n",
        ]
        if random.next(below: 3) == 0 {
            // A good request with a few bytes changed, added or dropped.
            var bytes = Array("GET /v1/search?q=chips&limit=3 HTTP/1.1\r\nHost: h20q\r\n\r\n".utf8)
            for _ in 0...random.next(below: 4) {
                let at = random.next(below: bytes.count)
                switch random.next(below: 3) {
                case 0: bytes[at] = byte()
                case 1: bytes.insert(byte(), at: at)
                default: bytes.remove(at: at)
                }
            }
            return Case(kind: "request line, mutated", pieces: [bytes])
        }
        return Case(kind: "request line", pieces: [Array(pick(lines).utf8)])
    }

    private mutating func brokenHeaders() -> Case {
        let target = pick(["/v1/health", "/v1/stats", "/v1/search?q=chips", "/v1/clusters"])
        var head = "GET \(target) HTTP/1.1\r\n"
        let kinds = [
            "many", "giant", "no colon", "NUL", "folded", "non-ASCII", "lengths", "no host", "hosts", "spaced name",
            "empty name", "long name", "expect", "upgrade",
        ]
        let kind = pick(kinds)
        var body = ""
        switch kind {
        case "many":
            for index in 0..<(1 + random.next(below: 3_000)) { head += "X-\(index): \(index)\r\n" }
        case "giant": head += "X-Giant: " + String(repeating: "g", count: 100 + random.next(below: 40_000)) + "\r\n"
        case "no colon": head += "Host: h20q\r\nThis line has no colon\r\n"
        case "NUL": head += pick(["Host: h\0q\r\n", "X-\0: a\r\n", "X-A: \0\0\0\r\n"])
        case "folded": head += "Host: h20q\r\nX-A: a\r\n  continued\r\n\tand again\r\n"
        case "non-ASCII": head += pick(["Ünïcode: x\r\n", "X-Emoji: \u{1F4C8}\r\n", "X-A: \u{FF}\u{FE}\r\n"])
        case "lengths":
            let value = pick([
                "-1", "abc", "99999999999999999999", " 5", "5, 5", "5\r\nContent-Length: 6", "0\r\nContent-Length: 9",
                "3\r\nTransfer-Encoding: chunked", "0x10", "1e3", "",
            ])
            head += "Host: h20q\r\nContent-Length: \(value)\r\n"
            body = String(repeating: "b", count: random.next(below: 12))
        case "no host": break
        case "hosts": for _ in 0..<50 { head += "Host: h20q\r\n" }
        case "spaced name": head += "X Y: z\r\nX-Z : z\r\n"
        case "empty name": head += ": value\r\n"
        case "long name": head += String(repeating: "N", count: 100 + random.next(below: 20_000)) + ": v\r\n"
        case "expect": head += "Host: h20q\r\nExpect: 100-continue\r\nContent-Length: 4\r\n"
        default:
            head +=
                "Host: h20q\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n"
        }
        return Case(kind: "headers, \(kind)", pieces: [Array((head + "\r\n" + body).utf8)])
    }

    private mutating func chunkedBody() -> Case {
        let head = "GET /v1/stats HTTP/1.1\r\nHost: h20q\r\nTransfer-Encoding: chunked\r\n\r\n"
        var body = ""
        let kind = pick(["valid", "valid", "large", "cut short", "lying size", "lying size", "bad size", "no CRLF"])
        let chunks = 1 + random.next(below: 5)
        for index in 0..<chunks {
            let size = kind == "large" ? random.next(below: 30_000) : random.next(below: 300)
            let data = String(repeating: pick(["a", "z", "\r", "\n", "0"]), count: size).prefix(size)
            let last = index == chunks - 1
            switch kind {
            case "lying size" where last:
                let declared = max(0, size + pick([-3, -1, 1, 7, 100_000]))
                body += String(declared, radix: 16) + "\r\n" + data + "\r\n"
            case "bad size" where last:
                body +=
                    pick(["zz", "-5", "0x10", "ffffffffffffffffffff", " 5", "5 ", "", "1;", "\u{1F4C8}"]) + "\r\n"
                    + data
                    + "\r\n"
            case "no CRLF" where last:
                body += String(size, radix: 16) + "\r\n" + data
            default:
                let extensionText = random.next(below: 4) == 0 ? ";name=value" : ""
                body += String(data.utf8.count, radix: 16) + extensionText + "\r\n" + data + "\r\n"
            }
        }
        if kind != "lying size" && kind != "bad size" && kind != "no CRLF" {
            body += "0\r\n" + (random.next(below: 3) == 0 ? "X-Trailer: t\r\n" : "") + "\r\n"
        }
        var bytes = Array((head + body).utf8)
        if kind == "cut short" { bytes = Array(bytes.prefix(head.utf8.count + random.next(below: body.utf8.count))) }
        return Case(kind: "chunked, \(kind)", pieces: [bytes])
    }

    private mutating func randomBytes() -> Case {
        let count = 1 + random.next(below: 4_096)
        switch random.next(below: 3) {
        case 0:
            return Case(kind: "random bytes", pieces: [(0..<count).map { _ in byte() }])
        case 1:
            let text = (0..<count).map { _ in
                random.next(below: 20) == 0 ? "\r\n" : String(UnicodeScalar(UInt8(32 + random.next(below: 95))))
            }
            return Case(kind: "random text", pieces: [Array(text.joined().utf8)])
        default:
            return Case(
                kind: "random after a request line",
                pieces: [Array("GET / HTTP/1.1\r\n".utf8) + (0..<count).map { _ in byte() }])
        }
    }

    private mutating func pipelined() -> Case {
        var bytes: [UInt8] = []
        var bodiless: Set<Int> = []
        for index in 0..<(2 + random.next(below: 3)) {
            var request = hostileQuery()
            if random.next(below: 3) == 0 {
                request = Case(kind: "", pieces: [Array("GET /v1/search?q=chips HTTP/1.1\r\nHost: h20q\r\n\r\n".utf8)])
            }
            if !request.bodiless.isEmpty { bodiless.insert(index) }
            bytes += request.pieces.flatMap { $0 }
        }
        return Case(kind: "pipelined", pieces: [bytes], bodiless: bodiless)
    }

    // MARK: parts

    /// A request target for the API's paths with a query string no client should send.
    private mutating func hostileTarget() -> String {
        let paths = [
            "/v1/search", "/v1/search", "/v1/search", "/v1/clusters", "/v1/health", "/v1/stats",
            "/v1/stories/" + value(), "/v1/clusters/" + value(),
        ]
        var target = pick(paths)
        let names = [
            "q", "q", "q", "limit", "offset", "all", "source", "since", "until", "min_size", "bogus", "", "%", "q%00",
        ]
        var items: [String] = []
        for _ in 0..<random.next(below: 6) {
            let name = random.next(below: 10) == 0 ? value() : pick(names)
            items.append(random.next(below: 8) == 0 ? name : name + "=" + value())
        }
        if !items.isEmpty || random.next(below: 2) == 0 {
            target += "?" + items.joined(separator: pick(["&", "&", "&", "&&", ";"])) + pick(["", "", "&", "#x"])
        }
        return target
    }

    /// A query value: a few pieces of words, FTS5 syntax, bad percent-encoding, raw bytes
    /// and emoji, sometimes thousands of characters long.
    private mutating func value() -> String {
        let pieces = [
            "chips", "export", "licence", "the", "a", "weather", "+", "%20", " ", "&", "=", "?", "/", "%2F",
            "\"", "*", "NEAR(", "NEAR(chips export, 5)", "OR", "AND", "NOT", "(", ")", "^", "title:", "body:",
            "{title body}:", ":", "-", "col:(", "\"\"", "AND+AND", "NEAR/3", "chips*", "*chips", "%22", "%2A",
            "%", "%z", "%4", "%zz", "%C3%28", "%FF", "%00", "%ED%A0%80", "%F4%90%80%80", "%25", "%%", "%C0%AF",
            "%E2%82", "\0", "\u{1F4C8}", "\u{1F1FA}\u{1F1F8}", "é", "e\u{301}", "\u{FEFF}", "\u{202E}",
            DaemonClient.encode("\u{1F4C8} \u{2713}"), "-1", "0", "1", "1000", "1001", "99999999999999999999",
            "1e3", "0x10", "\u{FF11}", "2025-08-13", "2025-13-45", "yesterday", "2025-08-13T25:00:00Z", "true",
            "maybe",
        ]
        var text = ""
        for _ in 0...random.next(below: 6) {
            if random.next(below: 25) == 0 {
                let unit = pick(["a+", "x", "chips+OR+", "%22", "%41", "\u{1F4C8}", "NEAR("])
                text += String(repeating: unit, count: 100 + random.next(below: 3_000))
            } else {
                text += pick(pieces)
            }
        }
        return text
    }

    /// `bytes` cut into one to four pieces at random places.
    private mutating func split(_ bytes: [UInt8]) -> [[UInt8]] {
        guard bytes.count > 1 else { return [bytes] }
        let cuts = Set((0..<random.next(below: 4)).map { _ in 1 + random.next(below: bytes.count - 1) }).sorted()
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts {
            pieces.append(Array(bytes[start..<cut]))
            start = cut
        }
        pieces.append(Array(bytes[start...]))
        return pieces
    }

    private mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: random.next()) }

    private mutating func pick<T>(_ items: [T]) -> T { items[random.next(below: items.count)] }
}
