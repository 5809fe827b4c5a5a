import Foundation
import H20QInput
import H20QSearch
import H20QStore

/// JSON as every `--json` prints it: keys sorted, slashes unescaped, indented.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        Terminal.standardOutput.write(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
    }
}
