import Foundation
import H20QSearch

/// JSON as every `--json` prints it and the daemon sends it: keys sorted, slashes unescaped,
/// indented, a newline at the end. One encoder for both, so their bytes are the same. A
/// search's answer, the one sent most, is written directly in the same bytes (`PrettyJSON`).
///
///     try JSONBody.encode(["b": 1, "a": 2]) -> "{\n  \"a\" : 2,\n  \"b\" : 1\n}\n"
package enum JSONBody {
    package static func encode(_ value: some Encodable) throws -> [UInt8] {
        if let results = value as? SearchResults, let bytes = results.prettyJSON { return bytes }
        return try encodedByFoundation(value)
    }

    /// `value` through Foundation's `JSONEncoder`, the reference the direct writers match.
    package static func encodedByFoundation(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        var bytes = [UInt8](try encoder.encode(value))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
