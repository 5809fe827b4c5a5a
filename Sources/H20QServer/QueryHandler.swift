import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The last handler of a connection: each whole request `RequestGate` passes on is answered
/// by `QueryAPI` right here, on the connection's event loop, and written back as JSON, then
/// logged as one line (method, target, status, microseconds). No task or thread is woken
/// between reading a request and writing its answer.
///
///     RequestHeadGuard -> HTTP decoder -> RequestGate -> QueryHandler
///
/// A connection closes after an answer when the client asked for that (`Connection: close`,
/// HTTP/1.0 without keep-alive) and when the daemon is stopping.
final class QueryHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let api: QueryAPI
    private let headGuard: RequestHeadGuard
    private let logger: Logger
    /// The real path of the index served, sent as `H20Q-Index` so that a client can tell
    /// whether the daemon serves the index it means.
    private let indexPath: String
    private var head: HTTPRequestHead?
    private var date = HTTPDate()

    init(api: QueryAPI, headGuard: RequestHeadGuard, logger: Logger, indexPath: String) {
        self.api = api
        self.headGuard = headGuard
        self.logger = logger
        self.indexPath = indexPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            answer(head, context)
        }
    }

    private func answer(_ request: HTTPRequestHead, _ context: ChannelHandlerContext) {
        let started = ContinuousClock.now
        let answer = api.respond(method: request.method.rawValue, target: request.uri)
        let keepAlive = request.isKeepAlive && !headGuard.stopping
        var headers = HTTPHeaders()
        headers.reserveCapacity(7)
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "H20Q-Index", value: indexPath)
        if let allow = answer.allow { headers.add(name: "Allow", value: allow) }
        headers.add(name: "Content-Length", value: String(answer.body.count))
        headers.add(name: "Date", value: date.now())
        headers.add(name: "Server", value: "h20q")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        // An answer to HEAD announces its length and sends no body.
        if request.method != .HEAD {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: answer.body)))), promise: nil)
        }
        let elapsed = ContinuousClock.now - started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info("\(request.method.rawValue) \(request.uri.prefix(300)) \(answer.status) \(micros)us")
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            // Closed once the answer is written, not before: a large one may take several writes.
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }
}
