import Foundation

/// The `h20q` binary running in the background: its standard input is a pipe the test
/// writes to, its standard error a pipe the test reads a line at a time.
final class RunningBinary {
    private let process = Process()
    private let input = Pipe()
    private let errors = Pipe()
    private var errorText = ""

    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["H20Q_INDEX"] = nil
        merged.merge(environment) { _, new in new }
        process.environment = merged
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
    }

    /// Writes `text` to the binary's standard input.
    func send(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    /// The next line the binary writes on standard error, waiting for it; nil at the end.
    func readErrorLine() -> String? {
        var line = [UInt8]()
        while true {
            let byte = errors.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if first == UInt8(ascii: "\n") {
                let text = String(decoding: line, as: UTF8.self)
                errorText += text + "\n"
                return text
            }
            line.append(first)
        }
    }

    /// Closes standard input, waits for the exit, and returns what was left on standard error.
    func finish() -> BinaryRunner.Result {
        try? input.fileHandleForWriting.close()
        let rest = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return BinaryRunner.Result(status: process.terminationStatus, output: "", errors: errorText + rest)
    }

    /// Ends the binary with SIGKILL, as a crash or the OOM killer would, and waits for it.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }
}

/// Changes in a folder, as the kernel reports them (inotify): a test waits for the next one
/// instead of sleeping and looking again.
final class FolderChanges {
    private let descriptor: Int32

    init(_ folder: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE)
        guard descriptor >= 0, inotify_add_watch(descriptor, folder, mask) >= 0 else {
            throw CocoaError(.fileReadUnknown)
        }
    }

    deinit { close(descriptor) }

    /// Waits up to `seconds` for changes; false when none came.
    func wait(seconds: Int) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, Int32(seconds * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = read(descriptor, &buffer, buffer.count)
        return true
    }
}
