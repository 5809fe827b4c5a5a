import ArgumentParser
import Foundation
import H20QServer
import H20QStore

/// `--direct` and `--socket PATH`, for the commands that ask the daemon when it answers.
struct DaemonOptions: ParsableArguments {
    @Flag(help: "Read the index in this process, even when a daemon answers.")
    var direct = false

    @Option(
        help: ArgumentHelp(
            "Daemon socket (default: $H20Q_SOCKET, else h20q.sock in the index folder).", valueName: "path"))
    var socket: String?

    /// The daemon's answer to `GET target`, or nil when the index is to be read here: with
    /// `--direct`, when no daemon answers, when it serves another index, when it is gone
    /// mid-request or cannot read the index itself (the direct path then says why).
    func ask(_ target: String, index: IndexLocation, client: inout DaemonClient?) -> DaemonClient.Reply? {
        guard !direct else { return nil }
        if client == nil {
            let path = DaemonSocket.resolve(
                option: socket, environment: ProcessInfo.processInfo.environment, index: index)
            guard DaemonSocket.problem(with: path) == nil else { return nil }
            client = DaemonClient(socket: path)
        }
        guard let reply = try? client!.get(target), reply.status < 500 else { return nil }
        guard let served = reply.headers["h20q-index"], served == DaemonSocket.indexHeader(index) else { return nil }
        return reply
    }
}

/// The message of a daemon's error answer, `{"error": {"code": …, "message": …}}`.
func errorMessage(_ reply: DaemonClient.Reply) -> String {
    errorDetail(reply)?.message ?? "the daemon refused the request (status \(reply.status))"
}

/// The code of a daemon's error answer (`invalid_query`, `not_found`…).
func errorCode(_ reply: DaemonClient.Reply) -> String? {
    errorDetail(reply)?.code
}

private struct ErrorEnvelope: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
    }
    var error: Detail
}

private func errorDetail(_ reply: DaemonClient.Reply) -> ErrorEnvelope.Detail? {
    try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(reply.body)).error
}
