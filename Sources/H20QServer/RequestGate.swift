import Logging
import NIOCore
import NIOHTTP1

/// Stands between the HTTP parser and `QueryHandler`: a request goes on only once it is wholly
/// read (its body, which no route takes, read and dropped up to the limit: past it, 413), and
/// only from a peer the policy allows (else 403). A request the parser rejects gets a JSON 400
/// rather than an empty one; a CONNECT is refused (405), and a request to switch protocols is
/// answered and its connection closed, since the parser reads nothing after either. When a
/// pipelined request goes wrong, the answers to those before it go out first, then the
/// refusal. It tells `RequestHeadGuard` where requests and answers end.
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
    /// Requests passed on whose answers are not complete yet (more than one when pipelined).
    private var inFlight = 0
    /// A refusal waiting for the answers in flight: a pipelined request went wrong. Nothing
    /// more is read meanwhile.
    private var deferred: APIError?

    init(headGuard: RequestHeadGuard, limits: ServerLimits, refusal: APIError?) {
        self.headGuard = headGuard
        self.limits = limits
        self.refusal = refusal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard deferred == nil else { return }
        switch unwrapInboundIn(data) {
        case .head(var head):
            headGuard.requestStarted()
            if head.method == .CONNECT {
                // The parser takes a CONNECT for the start of a tunnel and reads nothing after
                // it, and NIO's encoder strips the body of any answer to it: the refusal goes
                // out as raw bytes, before the encoder, and the connection closes.
                return refuseRaw(.methodNotAllowed(head.method.rawValue))
            }
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            guard declared <= limits.bodyBytes else {
                return refuse(.contentTooLarge(limit: limits.bodyBytes), context)
            }
            if Self.asksToUpgrade(head) {
                // The parser reads nothing after a request to switch protocols (h2c, WebSocket),
                // which no route grants: the request is answered as it is, and the connection
                // closes after it rather than idling with whatever followed unread.
                head.headers.remove(name: "upgrade")
                head.headers.replaceOrAdd(name: "connection", value: "close")
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
            inFlight += 1
            context.fireChannelRead(wrapInboundOut(.head(head)))
            context.fireChannelRead(wrapInboundOut(.end(nil)))
        }
    }

    /// Whether the parser takes `head` for a switch of protocols: an `Upgrade` header, and
    /// `upgrade` among the tokens of `Connection`.
    static func asksToUpgrade(_ head: HTTPRequestHead) -> Bool {
        guard head.headers.contains(name: "upgrade") else { return false }
        return head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "upgrade" }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            inFlight -= 1
            context.write(data, promise: promise)
            guard inFlight == 0 else { return }
            headGuard.responseComplete()
            if let refusal = deferred {
                // The answers before it are written: now the refusal, and the connection closes.
                headGuard.refuse(refusal)
            }
        } else {
            context.write(data, promise: promise)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else { return context.fireErrorCaught(error) }
        refuse(.malformed("malformed HTTP request (\(error))"), context)
    }

    /// Answers `error` and closes; mid-answer (a pipelined request went wrong) once the answers
    /// in flight are out.
    private func refuse(_ error: APIError, _ context: ChannelHandlerContext) {
        guard inFlight == 0 else { return refuseRaw(error) }
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

    /// Answers `error` as raw bytes, past the encoder, and closes: now, or after the answers
    /// in flight.
    private func refuseRaw(_ error: APIError) {
        if inFlight > 0 {
            deferred = deferred ?? error
        } else {
            headGuard.refuse(error)
        }
    }
}
