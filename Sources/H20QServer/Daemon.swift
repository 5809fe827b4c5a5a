import Foundation
import H20QStore
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// `h20q serve`: the query API over HTTP/1.1 on a Unix socket, until SIGTERM or SIGINT.
///
///     try await Daemon(index: IndexLocation(folder: "Index"), socket: "Index/h20q.sock").run()
///
/// Before it binds it locks `<socket>.lock` and tries to connect: a live daemon is left alone
/// (`DaemonError.running`), a stale socket file replaced. The socket is created under umask
/// 177, so it is never wider than owner-only (0600), then given `socketMode` if there is one. On a
/// signal it stops accepting, finishes what is in flight (the read timeout bounds a slow
/// client), removes the socket file and returns.
public struct Daemon: Sendable {
    public var index: IndexLocation
    public var socket: String
    /// Permissions of the socket file; owner-only (0600) unless given.
    public var socketMode: mode_t?
    public var policy: PeerPolicy
    public var limits: ServerLimits
    public var logger: Logger

    public init(
        index: IndexLocation, socket: String, socketMode: mode_t? = nil, policy: PeerPolicy? = nil,
        limits: ServerLimits = ServerLimits(), logger: Logger = Logger(label: "h20q")
    ) {
        self.index = index
        self.socket = socket
        self.socketMode = socketMode
        self.policy = policy ?? PeerPolicy(owner: getuid())
        self.limits = limits
        self.logger = logger
    }

    public func run() async throws(DaemonError) {
        if let problem = DaemonSocket.problem(with: socket) { throw DaemonError(.failed, problem) }
        let lock = try SocketLock(socket: socket)
        try replaceStaleSocket()
        let live = LiveIndex(index)
        let channel = DaemonChannel(
            api: QueryAPI(index: live, maximumLimit: limits.results),
            indexPath: DaemonSocket.indexHeader(index) ?? "", limits: limits, policy: policy, logger: logger)
        let (socket, socketMode, logger) = (socket, socketMode, logger)
        let server = Server(
            childChannelSetup: channel,
            configuration: ServerConfiguration(
                address: .unixDomainSocket(path: socket), serverName: "h20q",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.connections, logger: logger)),
            onServerRunning: { _ in
                Self.listening(socket: socket, mode: socketMode, live: live, logger: logger)
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Self.quiet(logger))
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.quiet(logger)))
        // Owner read-write (0600) from the moment the socket file exists: NIO creates it with
        // 0777 & ~umask. Files the daemon creates meanwhile (SQLite's -shm) are owner-only too.
        let previous = umask(0o177)
        defer { umask(previous) }
        do {
            try await services.run()
        } catch {
            throw DaemonError(.failed, "cannot serve on \(socket): \(error)")
        }
        // NIO removes the socket when the listener closes; make sure, while the lock is held.
        unlink(socket)
        logger.info("stopped: socket \(socket) removed")
        withExtendedLifetime(lock) {}
    }

    /// The socket is bound: give it its mode, and say what is served.
    private static func listening(socket: String, mode: mode_t?, live: LiveIndex, logger: Logger) {
        if let mode { chmod(socket, mode) }
        let stories: String
        do {
            stories = "\(try live.stats().stories) stories"
        } catch {
            stories = "index not readable yet: \(error.message)"
        }
        logger.info("serving index \(live.location) on \(socket) (\(stories))")
    }

    /// A socket file nobody answers on is a killed daemon's: remove it. One that answers is a
    /// live daemon's, and this one does not start.
    private func replaceStaleSocket() throws(DaemonError) {
        var status = stat()
        guard lstat(socket, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw DaemonError(.failed, "\(socket) exists and is not a socket: remove it or pass another --socket")
        }
        if DaemonClient.answers(on: socket) {
            throw DaemonError(.running, "a daemon already answers on \(socket); stop it first or pass another --socket")
        }
        logger.info("replacing the stale socket \(socket)")
        unlink(socket)
    }

    /// The server's and the service group's own lines ("Server started…") at one level below
    /// the daemon's.
    private static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        return quiet
    }
}
