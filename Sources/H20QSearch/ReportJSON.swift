import Foundation

/// The duplicate report's JSON, `{"clusters": [...]}`, written one cluster at a time: the
/// same bytes as the whole report encoded at once with `ReportJSON.encode` (keys sorted,
/// slashes unescaped, indented, a newline at the end), which is how every `--json` and the
/// daemon print JSON. Framework-free, so that `dupes --json` and the daemon's `/v1/clusters`
/// share it.
///
///     var json = ReportJSON { bytes in output.append(contentsOf: bytes) }
///     try json.add(cluster); try json.finish()   -> {"clusters" : [ {...} ]}
public struct ReportJSON {
    private let write: ([UInt8]) -> Void
    private var written = 0

    public init(write: @escaping ([UInt8]) -> Void) {
        self.write = write
    }

    /// Keys sorted, slashes unescaped, indented, a newline at the end.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        var bytes = [UInt8](try encoder.encode(value))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    public mutating func add(_ cluster: ClusterReport.Cluster) throws {
        let encoded = [UInt8](try Self.encoder.encode(cluster))
        // The cluster as it sits in the array: two levels in, every line indented by four.
        var bytes: [UInt8] = Array((written == 0 ? "{\n  \"clusters\" : [\n" : ",\n").utf8)
        bytes.reserveCapacity(encoded.count + encoded.count / 8)
        bytes += Self.indent
        for byte in encoded {
            bytes.append(byte)
            if byte == UInt8(ascii: "\n") { bytes += Self.indent }
        }
        write(bytes)
        written += 1
    }

    public mutating func finish() throws {
        if written == 0 {
            write(try Self.encode(ClusterReport(clusters: [])))
        } else {
            write(Array("\n  ]\n}\n".utf8))
        }
    }

    private static let indent: [UInt8] = Array("    ".utf8)

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }
}
