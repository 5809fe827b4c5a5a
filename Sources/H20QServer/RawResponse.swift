import NIOCore

/// An error response written as bytes, for refusals made before HTTP parsing has a request
/// to answer (a request line or headers too long, a client too slow, a CONNECT): the
/// connection closes.
///
///     RawResponse.bytes(for: .uriTooLong(limit: 8192)) -> "HTTP/1.1 414 URI Too Long\r\n…"
enum RawResponse {
    static func bytes(for error: APIError) -> ByteBuffer {
        let body = error.response.body
        let head =
            "HTTP/1.1 \(error.status) \(reason(error.status))\r\nContent-Type: application/json\r\n"
            + (error.response.allow.map { "Allow: \($0)\r\n" } ?? "")
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var buffer = ByteBuffer(string: head)
        buffer.writeBytes(body)
        return buffer
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 431: "Request Header Fields Too Large"
        default: "Error"
        }
    }
}
