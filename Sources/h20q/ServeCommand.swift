import ArgumentParser
import Foundation
import H20QServer
import H20QStore
import Logging
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer searches over HTTP on a Unix socket, until SIGTERM or SIGINT.",
        discussion: """
            The API (docs/openapi.yaml): GET /v1/search, /v1/stories/ID, /v1/clusters, \
            /v1/clusters/ID, /v1/stats, /v1/health; JSON as the commands' --json prints it. \
            Try: curl --unix-socket Index/h20q.sock http://h20q/v1/search?q=remote+shutdown

            The socket is --socket, else $H20Q_SOCKET, else h20q.sock in the index folder; it is \
            owner-only (0600) unless --socket-mode says otherwise. The daemon's user and root are \
            served; other users get 403 unless --allow-group names their group. search, show, dupes \
            and stats ask the daemon when it answers. Logs go to standard error.

            Exit status: 0 after a signal, 1 when a daemon already answers on the socket, 2 when \
            the daemon cannot start.
            """)

    @OptionGroup var options: IndexOptions

    @Option(
        help: ArgumentHelp(
            "Socket path (default: $H20Q_SOCKET, else h20q.sock in the index folder).", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Permissions of the socket file, in octal (default: 0600).", valueName: "mode"))
    var socketMode: String?

    @Option(help: ArgumentHelp("Also serve members of this group (name or number).", valueName: "group"))
    var allowGroup: String?

    @Option(help: "Bytes of the request line (past it: 414).")
    var maxRequestLine = ServerLimits().requestLineBytes

    @Option(help: "Bytes of the request headers (past them: 431).")
    var maxHeaderBytes = ServerLimits().headerBytes

    @Option(help: "Bytes of a request body, read and dropped (past them: 413).")
    var maxBodyBytes = ServerLimits().bodyBytes

    @Option(help: "Largest limit a request may ask for (1 to \(QueryAPI.maximumLimit); past it: 400).")
    var maxResults = ServerLimits().results

    @Option(help: "Connections served at once (more wait to be accepted).")
    var maxConnections = ServerLimits().connections

    @Option(
        help: ArgumentHelp("Seconds from a request's first byte to its last (past them: 408).", valueName: "seconds"))
    var readTimeout = ServerLimits().readTimeout

    @Option(help: ArgumentHelp("Seconds a kept-alive connection may wait for its next request.", valueName: "seconds"))
    var idleTimeout = ServerLimits().idleTimeout

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        if socketMode != nil, mode == nil {
            throw ValidationError("--socket-mode must be an octal mode such as 0660 (got \(socketMode!))")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (1...QueryAPI.maximumLimit).contains(maxResults) else {
            throw ValidationError("--max-results must be between 1 and \(QueryAPI.maximumLimit) (got \(maxResults))")
        }
        for (name, value) in [
            ("--max-request-line", maxRequestLine), ("--max-header-bytes", maxHeaderBytes),
            ("--max-body-bytes", maxBodyBytes), ("--max-connections", maxConnections),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1 (got \(value))")
        }
        for (name, value) in [("--read-timeout", readTimeout), ("--idle-timeout", idleTimeout)]
        where !(value > 0 && value <= 86_400) {
            throw ValidationError("\(name) must be between 0 and 86400 seconds (got \(value))")
        }
    }

    private var mode: mode_t? {
        socketMode.flatMap { mode_t($0, radix: 8) }.flatMap { $0 <= 0o777 ? $0 : nil }
    }

    func run() throws {
        var policy = PeerPolicy(owner: getuid())
        if let allowGroup {
            guard let group = PeerPolicy.group(named: allowGroup) else {
                throw fail("--allow-group: no group \"\(allowGroup)\"")
            }
            policy.allowedGroup = group
        }
        var limits = ServerLimits()
        limits.requestLineBytes = maxRequestLine
        limits.headerBytes = maxHeaderBytes
        limits.bodyBytes = maxBodyBytes
        limits.results = maxResults
        limits.connections = maxConnections
        limits.readTimeout = readTimeout
        limits.idleTimeout = idleTimeout
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "h20q")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let location = options.location
        let daemon = Daemon(
            index: location,
            socket: DaemonSocket.resolve(
                option: socket, environment: ProcessInfo.processInfo.environment, index: location),
            socketMode: mode, policy: policy, limits: limits, logger: logger)
        let outcome = Mutex<DaemonError?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(DaemonError) {
                try await daemon.run()
            } catch {
                outcome.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.withLock({ $0 }) {
            throw fail(error.message, status: error.code == .running ? ExitStatus.partial : ExitStatus.failure)
        }
    }
}
