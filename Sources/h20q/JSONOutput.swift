import Foundation
import H20QServer

/// JSON as every `--json` prints it: the daemon's encoder (keys sorted, slashes unescaped,
/// indented, a newline at the end), so that both print the same bytes.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        write(try JSONBody.encode(value))
    }

    /// Bytes as they are, such as a daemon's answer.
    static func write(_ bytes: [UInt8]) {
        Terminal.standardOutput.write(String(decoding: bytes, as: UTF8.self))
    }
}
