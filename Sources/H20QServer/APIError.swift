/// A request the API refuses, with its status and a body of the shape every error has:
///
///     APIError.notFound("no story with id \"x\"").response
///         -> 404 {"error": {"code": "not_found", "message": "no story with id \"x\""}}
package struct APIError: Error, Sendable, Equatable {
    package var status: Int
    package var code: String
    /// What is wrong, in the words the CLI prints for the same mistake.
    package var message: String

    package init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    package static func badParameter(_ message: String) -> APIError {
        APIError(status: 400, code: "bad_parameter", message: message)
    }
    package static func invalidQuery(_ message: String) -> APIError {
        APIError(status: 400, code: "invalid_query", message: message)
    }
    package static func malformed(_ message: String) -> APIError {
        APIError(status: 400, code: "malformed_request", message: message)
    }
    package static func forbidden(_ message: String) -> APIError {
        APIError(status: 403, code: "forbidden", message: message)
    }
    package static func notFound(_ message: String) -> APIError {
        APIError(status: 404, code: "not_found", message: message)
    }
    package static func methodNotAllowed(_ method: String) -> APIError {
        APIError(status: 405, code: "method_not_allowed", message: "\(method) is not allowed here: use GET")
    }
    package static let requestTimeout = APIError(
        status: 408, code: "request_timeout", message: "the request did not arrive within the read timeout")
    package static func contentTooLarge(limit: Int) -> APIError {
        APIError(status: 413, code: "body_too_large", message: "the request body is over \(limit) bytes")
    }
    package static func uriTooLong(limit: Int) -> APIError {
        APIError(status: 414, code: "uri_too_long", message: "the request line is over \(limit) bytes")
    }
    package static func headersTooLarge(limit: Int) -> APIError {
        APIError(status: 431, code: "headers_too_large", message: "the request headers are over \(limit) bytes")
    }
    package static func unavailable(_ message: String) -> APIError {
        APIError(status: 503, code: "index_unavailable", message: message)
    }
    static func internalFailure(_ message: String) -> APIError {
        APIError(status: 500, code: "internal", message: message)
    }

    package var response: APIResponse {
        let envelope = Envelope(error: Envelope.Detail(code: code, message: message))
        // Two strings always encode; the fallback only keeps the compiler content.
        let body = (try? JSONBody.encode(envelope)) ?? Array("{\"error\":{}}\n".utf8)
        return APIResponse(status: status, body: body, allow: status == 405 ? "GET" : nil)
    }

    private struct Envelope: Encodable {
        var error: Detail
        struct Detail: Encodable {
            var code: String
            var message: String
        }
    }
}
