import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// One client connection of the daemon: NIO's HTTP/1.1 parser and encoder with the daemon's
/// handlers around them, set up for each connection Hummingbird's server accepts.
///
///     socket -> RequestHeadGuard -> HTTP decoder -> RequestGate -> QueryHandler
///
/// The peer is checked once (`SO_PEERCRED`); `RequestHeadGuard` keeps the byte limits and
/// clocks, `RequestGate` lets through only whole requests from a peer allowed, and
/// `QueryHandler` answers each on the connection's event loop.
struct DaemonChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
    }

    let api: QueryAPI
    let indexPath: String
    let limits: ServerLimits
    let policy: PeerPolicy
    let logger: Logger

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let peer: EventLoopFuture<PeerCredentials.Layout>
        if let provider = channel as? any SocketOptionProvider {
            peer = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        } else {
            peer = channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        let (api, indexPath, limits, policy, daemonLogger) = (api, indexPath, limits, policy, self.logger)
        return peer.map(Optional.some).recover { _ in nil }.flatMapThrowing { layout in
            let refusal = Self.refusal(layout.map(PeerCredentials.init), policy)
            if let refusal { daemonLogger.info("peer refused: \(refusal.message)") }
            // The parser's own limits stay above the guard's, so that the guard answers first.
            var parserLimits = NIOHTTPDecoderLimitConfiguration()
            parserLimits.maxHeaderFieldSize = max(80 * 1024, limits.requestLineBytes + limits.headerBytes)
            parserLimits.maxHeaderListSize = parserLimits.maxHeaderFieldSize
            let operations = channel.pipeline.syncOperations
            try operations.configureHTTPServerPipeline(
                withPipeliningAssistance: false,  // each request is answered before the next is read
                withErrorHandling: false,  // RequestGate answers the parser's errors
                withOutboundHeaderValidation: false,  // QueryHandler writes only fixed names and values it made
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: parserLimits)
            let headGuard = RequestHeadGuard(limits: limits, logger: daemonLogger)
            try operations.addHandler(headGuard, position: .first)
            try operations.addHandler(RequestGate(headGuard: headGuard, limits: limits, refusal: refusal))
            try operations.addHandler(
                QueryHandler(api: api, headGuard: headGuard, logger: daemonLogger, indexPath: indexPath))
            return Value(channel: channel)
        }
    }

    /// The connection is served by its handlers; its task only waits for it to close.
    func handle(value: Value, logger: Logger) async {
        try? await value.channel.closeFuture.get()
    }

    /// Why `peer` is not served, or nil when it is.
    static func refusal(_ peer: PeerCredentials?, _ policy: PeerPolicy) -> APIError? {
        guard let peer else { return .forbidden("the daemon cannot tell who is asking (no SO_PEERCRED)") }
        if policy.allows(peer) { return nil }
        return .forbidden(
            "uid \(peer.uid) may not use this daemon: it serves its own user, root, and --allow-group members")
    }
}
