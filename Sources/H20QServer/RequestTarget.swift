/// A request target (`/v1/stories/a%2Fb?x=1`) as decoded path segments and query items.
/// Path segments decode `%XX` only; query items also read `+` as a space, as forms send it.
///
///     try RequestTarget("/v1/search?q=remote+shutdown").segments -> ["v1", "search"]
///     try RequestTarget("/v1/search?q=remote+shutdown").query   -> [("q", "remote shutdown")]
package struct RequestTarget: Sendable {
    package var segments: [String]
    package var query: [(name: String, value: String)]

    package init(_ target: String) throws(APIError) {
        let bytes = Array(target.utf8)
        let mark = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        let path = bytes[..<mark]
        guard path.first == UInt8(ascii: "/") else {
            throw .malformed("the request target must start with /")
        }
        segments = try path.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            segment throws(APIError) in try Self.decode(segment, plusIsSpace: false)
        }
        query = []
        guard mark < bytes.endIndex else { return }
        for item in bytes[(mark + 1)...].split(separator: UInt8(ascii: "&")) {
            let equals = item.firstIndex(of: UInt8(ascii: "=")) ?? item.endIndex
            let name = try Self.decode(item[..<equals], plusIsSpace: true)
            let value = equals < item.endIndex ? try Self.decode(item[(equals + 1)...], plusIsSpace: true) : ""
            query.append((name, value))
        }
    }

    /// `%XX` escapes decoded; the result must be UTF-8.
    static func decode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) throws(APIError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else {
                    throw .malformed(
                        "bad percent-encoding in the request target (a % must be followed by two hex digits)")
                }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw .malformed("the request target does not decode to UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
