import Foundation
import H20QFixtures

@testable import H20QDedup
@testable import H20QInput

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

/// `body`'s result, computed on a thread with the stack ingest's reading thread has (8 MiB):
/// deep input must read there, whatever stack the test itself runs on.
func onReadingThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: T?
    let thread = Thread {
        result = body()
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    done.wait()
    return result!
}

/// `text` one byte a character (U+0000…U+00FF), as a Windows-1252 or Latin-1 file holds it.
///
///     singleByte("Don\u{92}t") -> [0x44, 0x6F, 0x6E, 0x92, 0x74]
func singleByte(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { UInt8($0.value) }
}

/// `text` in UTF-16 after its byte-order mark, as Windows editors save "Unicode" text.
///
///     utf16("é", bigEndian: false) -> FF FE E9 00
func utf16(_ text: String, bigEndian: Bool) -> Data {
    var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return Data(bytes)
}
