import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 connection with the daemon's guards in front: the peer check
/// (`SO_PEERCRED`, once per connection), the byte limits and clocks of `RequestHeadGuard`, and
/// `RequestGate`.
struct DaemonChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let limits: ServerLimits
    let policy: PeerPolicy
    let logger: Logger

    var responder: HTTPChannelHandler.Responder { http1.responder }

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ServerLimits, policy: PeerPolicy, logger: Logger) {
        // The parser's own limits stay above the guard's, so that the guard answers first.
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: max(80 * 1024, limits.requestLineBytes + limits.headerBytes),
            maxHeaderListSize: max(80 * 1024, limits.requestLineBytes + limits.headerBytes))
        http1 = HTTP1Channel(
            responder: responder, configuration: .init(idleTimeout: nil, httpDecoderConfiguration: decoder))
        self.limits = limits
        self.policy = policy
        self.logger = logger
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let peer: EventLoopFuture<PeerCredentials.Layout>
        if let provider = channel as? any SocketOptionProvider {
            peer = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        } else {
            peer = channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        let (limits, policy, daemonLogger, http1) = (self.limits, self.policy, self.logger, self.http1)
        return peer.map(Optional.some).recover { _ in nil }.flatMap { layout in
            http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
                let refusal = Self.refusal(layout.map(PeerCredentials.init), policy)
                if let refusal { daemonLogger.info("peer refused: \(refusal.message)") }
                let operations = channel.pipeline.syncOperations
                let headGuard = RequestHeadGuard(limits: limits, logger: daemonLogger)
                try operations.addHandler(headGuard, position: .first)
                let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
                try operations.addHandler(
                    RequestGate(headGuard: headGuard, limits: limits, refusal: refusal), position: .after(decoder))
                return value
            }
        }
    }

    /// The connection's task runs on its channel's event loop (see `EventLoopTaskExecutor`);
    /// everything else, the accept loop among it, stays on Swift's cooperative pool.
    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await http1.handle(value: value, logger: logger)
        }
    }

    /// Why `peer` is not served, or nil when it is.
    static func refusal(_ peer: PeerCredentials?, _ policy: PeerPolicy) -> APIError? {
        guard let peer else { return .forbidden("the daemon cannot tell who is asking (no SO_PEERCRED)") }
        if policy.allows(peer) { return nil }
        return .forbidden(
            "uid \(peer.uid) may not use this daemon: it serves its own user, root, and --allow-group members")
    }
}
