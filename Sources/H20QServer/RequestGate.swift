import Logging
import NIOCore
import NIOHTTP1

/// Stands between the HTTP parser and Hummingbird: a request goes on only once it is wholly
/// read (its body, which no route takes, read and dropped up to the limit: past it, 413), and
/// only from a peer the policy allows (else 403). A request the parser rejects gets a JSON 400
/// rather than an empty one. It tells `RequestHeadGuard` where requests and answers end.
final class RequestGate: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let headGuard: RequestHeadGuard
    private let limits: ServerLimits
    /// Why the peer is refused; nil when it is served.
    private let refusal: APIError?
    private var held: HTTPRequestHead?
    private var bodyBytes = 0
    /// A request was passed on and its answer is not complete yet.
    private var answering = false

    init(headGuard: RequestHeadGuard, limits: ServerLimits, refusal: APIError?) {
        self.headGuard = headGuard
        self.limits = limits
        self.refusal = refusal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            headGuard.requestStarted()
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            guard declared <= limits.bodyBytes else {
                return refuse(.contentTooLarge(limit: limits.bodyBytes), context)
            }
            held = head
            bodyBytes = 0
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            guard bodyBytes <= limits.bodyBytes else {
                return refuse(.contentTooLarge(limit: limits.bodyBytes), context)
            }
        case .end:
            guard let head = held else { return }
            held = nil
            headGuard.requestComplete()
            if let refusal { return refuse(refusal, context) }
            answering = true
            context.fireChannelRead(wrapInboundOut(.head(head)))
            context.fireChannelRead(wrapInboundOut(.end(nil)))
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            answering = false
            context.write(data, promise: promise)
            headGuard.responseComplete()
        } else {
            context.write(data, promise: promise)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else { return context.fireErrorCaught(error) }
        refuse(.malformed("malformed HTTP request (\(error))"), context)
    }

    /// Answers `error` and closes; mid-answer (a pipelined request went wrong) it only closes.
    private func refuse(_ error: APIError, _ context: ChannelHandlerContext) {
        if answering {
            headGuard.refuse(error)
            return
        }
        headGuard.requestComplete()
        let body = error.response.body
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(
                .head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: error.status), headers: headers))),
            promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        headGuard.refuse(error)  // logs, and closes without writing again: it is answering
    }
}
