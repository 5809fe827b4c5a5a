/// JSON written by hand in the exact bytes of Foundation's `JSONEncoder` with `.sortedKeys`,
/// `.withoutEscapingSlashes` and `.prettyPrinted` (how every `--json` prints): two-space
/// indents, `" : "` between key and value, an empty array as `[`, a blank line, `]`. For the
/// answers written most (a search's), where the encoder's boxing is a tenth of the search.
/// Keys must be given in sorted order; tests check the bytes against `JSONEncoder`'s.
///
///     var json = PrettyJSON()
///     json.object { $0.key("a"); $0.number(1.0) }   // json.bytes: {\n  "a" : 1\n}
package struct PrettyJSON {
    package private(set) var bytes: [UInt8] = []
    /// Whether a number was infinite or NaN, which JSON cannot hold (the encoder throws).
    package private(set) var wroteNonFinite = false
    private var depth = 0
    /// Whether the open container has a member yet (a comma goes before the next).
    private var started: [Bool] = []

    package init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func object(_ members: (inout PrettyJSON) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), members)
    }

    package mutating func array(_ elements: (inout PrettyJSON) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), elements)
    }

    /// An object member's key; its value comes next.
    package mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
        pendingKey = true
    }

    package mutating func string(_ text: String) {
        value()
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        let plain = !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        if plain { return bytes.append(contentsOf: text.utf8) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
    }

    package mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// The shortest text that reads back as `number`, without a trailing ".0" (`1` for 1.0),
    /// as the encoder writes it. Not for infinities or NaN, which JSON has no word for.
    package mutating func number(_ number: Double) {
        value()
        if !number.isFinite { wroteNonFinite = true }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func number(_ number: Int) {
        value()
        bytes.append(contentsOf: String(number).utf8)
    }

    package mutating func bool(_ flag: Bool) {
        value()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    package mutating func null() {
        value()
        bytes.append(contentsOf: "null".utf8)
    }

    // MARK: layout

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether a key was just written, so that the value follows it on its line.
    private var pendingKey = false

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout PrettyJSON) -> Void) {
        value()
        bytes.append(open)
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        started.append(false)
        body(&self)
        started.removeLast()
        depth -= 1
        // An empty container keeps its blank line, as the encoder writes it.
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(close)
    }

    /// Before a value: after its key nothing; as an array element, a comma and an indent.
    private mutating func value() {
        if pendingKey {
            pendingKey = false
        } else if !started.isEmpty {
            separate()
        }
    }

    /// A comma and newline after the previous member, then the indent of this one.
    private mutating func separate() {
        if started[started.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        } else {
            started[started.count - 1] = true
        }
        indent()
    }

    private mutating func indent() {
        for _ in 0..<(depth * 2) { bytes.append(UInt8(ascii: " ")) }
    }
}
