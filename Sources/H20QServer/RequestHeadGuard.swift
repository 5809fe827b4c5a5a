import Logging
import NIOCore

/// The first handler of a connection, on its raw bytes: it enforces the request line and
/// header limits before the HTTP parser buffers anything (414, 431), and the clocks — the read
/// timeout from a request's first byte to its last (408), the idle timeout between keep-alive
/// requests — so that a client that sends nothing, or a byte a second, gives its slot back.
///
///     socket -> RequestHeadGuard -> HTTP decoder -> RequestGate -> QueryHandler
///
/// `RequestGate` tells it where requests and responses begin and end.
final class RequestHeadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        /// No byte of the next request yet; `first` on a new connection.
        case waiting(first: Bool)
        /// Reading a request head: bytes so far, and those of its request line once it ended.
        case head(started: NIODeadline, bytes: Int, lineBytes: Int?, tail: UInt32)
        /// Head read; its body (if any) is coming.
        case body(started: NIODeadline)
        /// The whole request is in; the answer is being made.
        case responding
        case closed
    }

    private let limits: ServerLimits
    private let logger: Logger
    private var phase = Phase.waiting(first: true)
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    /// The daemon is stopping: the request being read (if any) is answered, then the
    /// connection closes.
    private(set) var stopping = false

    init(limits: ServerLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        arm(after: limits.readTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        phase = .closed
        timer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        switch phase {
        case .closed:
            return
        case .waiting:
            phase = .head(started: .now(), bytes: 0, lineBytes: nil, tail: 0)
            arm(after: limits.readTimeout)
        case .head, .body, .responding:
            break
        }
        if case .head(let started, var bytes, var lineBytes, var tail) = phase {
            var refusal: APIError?
            buffer.withUnsafeReadableBytes { raw in
                for byte in raw {
                    bytes += 1
                    tail = tail << 8 | UInt32(byte)
                    if lineBytes == nil {
                        if byte == UInt8(ascii: "\n") {
                            lineBytes = bytes
                        } else if bytes > limits.requestLineBytes {
                            refusal = .uriTooLong(limit: limits.requestLineBytes)
                            return
                        }
                    } else if bytes - lineBytes! > limits.headerBytes {
                        refusal = .headersTooLarge(limit: limits.headerBytes)
                        return
                    }
                    // CR LF CR LF, or LF LF: the head is complete; what follows is not scanned.
                    if tail == 0x0D0A_0D0A || tail & 0xFFFF == 0x0A0A, lineBytes.map({ bytes > $0 }) == true {
                        phase = .body(started: started)
                        return
                    }
                }
                phase = .head(started: started, bytes: bytes, lineBytes: lineBytes, tail: tail)
            }
            if let refusal {
                refuse(refusal)
                return
            }
        }
        context.fireChannelRead(data)
    }

    /// The daemon stops (`ChannelShouldQuiesceEvent`): an idle connection closes now, one with
    /// a request under way after its answer (`QueryHandler` reads `stopping`).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else { return context.fireUserInboundEventTriggered(event) }
        stopping = true
        if case .waiting = phase {
            phase = .closed
            timer?.cancel()
            context.close(promise: nil)
        }
    }

    /// The parser has a request head: the read timeout runs on until its end.
    func requestStarted() {
        switch phase {
        case .waiting:
            phase = .body(started: .now())
            arm(after: limits.readTimeout)
        case .head(let started, _, _, _):
            phase = .body(started: started)
        case .body, .responding, .closed:
            break
        }
    }

    /// The whole request is in: no clock runs while it is answered.
    func requestComplete() {
        guard case .closed = phase else {
            phase = .responding
            timer?.cancel()
            timer = nil
            return
        }
    }

    /// The answer is sent: the connection may now idle until its next request.
    func responseComplete() {
        guard case .responding = phase else { return }
        phase = .waiting(first: false)
        arm(after: limits.idleTimeout)
    }

    /// Answers `error` and closes the connection (only closes it if an answer is being written).
    func refuse(_ error: APIError) {
        guard let context else { return }
        if case .closed = phase { return }
        let answering: Bool
        if case .responding = phase { answering = true } else { answering = false }
        phase = .closed
        timer?.cancel()
        logger.info("refused: \(error.status) \(error.message)")
        if !answering { context.writeAndFlush(wrapOutboundOut(RawResponse.bytes(for: error)), promise: nil) }
        context.close(promise: nil)
    }

    private func arm(after seconds: Double) {
        timer?.cancel()
        guard let context else { return }
        let deadline: NIODeadline
        switch phase {
        case .head(let started, _, _, _), .body(let started):
            deadline = started + .nanoseconds(Int64(seconds * 1e9))
        default:
            deadline = .now() + .nanoseconds(Int64(seconds * 1e9))
        }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timer = nil
            expire()
        }
    }

    private func expire() {
        switch phase {
        case .waiting:
            // Nothing was asked: nothing to answer.
            phase = .closed
            context?.close(promise: nil)
        case .head, .body:
            refuse(.requestTimeout)
        case .responding, .closed:
            break
        }
    }
}
