import Foundation

/// Another user at the other end of the daemon's socket: `nobody` (uid and gid 65534, no
/// supplementary groups), a python3 started through `setpriv`, which sends a request and
/// writes back every byte of the answer. The tests run as root, which the daemon always
/// serves, so a refusal can only be seen from a process of another uid.
///
///     try ForeignPeer.exchange(Array("GET /v1/health HTTP/1.1\r\n\r\n".utf8), socket: path)
///         -> "HTTP/1.1 403 Forbidden\r\n…"
enum ForeignPeer {
    static let uid: UInt32 = 65_534
    static let setpriv = "/usr/bin/setpriv"
    /// The system's python3: one under root's home (pyenv) is out of nobody's reach.
    static let python = "/usr/bin/python3"

    /// Why no process can run as another user here, or nil when one can.
    static let unavailable: String? = {
        guard getuid() == 0 else { return "the tests do not run as root, so they cannot switch to another uid" }
        for tool in [setpriv, python] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing"
        }
        guard let probe = try? run(script: "import os; assert os.getuid() == \(uid)", arguments: [], input: []),
            probe.status == 0
        else {
            return "\(setpriv) could not start \(python) as uid \(uid)"
        }
        return nil
    }()

    /// The answer's bytes, up to the daemon's closing the connection; `request` should ask
    /// for that (`Connection: close`) unless it is refused.
    static func exchange(_ request: [UInt8], socket: String) throws -> [UInt8] {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(10)
            s.connect(sys.argv[1])
            s.sendall(sys.stdin.buffer.read())
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                sys.stdout.buffer.write(chunk)
            """
        let result = try run(script: script, arguments: [socket], input: request)
        guard result.status == 0 else {
            throw RawConnection.Failure(
                description: "python3 as uid \(uid) failed: \(String(decoding: result.errors, as: UTF8.self))")
        }
        return result.output
    }

    private static func run(script: String, arguments: [String], input: [UInt8]) throws -> (
        status: Int32, output: [UInt8], errors: [UInt8]
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        process.arguments =
            ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", python, "-c", script] + arguments
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        // Read standard error on another thread, so that neither pipe fills up and blocks python.
        // Written by that thread only, read after the group is done.
        nonisolated(unsafe) var errors = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, Array(output), Array(errors))
    }
}
