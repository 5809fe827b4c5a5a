import Foundation
import H20QFixtures
import H20QServer
import Synchronization

/// `h20q serve` running in the background on a socket of its own, for a test to talk to.
///
///     let daemon = try ServingDaemon(index: folder.index)
///     try daemon.client().get("/v1/health").status -> 200
final class ServingDaemon {
    let socket: String
    let process = Process()
    private let errors = Pipe()

    /// Starts the daemon and returns once its socket answers (or it has exited).
    init(index: String, socket: String? = nil, arguments: [String] = []) throws {
        self.socket = socket ?? index + "/h20q.sock"
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = ["serve", "--index", index, "--socket", self.socket] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["H20Q_INDEX"] = nil
        environment["H20Q_SOCKET"] = nil
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        try waitUntilAnswering()
        // Drain the rest of the log as it comes, so that a full pipe never stalls the daemon.
        let (errors, drain) = (errors, drain)
        Thread.detachNewThread {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            drain.text.withLock { $0 = String(decoding: data, as: UTF8.self) }
            drain.done.signal()
        }
    }

    /// The log after the startup line, read on a thread of its own.
    private final class Drain: Sendable {
        let text = Mutex("")
        let done = DispatchSemaphore(value: 0)
    }
    private let drain = Drain()

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Reads the log until the daemon says it serves (its socket is bound and has its mode),
    /// or until it exits.
    private func waitUntilAnswering() throws {
        while let line = readLogLine() {
            if line.contains("serving index ") { return }
        }
    }

    private var logSoFar = ""

    private func readLogLine() -> String? {
        var line = [UInt8]()
        while true {
            let byte = errors.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { return nil }
            if first == UInt8(ascii: "\n") {
                let text = String(decoding: line, as: UTF8.self)
                logSoFar += text + "\n"
                return text
            }
            line.append(first)
        }
    }

    func client() -> DaemonClient { DaemonClient(socket: socket) }

    /// Sends `signal`, waits for the exit, returns the status and everything logged.
    func stop(_ signal: Int32 = SIGTERM) -> (status: Int32, log: String) {
        kill(process.processIdentifier, signal)
        return finish()
    }

    /// Waits for the exit (the daemon ends by itself) and returns the status and log.
    func finish() -> (status: Int32, log: String) {
        process.waitUntilExit()
        let log: String
        if logSoFar.contains("serving index ") {
            drain.done.wait()
            log = logSoFar + drain.text.withLock { $0 }
        } else {
            log = logSoFar + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        return (process.terminationStatus, log)
    }
}

extension DaemonClient.Reply {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `code` of an error body.
    var errorCode: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }
}

/// The sample corpus ingested into a temporary folder.
func ingestedSample() throws -> TemporaryFolder {
    let folder = TemporaryFolder()
    try FileManager.default.copyItem(atPath: GoldenOutputTests.sample, toPath: folder.path + "/sample")
    let ingest = try BinaryRunner().run(["ingest", "--index", folder.index, "sample"], in: folder.path)
    guard ingest.status == 0 else { throw CocoaError(.fileReadUnknown) }
    return folder
}
