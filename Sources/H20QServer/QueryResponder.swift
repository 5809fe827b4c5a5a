import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The daemon's one Hummingbird route: every request goes to `QueryAPI`, which routes it
/// (so that routing is tested without a socket), and its answer goes back as JSON, logged as
/// one line: method, target, status, microseconds.
struct QueryResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let api: QueryAPI
    let logger: Logger
    /// The real path of the index served, sent as `H20Q-Index` so that a client can tell
    /// whether the daemon serves the index it means.
    let indexPath: String

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let target = request.head.path ?? "/"
        let answer = api.respond(method: request.method.rawValue, target: target)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let name = HTTPField.Name("H20Q-Index") { headers[name] = indexPath }
        if let allow = answer.allow { headers[.allow] = allow }
        let elapsed = ContinuousClock.now - started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info("\(request.method.rawValue) \(target.prefix(300)) \(answer.status) \(micros)us")
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
