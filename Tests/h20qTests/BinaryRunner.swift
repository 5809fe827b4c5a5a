import Foundation
import H20QFixtures

/// Runs the built `h20q` binary the way a user's shell would.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var output: String
        var errors: String

        var errorLines: [String] { errors.split(separator: "\n").map(String.init) }
    }

    /// The binary next to the test bundle (both live in the build folder), or `$H20Q_BINARY`.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["H20Q_BINARY"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("h20q").path) && folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("h20q").path
    }()

    var environment: [String: String] = [:]

    @discardableResult
    func run(_ arguments: [String], input: Data? = nil, in directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["H20Q_INDEX"] = nil
        environment.merge(self.environment) { _, new in new }
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes while the process runs, so that neither fills up and blocks it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        errData = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            errors: String(decoding: errData, as: UTF8.self))
    }

    /// `h20q stats --json` of `index`, parsed.
    func stats(_ index: String) throws -> [String: Any] {
        try json(run(["stats", "--index", index, "--json"]).output)
    }

    /// Starts the binary without waiting for it, with pipes to talk to it.
    func launch(_ arguments: [String]) throws -> RunningBinary {
        try RunningBinary(arguments, environment: environment)
    }
}

func json(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
