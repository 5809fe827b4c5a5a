import Foundation

@testable import H20QDedup
@testable import H20QIngest
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "h20q-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String {
        write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! data.write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// Everything a file yields through the readers, split into stories and problems.
func readEvents(_ path: String, format: InputFormat? = nil) -> (stories: [IncomingStory], problems: [String]) {
    var stories: [IncomingStory] = []
    var problems: [String] = []
    let expansion = InputFiles.expand([path], format: format)
    problems += expansion.problems.map(\.description)
    for file in expansion.files {
        file.read { event, _ in
            switch event {
            case .story(let story): stories.append(story)
            case .problem(let problem): problems.append(problem.description)
            }
        }
    }
    return (stories, problems)
}

/// Gzip of `data` made by the system's gzip, as users make them.
func gzip(_ data: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -c"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(data)
    try input.fileHandleForWriting.close()
    let result = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return result
}
